/**
 * `GET /api/v1/streaming`: the Mastodon streaming WebSocket. The route checks the token and
 * hands the upgrade to a UserStream object — the caller's own (name = account id), or the
 * shared `channel:public` for anonymous sockets — which keeps the socket and its subscriptions.
 */
import { Hono } from 'hono';
import { streamingApi } from '../../../shared/api/streaming';
import { scopeSatisfies } from '../../../shared/scopes';
import { USER_STREAMS } from '../../../shared/schemas/streaming';
import { PUBLIC_CHANNEL } from '../../../durable-objects/UserStream';
import type { AppEnv, Caller } from '../context';
import { badRequest, unauthorized } from '../lib/errors';
import { on } from '../lib/route';
import { socketCaller, upgraded } from './socket-auth';

export const streamingRoutes = new Hono<AppEnv>();

/** The scope each user stream needs, as Mastodon's streaming server checks it (`read` covers both). */
const STREAM_SCOPE = { user: 'read:statuses', direct: 'read:statuses', 'user:notification': 'read:notifications' } as const;

/** The user streams a caller's token allows. */
export function allowedUserStreams(caller: Caller | null): string[] {
  if (!caller?.account) return [];
  return USER_STREAMS.filter((s) => scopeSatisfies(caller.scopes, STREAM_SCOPE[s as keyof typeof STREAM_SCOPE]));
}

on(streamingRoutes, streamingApi.health, (c) => c.text('OK'));

on(streamingRoutes, streamingApi.connect, async (c, { query }) => {
  const { caller, protocol } = await socketCaller(c, query.access_token);
  const allowed = allowedUserStreams(caller);
  if (query.stream?.startsWith('hashtag') && !query.tag) throw badRequest('A hashtag stream needs a tag');
  if (query.stream && USER_STREAMS.includes(query.stream) && !allowed.includes(query.stream)) {
    throw unauthorized(caller?.account ? 'The access token does not have the required scopes' : 'This stream needs an access token');
  }

  const account = caller?.account?.id ?? null;
  const url = new URL('https://user-stream/');
  if (account) url.searchParams.set('account', account);
  url.searchParams.set('allowed', allowed.join(','));
  if (query.stream) url.searchParams.set('stream', query.stream);
  if (query.tag) url.searchParams.set('tag', query.tag);
  const ns = c.env.USER_STREAM;
  return upgraded(await ns.get(ns.idFromName(account ?? PUBLIC_CHANNEL)).fetch(url, { headers: { upgrade: 'websocket' } }), protocol);
});
