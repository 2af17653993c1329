/**
 * `BENCH_PARTS=realtime` (docs/realtime-bench.md): the ceiling of a one-object room (a bare
 * Durable Object behind its own `wrangler dev`, ceiling/), then against the running SMILE Worker
 * the real `ChatRoom` in the same shape — 1,000 sockets in one room, 100 timed broadcasts,
 * compared at p99 with the ceiling — 100 rooms × 10 members chatting at once, and the
 * `LiveStream` relay of a 2 Mbit/s stream to 100 viewers. Each measurement that cannot run (a
 * module not there, a refused socket) prints one line saying so, and the next one runs.
 *
 * Options (env): BENCH_SECONDS how long the 100 rooms chat (default 10), BENCH_CHAT_RATE
 * messages a second each member sends there (default 1).
 */
import { ceilingRoom } from './ceiling-room.mjs';
import { chatBroadcast, chatRooms } from './chat-rooms.mjs';
import { liveRelay } from './live-relay.mjs';
import { ensureFileLimit } from './sockets.mjs';

/** Sockets in the one big room: the group cap of 100 members × 10 devices each. */
export const SOCKETS = 1_000;
const MEMBERS = 100;
const ROUNDS = 100;

/** Call before any server starts (workerd inherits the limit): null, or why the part cannot run. */
export const realtimeFileLimit = () => ensureFileLimit(SOCKETS);

/** Runs `measure`; a failure becomes one line naming what could not run and the module it needs. */
async function attempt(name, module, measure) {
  try {
    return await measure();
  } catch (err) {
    const hint = err.status === 404 ? ` (is the ${module} module merged?)` : '';
    console.log(`realtime ${name}: could not run — ${err.message}${hint}`);
    return undefined;
  }
}

/**
 * `url`: the running SMILE Worker; `people()`: resolves with `MEMBERS` logged-in people
 * `{ id, token }` (no agents); `fileLimit`: what `realtimeFileLimit()` said before the servers started.
 */
export async function realtime(url, people, fileLimit) {
  if (fileLimit) return console.log(`realtime: could not run — ${fileLimit}`);
  const ceiling = await attempt('ceiling', 'ceiling', () => ceilingRoom(SOCKETS, ROUNDS));
  const members = await people(MEMBERS);
  await attempt('ChatRoom broadcast', 'chat', () => chatBroadcast(url, members, { perMember: SOCKETS / MEMBERS, rounds: ROUNDS, ceiling }));
  await attempt('100 rooms × 10 members', 'chat', () =>
    chatRooms(url, members, { rooms: 100, members: 10, seconds: Number(process.env.BENCH_SECONDS ?? 10), rate: Number(process.env.BENCH_CHAT_RATE ?? 1) }),
  );
  await attempt('live relay', 'live', () => liveRelay(url, members, { viewers: 100, chunks: 20 }));
}
