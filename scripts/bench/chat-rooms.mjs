/**
 * The real `ChatRoom` under load, set up through the REST API and driven over its socket
 * (docs/realtime-bench.md): one room of 100 members × 10 sockets for timed broadcasts (the same
 * shape as the ceiling), and 100 rooms of 10 members all chatting at a steady rate.
 * `people`: logged-in people `{ id, token }`, none of them agents.
 */
import { broadcastRoom, closeAll, connect, frames, ms, openMany, parse, rest, roundOf, spread } from './sockets.mjs';

/** Resolves at the room's `ready` frame; rejects at an `error` frame before it, or after 10 s. */
function ready(ws, chatId) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chat ${chatId}: no ready frame within 10 s`)), 10_000);
    ws.on('message', function untilReady(data) {
      const frame = parse(data);
      if (frame.type !== 'ready' && frame.type !== 'error') return;
      clearTimeout(timer);
      ws.off('message', untilReady);
      if (frame.type === 'error') reject(new Error(`chat ${chatId}: error frame before ready: ${frame.status} ${frame.error}`));
      else resolve();
    });
  });
}

/** A member's socket on a room, once the room has said `ready`. */
async function roomSocket(url, chatId, token) {
  let isReady;
  const ws = await connect(`${url}/api/v1/chats/${chatId}/socket`, { authorization: `Bearer ${token}` }, (ws) => (isReady = ready(ws, chatId)));
  try {
    await isReady;
  } catch (err) {
    ws.terminate();
    throw err;
  }
  return ws;
}

const group = (url, owner, members, title) => rest(url, 'POST', '/api/v1/chats', owner.token, { account_ids: members.map((m) => m.id), title });

/**
 * One group of every person in `people` (the first creates it), each with `perMember` sockets,
 * and the room for `timedBroadcasts`. Broadcast i is sent by person i mod |people| from their
 * first socket — the room's flood limit allows a member 20 messages in 10 s — and every other
 * socket (the other members' and the sender's other devices) receives a `message` frame.
 */
export async function broadcastGroup(url, people, perMember) {
  const [owner, ...others] = people;
  const chat = await group(url, owner, others, 'bench broadcast');
  // Socket j belongs to person ⌊j / perMember⌋.
  const count = people.length * perMember;
  const sockets = await openMany(count, (j) => roomSocket(url, chat.id, people[Math.floor(j / perMember)].token));
  const room = broadcastRoom(sockets, {
    round: (f) => (f.type === 'message' ? roundOf(f.message?.client_id) : undefined),
    ack: (f) => (f.type === 'ack' ? roundOf(f.client_id) : undefined),
    senderOf: (i) => (i * perMember) % count,
  });
  return { sockets, room };
}

/**
 * `rooms` groups of `members` people (room r: people r … r + members − 1, wrapping, so each
 * person is in `members` rooms with one socket in each); every member sends `rate` messages a
 * second for `seconds`, at staggered times. Counts the acknowledgements, the `message` frames
 * delivered and their send → receive times, any `error` frames, and sockets the server closed.
 */
export async function chatRooms(url, people, { rooms = 100, members = 10, seconds = 10, rate = 1 } = {}) {
  const memberOf = (r, k) => people[(r + k) % people.length];
  const chats = [];
  for (let r = 0; r < rooms; r++) {
    const [owner, ...others] = Array.from({ length: members }, (_, k) => memberOf(r, k));
    chats.push(await group(url, owner, others, `bench room ${r}`));
  }
  let sockets = [];
  try {
    // Socket r * members + k: member k of room r.
    sockets = await openMany(rooms * members, (i) => roomSocket(url, chats[Math.floor(i / members)].id, memberOf(Math.floor(i / members), i % members).token));
    const sentAt = new Map();
    const latencies = [];
    const errors = new Map();
    let acked = 0;
    let refusedSends = 0;
    let closed = 0;
    let lastReceive = 0;
    for (const ws of sockets) {
      ws.on('close', () => closed++);
      frames(ws, (f, isBinary) => {
        if (isBinary) return;
        if (f.type === 'message' && sentAt.has(f.message?.client_id)) {
          lastReceive = performance.now();
          latencies.push(lastReceive - sentAt.get(f.message.client_id));
        } else if (f.type === 'ack') acked++;
        else if (f.type === 'error') {
          errors.set(f.status, (errors.get(f.status) ?? 0) + 1);
          if (sentAt.has(f.client_id)) refusedSends++;
        }
      });
    }
    const every = 1000 / rate;
    const perSocket = Math.round(seconds * rate);
    const t0 = performance.now();
    await Promise.all(
      sockets.map(
        (ws, i) =>
          new Promise((done) => {
            // On a fixed schedule from a random offset, so late timers do not lower the rate.
            const offset = Math.random() * every;
            let n = 0;
            const sendOne = () => {
              const clientId = `r${i}-${n}`;
              sentAt.set(clientId, performance.now());
              ws.send(JSON.stringify({ type: 'send', client_id: clientId, text: `hello ${n} from socket ${i}` }));
              if (++n === perSocket) done();
              else setTimeout(sendOne, t0 + offset + n * every - performance.now());
            };
            setTimeout(sendOne, offset);
          }),
      ),
    );
    const sendingMs = performance.now() - t0;
    // A refused send (its error frame names its client id) is delivered to no one.
    const expected = (sentAt.size - refusedSends) * (members - 1);
    const deadline = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const s = spread(latencies);
    const refused = [...errors].map(([status, n]) => `${n} × ${status}`).join(', ');
    const delivered = latencies.length ? Math.round(latencies.length / ((lastReceive - t0) / 1000)) : 0;
    console.log(
      `realtime ${rooms} rooms × ${members} members, ${rate} msg/s each for ${seconds} s: ${sentAt.size.toLocaleString()} sent (${Math.round(sentAt.size / (sendingMs / 1000)).toLocaleString()}/s), ` +
        `${acked.toLocaleString()} acknowledged, ${latencies.length.toLocaleString()} of ${expected.toLocaleString()} deliveries — ` +
        `${delivered.toLocaleString()} messages/s delivered; send → receive ${ms(s)}${refused ? `; error frames: ${refused}` : ''}${closed ? `; ${closed} sockets closed by the server` : ''}`,
    );
    return { sent: sentAt.size, acked, delivered: latencies.length, expected, latency: s, errors };
  } finally {
    closeAll(sockets);
  }
}
