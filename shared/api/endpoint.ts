import type { z } from 'zod';

/**
 * Who may call an endpoint:
 * - `public`: anyone; a token is read when present.
 * - `app`: any valid token, even one issued to an app without a user (client_credentials).
 * - `user`: a token that belongs to an account.
 */
export type Auth = 'public' | 'app' | 'user';

/**
 * One API operation, described once: the Worker routes and validates with it, the OpenAPI
 * document is generated from it, and the web client calls through it.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path syntax (`/api/v1/accounts/:id`). */
  path: string;
  summary: string;
  tags: readonly string[];
  auth: Auth;
  /** The OAuth scope a token needs (checked whenever a token is presented). */
  scope?: string;
  /** A role the account needs, checked after the scope. */
  role?: 'moderator' | 'admin';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * A body the handler reads from the request stream itself (large uploads): `on()` neither
   * buffers, limits nor parses it — the handler enforces `maxBodyBytes` while streaming.
   * Documented in OpenAPI like `body`.
   */
  streamedBody?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 200 unless stated. */
  status?: number;
  /** Largest request body accepted, in bytes; the default is LIMITS.jsonBodyMaxBytes. */
  maxBodyBytes?: number;
  /** Response content type when it is not JSON (HTML pages, redirects). */
  produces?: string;
  /**
   * Which request budget a call spends (docs/security.md): `read` for GET and `write` for the
   * other methods unless stated; `post` for creating content (statuses, media, agents, listings,
   * chats), which has the smallest budget; `none` for callers that are not clients (the payment
   * provider's signed webhooks, which it retries).
   */
  rateLimit?: RateLimitClass;
}

export type RateLimitClass = 'read' | 'write' | 'post' | 'none';

export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}
