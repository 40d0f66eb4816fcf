/**
 * The one way sync talks to an upstream: GET a JSON body with `Authorization: Bearer <token>`,
 * retrying what may pass (429, 5xx, dropped connections, timeouts, truncated bodies) with
 * exponential backoff and full jitter, honouring `Retry-After`. A 401 stops at once.
 */
import { SyncError, UpstreamError } from '../errors.js';

export interface RetryEvent {
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** Retries after the first attempt; 0 means one attempt only. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Backoff before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Ceiling on a `Retry-After` wait, so a confused upstream cannot park the sync for a day. */
  maxRetryAfterMs?: number;
  onRetry?: (event: RetryEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface JsonResponse {
  body: unknown;
  /** The upstream's clock (`Date` header), when it sent one. */
  date: Date | null;
}

export interface UpstreamClient {
  /** `null` for a 404 when `allowNotFound` (an order the upstream no longer has). */
  get(path: string, params?: Params, options?: { allowNotFound?: boolean }): Promise<JsonResponse | null>;
  /** The full URL `get` would request, for messages. */
  url(path: string, params?: Params): string;
  readonly requests: number;
}

export type Params = Record<string, string | number | readonly string[] | null | undefined>;

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function buildUrl(baseUrl: string, path: string, params: Params = {}): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createClient(options: ClientOptions): UpstreamClient {
  const {
    baseUrl, token, maxRetries = 5, timeoutMs = 30_000, baseDelayMs = 500, maxDelayMs = 30_000,
    maxRetryAfterMs = 300_000, onRetry, sleep = sleepFor, random = Math.random,
  } = options;
  let requests = 0;

  async function attempt(url: string, allowNotFound: boolean): Promise<JsonResponse | null> {
    requests += 1;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the whole body inside the try: a connection dropped mid-body fails here, not later.
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const name = (error as Error).name;
      const reason =
        name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause?.message || cause?.code || (error as Error).message;
      throw new Retryable(`connection failed (${reason})`);
    }
    const { status } = response;
    if (status === 401) throw new SyncError(`the upstream refused the token (401) for ${url}`);
    if (status === 429 || status >= 500) {
      throw new Retryable(`HTTP ${status}`, retryAfterMs(response.headers.get('retry-after')));
    }
    if (status === 404 && allowNotFound) return null;
    if (status < 200 || status >= 300) throw new UpstreamError(status, url, text.slice(0, 200).trim());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // A 200 whose body is not JSON is most likely cut short by a proxy: worth another try.
      throw new Retryable('the body is not complete JSON');
    }
    const date = response.headers.get('date');
    return { body, date: date && !Number.isNaN(Date.parse(date)) ? new Date(date) : null };
  }

  return {
    get requests() {
      return requests;
    },
    url: (path, params) => buildUrl(baseUrl, path, params),
    async get(path, params, { allowNotFound = false } = {}) {
      const url = buildUrl(baseUrl, path, params);
      for (let n = 1; ; n += 1) {
        try {
          return await attempt(url, allowNotFound);
        } catch (error) {
          if (!(error instanceof Retryable)) throw error;
          if (n > maxRetries) {
            throw new SyncError(`gave up on ${url} after ${n} attempts: ${error.message}`);
          }
          const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
          const delayMs = Math.round(error.retryAfterMs === null ? backoff : Math.min(error.retryAfterMs, maxRetryAfterMs));
          onRetry?.({ url, attempt: n, reason: error.message, delayMs });
          await sleep(delayMs);
        }
      }
    },
  };
}
