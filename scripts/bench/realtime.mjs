/**
 * `BENCH_PARTS=realtime` (docs/realtime-bench.md): the ceiling of a one-object room (a bare
 * Durable Object behind its own `wrangler dev`, ceiling/) and the real `ChatRoom` of the running
 * SMILE server (in its chat Worker, workers/chat.ts) in the same shape — 1,000 sockets in one
 * room, five runs of 100 timed broadcasts each, taking turns, compared at p99 run by run — then the ceiling relaying a
 * 2 Mbit/s stream to 100 viewers; 100 rooms × 10 members chatting at once; and the real
 * `LiveStream` relaying the same stream. Each measurement that cannot run (a module not there, a
 * refused socket) prints one line saying so, and the next one runs.
 *
 * Called by scripts/bench.mjs after the agents; on its own (`node scripts/bench/realtime.mjs`) it
 * starts a server over an empty database holding only the 100 people it needs.
 *
 * Options (env): BENCH_SECONDS how long the 100 rooms chat (default 10), BENCH_CHAT_RATE
 * messages a second each member sends there (default 1), BENCH_CALIBRATE=1 instead of all that
 * the ceiling compared with itself (`calibrate`).
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
/** Runs of `ROUNDS` broadcasts each room makes, in turns with the other. */
const RUNS = 5;
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
 * `runs` runs of `ROUNDS` broadcasts in `rooms` (each `{ room }`), taking turns; resolves,
 * per run, with each room's figures. The p99 of 100 broadcasts is their second slowest — the
 * length of one stall, which two identical rooms do not share (`calibrate`) — so a comparison is
 * made `runs` times and judged by the median of its ratios.
 */
async function runsInTurns(rooms, runs) {
  const all = [];
  for (let k = 0; k < runs; k++) all.push(await timedBroadcasts(rooms.map((r) => r.room), { rounds: ROUNDS, first: k * 1_000 }));
  return all;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One line comparing room B with room A at the last receive, run by run: p99 ratios, their median, and the p50s'. */
function ratioLine(label, runs, target = '') {
  const ratios = (q) => runs.map(([a, b]) => b.last[q] / a.last[q]);
  const p99 = ratios('p99');
  return `${label}: last-receive p99 ${p99.map((r) => `${r.toFixed(2)}×`).join(', ')} — median ${median(p99).toFixed(2)}×${target}; p50 median ${median(ratios('p50')).toFixed(2)}×`;
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
    const runs = await runsInTurns(rooms, RUNS);
    const ready = (name) => (rooms.find((r) => r.name === name).readyMs / 1000).toFixed(1);
    for (const [k, results] of runs.entries()) {
      const [bare, chat] = ['ceiling', 'ChatRoom broadcast'].map((name) => results[rooms.findIndex((r) => r.name === name)]);
      const run = `run ${k + 1}/${RUNS}`;
      if (bare) console.log(`realtime ceiling (bare DO room, hibernatable sockets) ${run}: ${SOCKETS.toLocaleString()} sockets, ${broadcastFigures(bare)}; all connected in ${ready('ceiling')} s`);
      if (chat) {
        console.log(
          `realtime ChatRoom broadcast ${run}: ${MEMBERS} members × ${SOCKETS / MEMBERS} sockets, ${broadcastFigures(chat)}; ` +
            `ack to the sender ${ms(chat.ack)}${chat.acked < chat.measured ? ` (${chat.measured - chat.acked} acks missing)` : ''}; all ready in ${ready('ChatRoom broadcast')} s`,
        );
      }
    }
    if (rooms.length === 2) console.log(ratioLine(`realtime ChatRoom ÷ ceiling, ${RUNS} runs`, runs, ' (target ≤ 1.2×)'));
  } finally {
    for (const r of rooms) closeAll(r.sockets);
  }
}

/**
 * `BENCH_CALIBRATE=1`: the ceiling compared with a second ceiling in a `wrangler dev` of its own,
 * exactly as the ChatRoom is compared with it — the ratios an identical room gets on this machine,
 * i.e. how finely the comparison can tell two rooms apart.
 */
async function calibrate() {
  const pair = [await startCeiling(), await startCeiling()];
  const rooms = [];
  try {
    for (const ceiling of pair) rooms.push(await ceiling.openRoom(SOCKETS, SOCKETS / MEMBERS));
    const runs = await runsInTurns(rooms, RUNS);
    for (const [k, [a, b]] of runs.entries()) console.log(`realtime calibration run ${k + 1}/${RUNS}: ceiling A last receive ${ms(a.last)}, ceiling B ${ms(b.last)}`);
    console.log(ratioLine(`realtime ceiling B ÷ ceiling A, ${RUNS} runs`, runs));
  } finally {
    for (const r of rooms) closeAll(r.sockets);
    for (const ceiling of pair) await ceiling.stop();
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
  if (process.env.BENCH_CALIBRATE) return calibrate();
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
