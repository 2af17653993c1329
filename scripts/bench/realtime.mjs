/**
 * `BENCH_PARTS=realtime` (docs/realtime-bench.md): the ceiling of a one-object room (a bare
 * Durable Object behind its own `wrangler dev`, ceiling/) and the real `ChatRoom` of the running
 * SMILE server (in its chat Worker, workers/chat.ts) in the same shape — 1,000 sockets in one
 * room, 100 timed broadcasts each, taking turns, compared at p99 — then the ceiling relaying a
 * 2 Mbit/s stream to 100 viewers; 100 rooms × 10 members chatting at once; and the real
 * `LiveStream` relaying the same stream. Each measurement that cannot run (a module not there, a
 * refused socket) prints one line saying so, and the next one runs.
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
import { startCeiling } from './ceiling-room.mjs';
import { broadcastGroup, chatRooms } from './chat-rooms.mjs';
import { benchAccountId } from './data.mjs';
import { liveRelay, relayFigures } from './live-relay.mjs';
import { PASSWORD, people, personNumbers } from './people.mjs';
import { broadcastFigures, closeAll, fileLimitProblem, ms, timedBroadcasts } from './sockets.mjs';

/** Sockets in the one big room: the group cap of 100 members × 10 devices each. */
const SOCKETS = 1_000;
const MEMBERS = 100;
const ROUNDS = 100;
/** A 2 Mbit/s stream to 100 viewers for 20 s. */
const RELAY = { viewers: 100, chunks: 20 };

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
 * The ceiling and the real ChatRoom, `SOCKETS` sockets each, broadcasting in turns (one broadcast
 * in the bare room, one in the ChatRoom, …): the machine is shared, and a change of load then
 * falls on both alike. Either runs alone when the other cannot.
 */
async function broadcasts(url, members, ceiling) {
  const rooms = [];
  try {
    const opening = async (name, module, open) => {
      const t0 = performance.now();
      const opened = await attempt(name, module, open);
      if (opened) rooms.push({ name, ...opened, readyMs: performance.now() - t0 });
    };
    if (ceiling) await opening('ceiling', 'ceiling', () => ceiling.openRoom(SOCKETS, SOCKETS / MEMBERS));
    await opening('ChatRoom broadcast', 'chat', () => broadcastGroup(url, members, SOCKETS / MEMBERS));
    const results = await timedBroadcasts(rooms.map((r) => r.room), { rounds: ROUNDS });
    const [bare, chat] = ['ceiling', 'ChatRoom broadcast'].map((name) => results[rooms.findIndex((r) => r.name === name)]);
    const ready = (name) => (rooms.find((r) => r.name === name).readyMs / 1000).toFixed(1);
    if (bare) console.log(`realtime ceiling (bare DO room, hibernatable sockets): ${SOCKETS.toLocaleString()} sockets, ${broadcastFigures(bare)}; all connected in ${ready('ceiling')} s`);
    if (chat) {
      const ratio = bare ? ` — ${(chat.last.p99 / bare.last.p99).toFixed(2)}× the ceiling's p99 (target ≤ 1.2×)` : '';
      console.log(
        `realtime ChatRoom broadcast: ${MEMBERS} members × ${SOCKETS / MEMBERS} sockets, ${broadcastFigures(chat)}${ratio}; ` +
          `ack to the sender ${ms(chat.ack)}${chat.acked < chat.measured ? ` (${chat.measured - chat.acked} acks missing)` : ''}; all ready in ${ready('ChatRoom broadcast')} s`,
      );
    }
  } finally {
    for (const r of rooms) closeAll(r.sockets);
  }
}

/**
 * `url`: the running SMILE Worker; `logIn(count)`: resolves with that many logged-in people
 * `{ id, token }` (no agents).
 */
export async function realtime(url, logIn) {
  // The ceiling's and the ChatRoom's sockets are open at the same time.
  const files = fileLimitProblem(2 * SOCKETS);
  if (files) return console.log(`realtime: could not run — ${files}`);
  const members = await attempt('logging in', 'auth', () => logIn(MEMBERS));
  if (!members) return;
  const ceiling = await attempt('ceiling', 'ceiling', startCeiling);
  try {
    await broadcasts(url, members, ceiling);
    if (ceiling) await attempt('ceiling relay', 'ceiling', async () => console.log(`realtime ceiling relay (bare DO room), ${relayFigures(await ceiling.relay(RELAY))}`));
  } finally {
    await ceiling?.stop();
  }
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
  const now = Date.now();
  const server = await startServer({ vars: { LOG_LEVEL: 'warn' } });
  try {
    await server.sql(await peopleSql(now));
    await realtime(server.url, (count) => people(server.url, now, count));
  } finally {
    await server.stop();
  }
}
