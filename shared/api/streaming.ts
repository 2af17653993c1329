import { z } from 'zod';
import { STREAM_NAMES } from '../schemas/streaming';
import { endpoint } from './endpoint';

const tags = ['Streaming'] as const;

/** Connection parameters of the streaming socket; frames on the socket are described in docs/streaming.md. */
export const StreamingQuery = z.object({
  stream: z.enum(STREAM_NAMES).optional(),
  tag: z.string().min(1).max(100).optional(),
  /** Browsers cannot set headers on a WebSocket: the token may come here or in `Sec-WebSocket-Protocol`. */
  access_token: z.string().optional(),
});

export const streamingApi = {
  health: endpoint({ method: 'get', path: '/api/v1/streaming/health', summary: 'Whether the streaming API is up (answers `OK` as text)', tags, auth: 'public', produces: 'text/plain' }),
  connect: endpoint({
    method: 'get',
    path: '/api/v1/streaming',
    summary:
      'Opens the streaming WebSocket (send `Upgrade: websocket`). Token from the Authorization header, `Sec-WebSocket-Protocol` or `access_token`; subscribe with `{"type":"subscribe","stream":"user"}` frames. Public streams need no token; user, user:notification and direct need `read` (or read:statuses / read:notifications)',
    tags,
    auth: 'public',
    query: StreamingQuery,
    status: 101,
  }),
} as const;
