import { z } from 'zod';
import { Id } from '../schemas/common';
import { GoLiveBody, LiveStream } from '../schemas/live';
import { endpoint } from './endpoint';

const tags = ['Live'] as const;
const byId = z.object({ id: Id });
/** Browsers cannot set headers on a WebSocket: the token may come here or in `Sec-WebSocket-Protocol`. */
const SocketQuery = z.object({ access_token: z.string().optional() });

/**
 * SMILE extension: live streams. Media travels over WebSockets (docs/live.md): the owner's
 * broadcast socket sends WebM chunks, every watch socket receives them, with chat and reactions.
 * Mastodon has no live scopes, so they use the statuses ones.
 */
export const liveApi = {
  start: endpoint({ method: 'post', path: '/api/v1/live', summary: 'Go live: creates a stream (then broadcast on its socket); your followers are notified', tags, auth: 'user', scope: 'write:statuses', body: GoLiveBody, response: LiveStream, status: 201 }),
  list: endpoint({ method: 'get', path: '/api/v1/live', summary: 'Streams live now from accounts you follow, and your own, newest first', tags, auth: 'user', scope: 'read:statuses', response: z.array(LiveStream) }),
  get: endpoint({ method: 'get', path: '/api/v1/live/:id', summary: 'A live or ended stream you may watch', tags, auth: 'public', scope: 'read:statuses', params: byId, response: LiveStream }),
  end: endpoint({ method: 'post', path: '/api/v1/live/:id/end', summary: 'End your stream: viewers get `ended` with the replay URL and their sockets close (owner only)', tags, auth: 'user', scope: 'write:statuses', params: byId, response: LiveStream }),
  replay: endpoint({ method: 'get', path: '/api/v1/live/:id/replay', summary: 'The recording of an ended stream (video/webm, byte ranges supported)', tags, auth: 'public', scope: 'read:statuses', params: byId, produces: 'video/webm' }),
  broadcast: endpoint({
    method: 'get',
    path: '/api/v1/live/:id/broadcast',
    summary: 'The broadcaster’s WebSocket (owner only): binary frames are WebM chunks, the first one the initialisation segment; text frames as on the watch socket',
    tags,
    auth: 'public',
    params: byId,
    query: SocketQuery,
    status: 101,
  }),
  watch: endpoint({
    method: 'get',
    path: '/api/v1/live/:id/watch',
    summary: 'The viewer’s WebSocket: the init segment, then every chunk from now on; chat and reaction frames (chat needs a token)',
    tags,
    auth: 'public',
    params: byId,
    query: SocketQuery,
    status: 101,
  }),
} as const;
