/**
 * Mounts an endpoint contract (`shared/api`) on a Hono router: body size limit, rate limits, authentication,
 * scope and role checks, parameter parsing and zod validation happen here, once, so a route
 * handler receives typed input and returns data.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { Endpoint } from '../../../shared/api/endpoint';
import { LIMITS } from '../../../shared/constants';
import type { AppEnv } from '../context';
import { establishCaller, requireCaller, requireClaims } from '../middleware/auth';
import { ApiError } from './errors';
import { limitRequest } from './request-limits';
import { bodyParams, queryParams } from './params';
import { validate } from './validate';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
}

type Result<E extends Endpoint> = E['response'] extends z.ZodType ? z.input<E['response']> | Response : Response;

export type Handler<E extends Endpoint> = (c: Context<AppEnv>, input: Input<E>) => Promise<Result<E>> | Result<E>;

export interface RouteOptions {
  /**
   * The handler confirms the session inside its one read (`confirmCaller`) instead of `on()`
   * confirming it first: one D1 round trip fewer for the hottest reads. Until then only the
   * token's claims are known (`requireClaims`).
   */
  sessionWithRead?: boolean;
}

export function on<E extends Endpoint>(router: Hono<AppEnv>, ep: E, handler: Handler<E>, options: RouteOptions = {}): void {
  const maxBytes = ep.maxBodyBytes ?? LIMITS.jsonBodyMaxBytes;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${maxBytes} bytes`);
    },
  });
  // hono's bodyLimit buffers a body sent without Content-Length; a streamed body is counted by its handler.
  const guard: MiddlewareHandler = ep.streamedBody ? (_c, next) => next() : limit;
  router.on(ep.method.toUpperCase(), ep.path, guard, async (c) => {
    await limitRequest(c, ep);
    if (options.sessionWithRead) requireClaims(c, ep);
    else {
      await establishCaller(c);
      requireCaller(c, ep);
    }
    const query = queryParams(c.req.url);
    const input = {
      params: ep.params ? validate(ep.params, c.req.param()) : undefined,
      query: ep.query ? validate(ep.query, query) : undefined,
      // As in Mastodon, body parameters may also come in the query string; the body wins.
      body: ep.body ? validate(ep.body, { ...query, ...(await bodyParams(c.req.raw)) }) : undefined,
    } as Input<E>;
    const result = await handler(c, input);
    if (c.var.claims && !c.var.caller) throw new Error(`${ep.path}: the handler did not confirm the session`);
    if (result instanceof Response) return result;
    return c.json(result as object, (ep.status ?? 200) as 200);
  });
}
