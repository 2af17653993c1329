/**
 * p95 per route: people walk sessions through the API side by side — their home and a thread in
 * it, a like and a save taken back, a reply posted and deleted, the author's profile, a follow
 * and an unfollow, notifications, search, tags and trends, a chat, the marketplace — each request
 * timed from the client and kept under its route (the contract's method and path), so one slow
 * route shows however fast the others are. Prints p50, p95 and p99 per route, slowest p95 first.
 */
import { TAGS, WORDS } from './data.mjs';
import { percentile } from './measure.mjs';
import { rest } from './sockets.mjs';

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** A client for one person whose every request is timed under `route`; a non-2xx answer stops the bench. */
function timedClient(url, token, times) {
  return async (route, path, { method = 'GET', body } = {}) => {
    const t0 = performance.now();
    const answer = await rest(url, method, path, token, body).catch((err) => {
      throw new Error(`${route} (${path}) after ${(performance.now() - t0).toFixed(0)} ms: ${err.message}`);
    });
    if (!times.has(route)) times.set(route, []);
    times.get(route).push(performance.now() - t0);
    return answer;
  };
}

/** One session of `me`, who chats with `friend`. */
async function session(api, me, friend) {
  await api('GET /api/v1/accounts/verify_credentials', '/api/v1/accounts/verify_credentials');
  const home = await api('GET /api/v1/timelines/home', '/api/v1/timelines/home?limit=20');
  const pub = await api('GET /api/v1/timelines/public', '/api/v1/timelines/public?local=true&limit=20');
  const status = pick(home.length ? home : pub);
  if (status) {
    const s = `/api/v1/statuses/${status.id}`;
    await api('GET /api/v1/statuses/:id', s);
    await api('GET /api/v1/statuses/:id/context', `${s}/context`);
    await api('POST /api/v1/statuses/:id/favourite', `${s}/favourite`, { method: 'POST' });
    await api('GET /api/v1/statuses/:id/favourited_by', `${s}/favourited_by`);
    await api('POST /api/v1/statuses/:id/unfavourite', `${s}/unfavourite`, { method: 'POST' });
    await api('POST /api/v1/statuses/:id/bookmark', `${s}/bookmark`, { method: 'POST' });
    await api('GET /api/v1/bookmarks', '/api/v1/bookmarks?limit=20');
    await api('POST /api/v1/statuses/:id/unbookmark', `${s}/unbookmark`, { method: 'POST' });
    const reply = await api('POST /api/v1/statuses', '/api/v1/statuses', { method: 'POST', body: { status: `@${status.account.acct} ${pick(WORDS)} #${pick(TAGS)}`, in_reply_to_id: status.id } });
    await api('DELETE /api/v1/statuses/:id', `/api/v1/statuses/${reply.id}`, { method: 'DELETE' });

    const a = `/api/v1/accounts/${status.account.id}`;
    await api('GET /api/v1/accounts/:id', a);
    await api('GET /api/v1/accounts/:id/statuses', `${a}/statuses?limit=20`);
    if (status.account.id !== me.id) {
      const [relationship] = await api('GET /api/v1/accounts/relationships', `/api/v1/accounts/relationships?id[]=${status.account.id}`);
      // Leave the graph as it was: unfollow only a follow made here.
      if (!relationship.following && !relationship.requested) {
        await api('POST /api/v1/accounts/:id/follow', `${a}/follow`, { method: 'POST' });
        await api('POST /api/v1/accounts/:id/unfollow', `${a}/unfollow`, { method: 'POST' });
      }
    }
  }
  await api('GET /api/v1/notifications', '/api/v1/notifications?limit=20');
  await api('GET /api/v1/notifications/unread_count', '/api/v1/notifications/unread_count');
  await api('GET /api/v2/search', `/api/v2/search?type=accounts&limit=10&q=${pick(WORDS)}`);
  await api('GET /api/v2/search', `/api/v2/search?type=statuses&limit=20&q=${pick(WORDS)}`);
  await api('GET /api/v1/timelines/tag/:hashtag', `/api/v1/timelines/tag/${pick(TAGS)}?limit=20`);
  await api('GET /api/v1/trends/tags', '/api/v1/trends/tags');
  await api('GET /api/v1/trends/statuses', '/api/v1/trends/statuses');

  const chat = await api('POST /api/v1/chats', '/api/v1/chats', { method: 'POST', body: { account_ids: [friend.id] } });
  await api('POST /api/v1/chats/:id/messages', `/api/v1/chats/${chat.id}/messages`, { method: 'POST', body: { client_id: crypto.randomUUID(), text: `${pick(WORDS)} ${pick(WORDS)}` } });
  await api('GET /api/v1/chats/:id/messages', `/api/v1/chats/${chat.id}/messages?limit=20`);
  await api('GET /api/v1/chats', '/api/v1/chats');

  await api('GET /api/v1/market/listings', `/api/v1/market/listings?sort=popular`);
  await api('GET /api/v1/market/highlights', '/api/v1/market/highlights');
  await api('GET /api/v1/agents/templates', '/api/v1/agents/templates');
}

/**
 * `people`: logged-in people `{ id, token }` (agents cannot log in), each walking sessions one
 * request at a time for `seconds`, all at once.
 */
export async function routesBench(url, people, seconds = Number(process.env.BENCH_SECONDS ?? 10)) {
  const times = new Map();
  const until = Date.now() + seconds * 1000;
  let sessions = 0;
  await Promise.all(
    people.map(async (me, i) => {
      const api = timedClient(url, me.token, times);
      const friend = people[(i + 1) % people.length];
      while (Date.now() < until) {
        await session(api, me, friend);
        sessions += 1;
      }
    }),
  );
  const rows = [...times].map(([route, list]) => {
    list.sort((a, b) => a - b);
    return { route, count: list.length, p50: percentile(list, 50), p95: percentile(list, 95), p99: percentile(list, 99) };
  });
  rows.sort((a, b) => b.p95 - a.p95);
  const requests = rows.reduce((n, r) => n + r.count, 0);
  console.log(`p95 per route: ${people.length} people side by side, ${sessions} sessions, ${requests.toLocaleString()} requests over ${rows.length} routes in ${seconds} s`);
  for (const r of rows) {
    console.log(`  ${r.route.padEnd(46)} ${String(r.count).padStart(5)}×  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms`);
  }
}
