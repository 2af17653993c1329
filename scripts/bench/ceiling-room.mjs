/**
 * The ceiling of the real-time benchmark: the bare one-object room of ceiling/worker.ts, served by
 * its own `wrangler dev` on 127.0.0.1, which relays every frame as is — the chat broadcasts' `send`
 * frame and the live relay's stream. Stopped before the rest of the part runs.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWrangler } from '../lib/dev-server.mjs';
import { measureRelay } from './live-relay.mjs';
import { broadcastRoom, connect, openMany, roundOf } from './sockets.mjs';

/** What the ChatRoom broadcasts for one of the bench's sends (a `message` frame, about 290 bytes): the ceiling relays as many. */
const MESSAGE_FRAME_BYTES = 290;

export async function startCeiling() {
  const server = await startWrangler({ state: await mkdtemp(join(tmpdir(), 'smile-ceiling-')), args: ['--config', 'scripts/bench/ceiling/wrangler.toml'] });
  // The worker keeps one object per URL path: the broadcasts and the relay each get their own.
  const socket = (name, listen) => connect(`${server.url}/${name}`, {}, listen);
  return {
    stop: server.stop,
    /** `count` sockets in one room, and the room for `timedBroadcasts`, sent from socket (i × `stride`) mod `count` as the ChatRoom's are. */
    async openRoom(count, stride) {
      const sockets = await openMany(count, () => socket('broadcasts'));
      return { sockets, room: broadcastRoom(sockets, { round: (f) => roundOf(f.client_id), senderOf: (i) => (i * stride) % count, padTo: MESSAGE_FRAME_BYTES }) };
    },
    /** The live relay's measurement through a bare room: the viewers are there before the init segment, which the room does not keep. */
    relay(options) {
      return measureRelay(() => socket('relay'), (_i, listen) => socket('relay', listen), { ...options, viewersJoinLate: false });
    },
  };
}
