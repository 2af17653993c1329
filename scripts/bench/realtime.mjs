/**
 * `BENCH_PARTS=realtime` (docs/realtime-bench.md): the ceiling of a one-object room (a bare
 * Durable Object behind its own `wrangler dev`, ceiling/), then against the running SMILE Worker
 * the real `ChatRoom` in the same shape — 1,000 sockets in one room, 100 timed broadcasts,
 * compared at p99 with the ceiling — 100 rooms × 10 members chatting at once, and the
 * `LiveStream` relay of a 2 Mbit/s stream to 100 viewers. Each measurement that cannot run (a
 * module not there, a refused socket) prints one line saying so, and the next one runs.
 *
 * Called by scripts/bench.mjs after the agents; on its own (`node scripts/bench/realtime.mjs`) it
 * starts a server over an empty database holding only the 100 people it needs.
 *
 * Options (env): BENCH_SECONDS how long the 100 rooms chat (default 10), BENCH_CHAT_RATE
 * messages a second each member sends there (default 1).
 */
import { pathToFileURL } from 'node:url';
import { startServer } from '../lib/dev-server.mjs';
import { hashPassword } from '../seed.mjs';
import { ceilingRoom } from './ceiling-room.mjs';
import { chatBroadcast, chatRooms } from './chat-rooms.mjs';
import { benchAccountId } from './data.mjs';
import { liveRelay } from './live-relay.mjs';
import { PASSWORD, people, personNumbers } from './people.mjs';
import { ensureFileLimit } from './sockets.mjs';

/** Sockets in the one big room: the group cap of 100 members × 10 devices each. */
export const SOCKETS = 1_000;
const MEMBERS = 100;
const ROUNDS = 100;
/** A 2 Mbit/s stream to 100 viewers for 20 s. */
const RELAY = { viewers: 100, chunks: 20 };

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
 * `url`: the running SMILE Worker; `logIn(count)`: resolves with that many logged-in people
 * `{ id, token }` (no agents); `fileLimit`: what `realtimeFileLimit()` said before the servers started.
 */
export async function realtime(url, logIn, fileLimit) {
  if (fileLimit) return console.log(`realtime: could not run — ${fileLimit}`);
  const ceiling = await attempt('ceiling', 'ceiling', () => ceilingRoom(SOCKETS, ROUNDS, RELAY));
  const members = await attempt('logging in', 'auth', () => logIn(MEMBERS));
  if (!members) return;
  await attempt('ChatRoom broadcast', 'chat', () => chatBroadcast(url, members, { perMember: SOCKETS / MEMBERS, rounds: ROUNDS, ceiling }));
  await attempt('100 rooms × 10 members', 'chat', () =>
    chatRooms(url, members, { rooms: 100, members: 10, seconds: Number(process.env.BENCH_SECONDS ?? 10), rate: Number(process.env.BENCH_CHAT_RATE ?? 1) }),
  );
  await attempt('live relay', 'live', () => liveRelay(url, members, RELAY));
}

/** SQL for just the bench people the part logs in, as data.mjs writes them. */
async function peopleSql(now) {
  const hash = await hashPassword(PASSWORD);
  const rows = personNumbers(MEMBERS).map((n) => `('${benchAccountId(now, n)}', 'bench${n}', 'bench${n}@bench.local', ${now}, '${hash}', 'person', 0, 'Bench ${n}', '', ${now}, ${now})`);
  return `INSERT INTO accounts (id, username, email, email_verified_at, password_hash, kind, bot, display_name, note, created_at, updated_at) VALUES ${rows.join(', ')}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fileLimit = realtimeFileLimit();
  const now = Date.now();
  const server = await startServer({ vars: { LOG_LEVEL: 'warn' } });
  try {
    await server.sql(await peopleSql(now));
    await realtime(server.url, (count) => people(server.url, now, count), fileLimit);
  } finally {
    await server.stop();
  }
}
