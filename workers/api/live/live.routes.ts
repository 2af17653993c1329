/** Live streams (SMILE extension): go live, list, get, end, the replay, and the broadcast and watch sockets. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { liveApi } from '../../../shared/api/live';
import type { LiveChatAuthor } from '../../../shared/schemas/live';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv } from '../context';
import { ApiError, notFound, unauthorized } from '../lib/errors';
import { on } from '../lib/route';
import { serveObject } from '../media/serve';
import { announce } from '../streaming/announce';
import { socketCaller, upgradeAnswer } from '../middleware/socket-auth';
import { type LoadedStream, endStream, followedLive, ownStream, startStream, streamObject, watchableStream } from './live.service';
import { serializeLiveStream } from './serializers';

export const liveRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;
const entity = (c: Context<AppEnv>, s: LoadedStream) => serializeLiveStream(c.var.config, s.stream, s.account);

on(liveRoutes, liveApi.start, async (c, { body }) => {
  const started = await startStream(c.var.db, me(c), body);
  announce(c, [{ kind: 'live.started', streamId: started.stream.id, authorId: started.account.id }]);
  return c.json(entity(c, started), 201);
});

on(liveRoutes, liveApi.list, async (c) => (await followedLive(c.var.db, me(c).id)).map((s) => entity(c, s)));

on(liveRoutes, liveApi.get, async (c, { params }) => entity(c, await watchableStream(c.var.db, c.var.caller?.account?.id ?? null, params.id)));

on(liveRoutes, liveApi.end, async (c, { params }) => entity(c, await endStream(c.var.db, c.env, me(c).id, params.id)));

on(liveRoutes, liveApi.replay, async (c, { params }) => {
  const { stream } = await watchableStream(c.var.db, c.var.caller?.account?.id ?? null, params.id);
  if (!stream.replayKey) throw notFound(stream.state === 'live' ? 'The replay is ready when the stream ends' : 'Nothing was broadcast on this stream');
  return serveObject(c, stream.replayKey);
});

/** Opens a socket on the stream's object; `author` is who chats and reacts from it (null: watch only). */
async function openSocket(c: Context<AppEnv>, s: LoadedStream, role: 'broadcaster' | 'viewer', protocol: string | null): Promise<Response> {
  if (s.stream.state === 'ended') throw new ApiError(410, 'This stream has ended');
  const account = c.var.caller?.account;
  const url = new URL(`https://live-stream/${role}`);
  url.searchParams.set('stream', s.stream.id);
  if (account) {
    const a = serializeAccount(c.var.config, account);
    const author: LiveChatAuthor = { id: a.id, acct: a.acct, display_name: a.display_name, avatar: a.avatar };
    url.searchParams.set('author', JSON.stringify(author));
  }
  return upgradeAnswer(await streamObject(c.env, s.stream.id).fetch(url, { headers: { upgrade: 'websocket' } }), protocol);
}

on(liveRoutes, liveApi.broadcast, async (c, { params, query }) => {
  const { caller, protocol } = await socketCaller(c, query.access_token);
  if (!caller?.account) throw unauthorized('Broadcasting needs an access token');
  c.set('caller', caller);
  return openSocket(c, await ownStream(c.var.db, caller.account.id, params.id), 'broadcaster', protocol);
});

on(liveRoutes, liveApi.watch, async (c, { params, query }) => {
  const { caller, protocol } = await socketCaller(c, query.access_token);
  c.set('caller', caller);
  return openSocket(c, await watchableStream(c.var.db, caller?.account?.id ?? null, params.id), 'viewer', protocol);
});
