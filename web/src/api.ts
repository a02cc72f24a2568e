// Talking to the Faultline API: relative URLs (the app works wherever it is served), the token when the
// server asks for one or an analyst signs in (kept for the browser session only), and errors that say what failed.
import { decodePoints, type DecodedPoints } from '../../src/server/points-binary.ts';

const TOKEN_KEY = 'faultline-token';

export class AuthError extends Error {}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const tokenListeners: (() => void)[] = [];

export function setToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
  for (const fn of tokenListeners) fn();
}

export function hasToken(): boolean {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

/** Called whenever the token changes (the session asks the server who it belongs to). */
export function onTokenChange(fn: () => void): void {
  tokenListeners.push(fn);
}

function headers(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

export function apiUrl(path: string, query?: URLSearchParams): string {
  const url = new URL(path, document.baseURI);
  if (query !== undefined) url.search = query.toString();
  return url.href;
}

async function request(path: string, query?: URLSearchParams, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(apiUrl(path, query), { headers: headers(), ...(signal === undefined ? {} : { signal }) });
  if (res.status === 401) throw new AuthError('this server needs a viewer token to read');
  if (!res.ok) throw new ApiError(res.status, `${path}: ${await messageOf(res)}`);
  return res;
}

/** The API's own words for a refusal ({error, message}), else the HTTP status. */
async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string };
    if (typeof body.message === 'string') return body.message;
  } catch { /* not JSON: the status says it */ }
  return `${res.status} ${res.statusText}`;
}

/**
 * A write (PATCH /events/:id). Every refusal is an ApiError with its status, 401 included: for a write, 401
 * means "sign in as an analyst", not "this server needs a token to read", and the caller says which.
 */
export async function sendJson<T>(method: 'PATCH' | 'POST', path: string, body: unknown): Promise<T> {
  const res = await fetch(apiUrl(path), { method, headers: { ...headers(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new ApiError(res.status, await messageOf(res));
  return res.json() as Promise<T>;
}

export async function getJson<T>(path: string, query?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  return (await request(path, query, signal)).json() as Promise<T>;
}

/** GET /events/points for these filters, in its binary form (typed arrays, nothing to parse). */
export async function getPoints(query: URLSearchParams): Promise<DecodedPoints> {
  const q = new URLSearchParams(query);
  q.set('format', 'binary');
  return decodePoints(await (await request('events/points', q)).arrayBuffer());
}

/** A text page of GET /events (CSV, GeoJSON) and the cursor of the next one. */
export async function getPage(path: string, query: URLSearchParams): Promise<{ text: string; next: string | null }> {
  const res = await request(path, query);
  return { text: await res.text(), next: res.headers.get('x-next-cursor') };
}
