/**
 * A live relay under a 2 Mbit/s stream (docs/realtime-bench.md): a broadcaster sends an
 * initialisation segment, `viewers` sockets join and wait for it, then one chunk of synthetic
 * bytes a second (250 KB = 2 Mbit) is sent `chunks` times. Each chunk carries its number, so
 * every viewer checks it got the init segment first and then every chunk, in order, whole; the
 * added latency is the send → receive time of each chunk at each viewer. Measured on the real
 * `LiveStream` (going live through the REST API) and on the ceiling's bare room.
 */
import { closeAll, connect, ms, openMany, rest, spread } from './sockets.mjs';

const CHUNK_BYTES = 250_000;
const INIT_BYTES = 1_000;
/** Magic numbers of an EBML header and a Matroska cluster, so the bytes start the way WebM does. */
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75];

function initSegment() {
  const init = Buffer.alloc(INIT_BYTES, 0x49);
  init.set(EBML);
  return init;
}

/** Chunk `n` (1, 2, …): the cluster id, then n as 32 bits, then filler. */
function chunk(n) {
  const bytes = Buffer.alloc(CHUNK_BYTES, n & 0xff);
  bytes.set(CLUSTER);
  bytes.writeUInt32BE(n, 4);
  return bytes;
}

/** What one viewer has seen: whether its first binary frame was the init segment, then the chunks' numbers. */
function watch(ws, init, sentAt, latencies) {
  const seen = { init: undefined, chunks: [], broken: 0, gotInit: null };
  seen.gotInit = new Promise((resolve) => {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return; // chat, reactions and viewer counts
      if (seen.init === undefined) {
        seen.init = data.equals(init);
        return resolve();
      }
      const n = data.length === CHUNK_BYTES ? data.readUInt32BE(4) : 0;
      if (!sentAt[n]) return void seen.broken++;
      latencies[n].push(performance.now() - sentAt[n]);
      seen.chunks.push(n);
    });
  });
  return seen;
}

/**
 * The relay measurement over sockets from `openBroadcaster()` and `openViewer(i, listen)` (which
 * passes `listen` to `connect`). `viewersJoinLate`: the init segment is sent before the viewers
 * join, so each must get it from the stream (a real LiveStream); otherwise after (a bare relay).
 */
export async function measureRelay(openBroadcaster, openViewer, { viewers = 100, chunks = 20, viewersJoinLate = true } = {}) {
  const init = initSegment();
  const sentAt = [];
  const latencies = Array.from({ length: chunks + 1 }, () => []);
  let broadcast;
  let watchers = [];
  try {
    broadcast = await openBroadcaster();
    if (viewersJoinLate) broadcast.send(init);
    const seen = [];
    watchers = await openMany(viewers, (i) => openViewer(i, (ws) => (seen[i] = watch(ws, init, sentAt, latencies))));
    if (!viewersJoinLate) broadcast.send(init);
    const joined = await Promise.race([Promise.all(seen.map((s) => s.gotInit)), new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (joined === 'timeout') throw new Error(`${seen.filter((s) => s.init === undefined).length} of ${viewers} viewers got no init segment within 15 s`);

    const t0 = performance.now();
    for (let n = 1; n <= chunks; n++) {
      await new Promise((r) => setTimeout(r, t0 + (n - 1) * 1000 - performance.now()));
      const bytes = chunk(n);
      sentAt[n] = performance.now();
      broadcast.send(bytes);
    }
    const deadline = performance.now() + 10_000;
    while (latencies.some((l, n) => n > 0 && l.length < viewers) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const every = (s) => s.init === true && s.broken === 0 && s.chunks.length === chunks && s.chunks.every((n, i) => n === i + 1);
    return { viewers, chunks, complete: seen.filter(every).length, latency: spread(latencies.flat()), lastViewer: spread(latencies.slice(1).filter((l) => l.length).map((l) => Math.max(...l))) };
  } finally {
    broadcast?.terminate();
    closeAll(watchers);
  }
}

/** What `measureRelay` measured, as the bench prints it. */
export function relayFigures(r) {
  return (
    `2 Mbit/s (${r.chunks} chunks of ${CHUNK_BYTES / 1000} KB, 1 a second) to ${r.viewers} viewers: added latency per chunk ${ms(r.latency)}, last viewer ${ms(r.lastViewer)}; ` +
    `${r.complete} of ${r.viewers} viewers got the init segment and every chunk in order${r.complete < r.viewers ? ' — SOME DID NOT' : ''}`
  );
}

/** The real LiveStream: the first person goes live and broadcasts, the others watch (cycled when there are fewer than `viewers`). */
export async function liveRelay(url, people, options) {
  const [owner, ...audience] = people;
  const stream = await rest(url, 'POST', '/api/v1/live', owner.token, { title: 'bench live relay', visibility: 'public' });
  const r = await measureRelay(
    () => connect(`${url}/api/v1/live/${stream.id}/broadcast`, { authorization: `Bearer ${owner.token}` }),
    (i, listen) => connect(`${url}/api/v1/live/${stream.id}/watch`, { authorization: `Bearer ${audience[i % audience.length].token}` }, listen),
    { ...options, viewersJoinLate: true },
  );
  console.log(`realtime LiveStream relay, ${relayFigures(r)}`);
  await rest(url, 'POST', `/api/v1/live/${stream.id}/end`, owner.token).catch((err) => console.log(`realtime live relay: ending the stream failed: ${err.message}`));
  return r;
}
