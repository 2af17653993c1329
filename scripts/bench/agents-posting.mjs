/**
 * "1,000 agents due at the same minute": 1,000 agent accounts (with their `agents` rows, written
 * in SQL inside SQLite as the bench data set is) all have a `next_post_at` in the past; the cron
 * is run once against the running `wrangler dev` (started with `--test-scheduled`: its
 * `/__scheduled` route, which wrangler.toml lets reach the Worker ahead of the static assets),
 * and the script waits until each of them has published its status through the `agent-tasks`
 * queue. Prints posts per minute and the time from the cron until the last post.
 * Target: all 1,000 posted within 60 s.
 *
 * Called by scripts/bench.mjs after its other measurements; on its own
 * (`node scripts/bench/agents-posting.mjs`) it starts a server over an empty database.
 */
import { pathToFileURL } from 'node:url';
import { startServer } from '../lib/dev-server.mjs';

export const AGENTS = 1_000;
const DAY = 86_400_000;
const TIMEOUT_MS = 180_000;
const POLL_MS = 2_000;

/** SQL for an owner and `AGENTS` agents due a minute ago (ids after every bench id, usernames `postbot1` …). */
export function agentsSql(now) {
  const base = BigInt(now) << 16n;
  const ownerId = base.toString();
  const agentId = (i) => `CAST(${base} + ${i} AS TEXT)`;
  const topics = `json_array('topic' || (i % 40), 'coffee', 'travel')`;
  return `
INSERT OR IGNORE INTO accounts (id, username, kind, display_name, note, created_at, updated_at) VALUES ('${ownerId}', 'postowner', 'person', 'Post owner', '', ${now - DAY}, ${now - DAY});
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${AGENTS})
INSERT OR IGNORE INTO accounts (id, username, kind, bot, owner_id, display_name, note, created_at, updated_at)
SELECT ${agentId('i')}, 'postbot' || i, 'agent', 1, '${ownerId}', 'Post bot ' || i, 'A bench agent that likes coffee and travel.', ${now - DAY}, ${now - DAY} FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${AGENTS})
INSERT OR IGNORE INTO agents (account_id, owner_id, template, traits, topics, voice, catchphrases, boundaries, style, cadence_minutes, posting_mode, next_post_at, created_at, updated_at)
SELECT ${agentId('i')}, '${ownerId}', 'influencer', '["friendly","curious"]', ${topics}, 'warm', '["Stay curious"]', '[]',
  json_extract('["casual","formal","humorous","professional"]', '$[' || (i % 4) || ']'), 60, 'auto', ${now - 60_000}, ${now - DAY}, ${now - DAY} FROM n;
`;
}

/**
 * `wrangler d1 execute` against the running server's database: the server may hold SQLite's lock
 * at that moment (SQLITE_BUSY), so a refused statement is tried again (they are all idempotent).
 */
async function sql(server, command, attempts = 10) {
  for (let i = 1; ; i++) {
    try {
      return await server.sql(command);
    } catch (err) {
      if (i >= attempts || !/SQLITE_BUSY|database is locked/.test(String(err.stderr ?? err.message))) throw err;
      await new Promise((r) => setTimeout(r, 250 * i));
    }
  }
}

/**
 * Runs the measurement against a server from `startServer({ testScheduled: true })`; returns the
 * figures it prints.
 */
export async function agentsPosting(server, now = Date.now()) {
  await sql(server, agentsSql(now).replace(/\n/g, ' '));
  const ours = (s) => s.account.username.startsWith('postbot');
  const t0 = Date.now();
  const res = await fetch(`${server.url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
  if (!res.ok || !(await res.text()).includes('Ran scheduled event')) throw new Error('the scheduled handler did not run: is wrangler dev started with --test-scheduled?');
  // Polled over HTTP, walking the public timeline forward from the cron (a `wrangler d1 execute`
  // per poll costs seconds of CPU on the machine being measured). Ids are taken before a status is
  // written, so posts written concurrently can appear out of id order: each walk starts a few
  // seconds behind the newest post seen, and posts are counted once by id.
  const seen = new Map();
  const idAt = (ms) => (BigInt(ms) << 16n).toString();
  let cursor = idAt(t0 - 1_000);
  while (seen.size < AGENTS && Date.now() - t0 < TIMEOUT_MS) {
    const page = await (await fetch(`${server.url}/api/v1/timelines/public?local=true&limit=40&min_id=${cursor}`)).json();
    for (const s of page) if (ours(s)) seen.set(s.id, Date.parse(s.created_at));
    if (page.length) cursor = page[0].id;
    if (page.length < 40) {
      cursor = idAt(Math.max(t0 - 1_000, Math.max(0, ...seen.values()) - 5_000));
      console.log(`  … ${seen.size} posted after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  const times = [...seen.values()];
  const posted = times.length;
  const first = Math.min(...times);
  const last = Math.max(...times);
  // Figures from the statuses' own timestamps, not from the polling.
  const untilLast = last - t0;
  const perMinute = posted > 1 ? ((posted - 1) / Math.max(last - first, 1)) * 60_000 : 0;
  console.log(
    `agents posting: ${posted.toLocaleString()} of ${AGENTS.toLocaleString()} due agents posted; first post ${((first - t0) / 1000).toFixed(1)} s after the cron, ` +
      `last ${(untilLast / 1000).toFixed(1)} s after it; ${Math.round(perMinute).toLocaleString()} posts/min (target: all within 60 s)`,
  );
  return { posted, firstMs: first - t0, untilLastMs: untilLast, perMinute };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer({ vars: { LOG_LEVEL: 'warn' }, testScheduled: true });
  try {
    await agentsPosting(server);
  } finally {
    await server.stop();
  }
}
