/**
 * The ceiling of the real-time benchmark: the bare one-object room in ceiling/worker.ts, served by
 * its own `wrangler dev` on 127.0.0.1 — `sockets` sockets and timed broadcasts of the same `send`
 * frame the ChatRoom gets (relayed as is), then the live relay's stream through the same room.
 * Stopped before the real rooms are measured.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWrangler } from '../lib/dev-server.mjs';
import { measureRelay, relayFigures } from './live-relay.mjs';
import { broadcastFigures, closeAll, connect, openMany, roundOf, timedBroadcasts } from './sockets.mjs';

/** Resolves with the broadcasts' figures (the ChatRoom is compared with them); the relay's are printed. */
export async function ceilingRoom(sockets, rounds, relay) {
  const server = await startWrangler({ state: await mkdtemp(join(tmpdir(), 'smile-ceiling-')), args: ['--config', 'scripts/bench/ceiling/wrangler.toml'] });
  let open = [];
  try {
    const t0 = performance.now();
    open = await openMany(sockets, () => connect(`${server.url}/room`));
    const connected = performance.now() - t0;
    const r = await timedBroadcasts(open, (f) => roundOf(f.client_id), { rounds });
    console.log(
      `realtime ceiling (bare DO room, hibernatable sockets): ${sockets.toLocaleString()} sockets, ${broadcastFigures(r)}; all connected in ${(connected / 1000).toFixed(1)} s`,
    );
    closeAll(open);
    open = [];
    // Another object (the path names it), so no closing socket of the broadcasts is still in the room.
    const room = (_i, listen) => connect(`${server.url}/relay`, {}, listen);
    const relayed = await measureRelay(room, room, { ...relay, viewersJoinLate: false }).catch((err) => err);
    console.log(relayed instanceof Error ? `realtime ceiling relay: could not run — ${relayed.message}` : `realtime ceiling relay (bare DO room), ${relayFigures(relayed)}`);
    return r;
  } finally {
    closeAll(open);
    await server.stop();
  }
}
