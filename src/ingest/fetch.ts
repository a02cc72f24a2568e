// HTTP GET of one page or feed the user named. The only network use of ingest, and only for URLs given on
// the command line. Bounded in time (one deadline for connection and body) and in size (counted while the
// body streams in, so a server that never stops sending cannot fill memory).
import { DocumentError } from './errors.ts';
import { formatBytes } from './validate.ts';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest response read: a big feed is a few MiB; anything near this is not a news page or feed. */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

export interface FetchOptions {
  /** For tests, or a proxy-aware fetch. Default: the global fetch. */
  fetchImpl?: typeof fetch;
  /** Deadline for the whole request, body included. Default 30 s. */
  timeoutMs?: number;
  /** Largest response body accepted. Default 50 MiB. */
  maxResponseBytes?: number;
}

export interface Fetched {
  /** The URL finally read, after redirects. */
  url: string;
  contentType: string | null;
  bytes: Uint8Array;
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** Reads `url` whole or throws a DocumentError naming it (HTTP status, timeout, size, connection). */
export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const fail = (reason: string): never => {
    throw new DocumentError(url, reason);
  };
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    fail('not a valid URL');
  }
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') fail('only http and https URLs can be fetched');

  const doFetch = opts.fetchImpl ?? fetch;
  const tooLarge = `response is larger than ${formatBytes(cap)}, the limit for a page or feed`;
  let res: Response;
  try {
    res = await doFetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5' },
    });
  } catch (err) {
    return fail(isTimeout(err) ? `no answer within ${timeoutMs / 1000} s` : `cannot connect (${causeOf(err)})`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    return fail(tooLarge);
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body !== null) {
    const reader = res.body.getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        total += r.value.byteLength;
        if (total > cap) {
          await reader.cancel().catch(() => undefined);
          return fail(tooLarge);
        }
        chunks.push(r.value);
      }
    } catch (err) {
      if (err instanceof DocumentError) throw err;
      return fail(isTimeout(err) ? `no complete answer within ${timeoutMs / 1000} s` : `the transfer failed (${causeOf(err)})`);
    }
  }
  return { url: res.url || url, contentType: res.headers.get('content-type'), bytes: Buffer.concat(chunks) };
}
