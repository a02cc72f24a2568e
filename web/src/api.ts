// Talking to the Faultline API: relative URLs (the app works wherever it is served), the viewer token when
// the server asks for one (kept for the browser session only), and errors that say what failed.

const TOKEN_KEY = 'faultline-token';

export class AuthError extends Error {}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function setToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

function headers(): HeadersInit {
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
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { message?: string };
      if (typeof body.message === 'string') message = body.message;
    } catch { /* not JSON: the status says it */ }
    throw new ApiError(res.status, `${path}: ${message}`);
  }
  return res;
}

export async function getJson<T>(path: string, query?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  return (await request(path, query, signal)).json() as Promise<T>;
}

/** A text page of GET /events (CSV, GeoJSON) and the cursor of the next one. */
export async function getPage(path: string, query: URLSearchParams): Promise<{ text: string; next: string | null }> {
  const res = await request(path, query);
  return { text: await res.text(), next: res.headers.get('x-next-cursor') };
}
