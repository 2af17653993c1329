/**
 * Plain HTTP to the SMILE API: JSON, forms and multipart in, JSON out, and one error type built
 * from the API's envelope `{ error, error_description?, details? }`. Knows nothing of sessions.
 */
import type { ErrorBody } from './types';

export type FieldErrors = Record<string, string[]>;

/** An API failure as the user should hear about it. `status` 0 means the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
    /** Seconds, from Retry-After on 429. */
    readonly retryAfter?: number,
    /** A machine-readable reason: the OAuth error code (`invalid_grant`, ...) or the API's `code` (`mfa_stale`, ...). */
    readonly code?: string,
    /** Each field's machine-readable error codes (`details.<field>[].error`, e.g. `ERR_ENTITLEMENT_REQUIRED`), beside `fields`' descriptions. */
    readonly fieldCodes: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function rateLimitMessage(seconds: number | undefined): string {
  const minutes = Math.max(1, Math.ceil((seconds ?? 60) / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** Builds the ApiError for a failed response from its status, body text and Retry-After header. */
export function errorFromResponse(status: number, text: string, retryAfterHeader: string | null): ApiError {
  let body: Partial<ErrorBody> = {};
  try {
    body = JSON.parse(text) as Partial<ErrorBody>;
  } catch {
    // not JSON: a proxy or the platform answered
  }
  const fields: FieldErrors = {};
  const fieldCodes: FieldErrors = {};
  for (const [field, errors] of Object.entries(body.details ?? {})) {
    fields[field] = errors.map((e) => e.description);
    fieldCodes[field] = errors.map((e) => e.error);
  }
  if (status === 429) {
    const retryAfter = Number(retryAfterHeader) || undefined;
    return new ApiError(429, rateLimitMessage(retryAfter), fields, retryAfter, undefined, fieldCodes);
  }
  const oauth = body.error_description !== undefined;
  const message = (oauth ? body.error_description : body.error) || `The server answered ${status}. Please try again.`;
  return new ApiError(status, message, fields, undefined, oauth ? body.error : body.code, fieldCodes);
}

export const NETWORK_ERROR = "Can't reach SMILE right now. Check your connection and try again.";

export type Body = Record<string, unknown> | FormData | URLSearchParams;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: Body;
  query?: Record<string, string | undefined>;
  token?: string | null;
  headers?: Record<string, string>;
  /** Outlives the page (a report sent as the tab closes). */
  keepalive?: boolean;
}

export function withQuery(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One request; resolves with the parsed JSON body, rejects with ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestPage<T>(path, options)).data;
}

/** The URL of the next page from a `Link` header (rel="next"), as a same-origin path. */
export function nextLink(header: string | null): string | null {
  const match = header && /<([^>]+)>\s*;\s*rel="next"/.exec(header);
  if (!match) return null;
  const url = new URL(match[1]!, window.location.origin);
  return url.pathname + url.search;
}

/** One request for a page of a list; also returns the next page's path from the `Link` header. */
export async function requestPage<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; next: string | null }> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || options.body instanceof URLSearchParams) body = options.body;
  else if (options.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, keepalive: options.keepalive });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  const text = await res.text();
  if (!res.ok) throw errorFromResponse(res.status, text, res.headers.get('retry-after'));
  return { data: (text ? JSON.parse(text) : {}) as T, next: nextLink(res.headers.get('link')) };
}
