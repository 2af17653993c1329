import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../../shared/schemas/common';

export type FieldErrors = NonNullable<ErrorBody['details']>;

/**
 * The one error type of the API. Services throw it; the error handler turns it into the JSON
 * envelope `{ error, details? }` with its status. Anything else thrown is a 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details?: FieldErrors,
    readonly headers?: Record<string, string>,
    /** OAuth endpoints answer with RFC 6749 error codes (`invalid_grant`, ...). */
    readonly oauthCode?: string,
    /** A machine-readable reason a client acts on (`mfa_required`, `mfa_stale`), sent as `code`. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    if (this.oauthCode) return { error: this.oauthCode, error_description: this.message };
    return { error: this.message, ...(this.code ? { code: this.code } : {}), ...(this.details ? { details: this.details } : {}) };
  }
}

export const badRequest = (msg: string) => new ApiError(400, msg);
export const unauthorized = (msg = 'The access token is invalid') => new ApiError(401, msg, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (msg = 'This action is not allowed') => new ApiError(403, msg);
export const notFound = (msg = 'Record not found') => new ApiError(404, msg);
export const conflict = (msg: string) => new ApiError(409, msg);
export const codedError = (status: ContentfulStatusCode, code: string, msg: string) => new ApiError(status, msg, undefined, undefined, undefined, code);
export const oauthError = (status: ContentfulStatusCode, code: string, description: string) => new ApiError(status, description, undefined, undefined, code);

/** 422 with one field error — the shape Mastodon clients parse. */
export function invalidField(field: string, description: string, code = 'ERR_INVALID'): ApiError {
  return new ApiError(422, `Validation failed: ${field} ${description}`, { [field]: [{ error: code, description }] });
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'Too many requests, try again later', undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
}
