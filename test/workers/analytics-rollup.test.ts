/** The daily rollup (exact, idempotent), the creator, business and admin views over it, and the Analytics Engine contract. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../workers/api/analytics/events';
import { rollUpDay } from '../../workers/api/analytics/rollup';
import { engineSink } from '../../workers/api/analytics/sink';
import { d1Source, engineSource, eventSource } from '../../workers/api/analytics/sources';
import { loadConfig } from '../../workers/env';
import { runCron } from './agent-posting.helpers';
import { type TestUser, call, count, createAgent, json, login, makeAdmin, signUp } from './helpers';

const D = '2026-01-15';
const NOON = Date.parse(`${D}T12:00:00Z`);
let seq = 0;

async function insertEvents(day: string, type: string, n: number, subjectId: string | null, extra: { actorId?: string; value?: number } = {}) {
  for (let i = 0; i < n; i++) {
    await env.DB.prepare('INSERT INTO analytics_events (id, day, type, actor_id, subject_id, listing_id, value, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)')
      .bind(`9${String(++seq).padStart(12, '0')}`, day, type, extra.actorId ?? '1', subjectId, extra.value ?? null, Date.parse(`${day}T10:00:00Z`))
      .run();
  }
}
const active = (day: string, accountId: string) => env.DB.prepare('INSERT INTO analytics_active_days (day, account_id) VALUES (?, ?)').bind(day, accountId).run();
const entitle = (id: string, accountId: string, agentId: string, at: number, kind = 'purchase', source: string | null = null) =>
  env.DB.prepare('INSERT INTO market_entitlements (id, account_id, listing_id, agent_id, kind, starts_at, source_transaction_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').bind(id, accountId, `listing-${agentId}`, agentId, kind, at, source, at).run();
const sale = (tx: string, agentId: string, amount: number, currency: string, day = D) =>
  env.DB.prepare('INSERT INTO analytics_sales (transaction_id, day, listing_id, agent_id, amount, currency) VALUES (?, ?, ?, ?, ?, ?)').bind(tx, day, `listing-${agentId}`, agentId, amount, currency).run();
const adminToken = async (user: TestUser) => {
  await makeAdmin(user.id);
  return (await json(await login(user.username, user.password))).access_token as string;
};
const agentDays = async (day: string) => (await env.DB.prepare('SELECT * FROM analytics_agent_days WHERE day = ? ORDER BY agent_id').bind(day).all()).results;

/** A constructed day: two agents of one creator, a second creator, people, events, entitlements and sales. */
async function constructDay() {
  const creator = await signUp();
  const [a, b] = [await createAgent(creator), await createAgent(creator)];
  const creator2 = await signUp();
  await createAgent(creator2);
  const person = await signUp();
  await insertEvents(D, 'agent_view', 3, a.id);
  await insertEvents(D, 'listing_view', 2, a.id);
  await insertEvents(D, 'interaction', 4, a.id);
  await insertEvents(D, 'conversation', 1, a.id);
  await insertEvents(D, 'follow', 2, a.id);
  await insertEvents(D, 'agent_view', 1, b.id);
  await insertEvents(D, 'follow', 1, null);
  await insertEvents(D, 'interaction', 5, person.id); // a person is no agent: in no agent's row
  await insertEvents(D, 'status', 5, null);
  await insertEvents(D, 'favourite', 3, null);
  await insertEvents(D, 'session', 1, null, { value: 60_000 });
  await insertEvents(D, 'session', 1, null, { value: 120_000 });
  await insertEvents(addDays(D, 1), 'interaction', 7, a.id); // the next day: not this one
  for (const id of [person.id, creator.id, '7001']) await active(D, id);
  await active(addDays(D, -10), '7002'); // in the 30 days: MAU
  await active(addDays(D, -40), '7003'); // before them: not
  await active('2025-12-20', creator.id);
  await active('2025-12-05', creator2.id);
  // First entitlements that day count; a renewal or one of someone who had it before does not.
  await entitle('8001', 'buyer-1', a.id, NOON);
  await entitle('8002', 'buyer-1', a.id, NOON + 1000, 'subscription');
  await entitle('8003', 'buyer-2', a.id, NOON - 86_400_000);
  await entitle('8004', 'buyer-2', a.id, NOON);
  await sale('tx-1', a.id, 999, 'USD');
  await sale('tx-2', a.id, 500, 'USD');
  await sale('tx-3', a.id, 300, 'EUR');
  await sale('tx-4', a.id, 100, 'USD', addDays(D, 20));
  return { creator, a, b, creator2, person };
}

describe('the daily rollup', () => {
  it('rolls a constructed day up exactly, and the same again on a rerun', async () => {
    const { a, b, creator } = await constructDay();
    await rollUpDay(env.DB, d1Source(env.DB), D);
    const first = await agentDays(D);
    expect(first).toEqual(
      [
        { day: D, agent_id: a.id, impressions: 5, interactions: 4, conversations: 1, followers_gained: 2, listing_views: 2, purchases: 1 },
        { day: D, agent_id: b.id, impressions: 1, interactions: 0, conversations: 0, followers_gained: 0, listing_views: 0, purchases: 0 },
      ].sort((x, y) => x.agent_id.localeCompare(y.agent_id)),
    );
    const platform = await env.DB.prepare('SELECT * FROM analytics_platform_days WHERE day = ?').bind(D).first();
    expect(platform).toEqual({ day: D, dau: 3, mau: 4, posts: 5, favourites: 3, follows: 3, sessions: 2, session_ms: 180_000 });
    const month = await env.DB.prepare("SELECT * FROM analytics_creator_months WHERE month = '2026-01'").first();
    expect(month).toEqual({ month: '2026-01', active_creators: 1, retained_creators: 1, previous_creators: 2 });

    await rollUpDay(env.DB, d1Source(env.DB), D);
    expect(await agentDays(D)).toEqual(first);
    expect(await env.DB.prepare('SELECT * FROM analytics_platform_days WHERE day = ?').bind(D).first()).toEqual(platform);
    expect(await count('analytics_creator_months', "month = '2026-01'")).toBe(1);

    // The creator's view of the same day.
    const res = await call(`/api/v1/analytics/creator?from=${addDays(D, -1)}&to=${addDays(D, 1)}`, { token: creator.token });
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view.days.map((d: { date: string }) => d.date)).toEqual([addDays(D, -1), D, addDays(D, 1)]);
    expect(view.days[1]).toMatchObject({ impressions: 6, interactions: 4, purchases: 1, revenue: [{ currency: 'EUR', amount: 300 }, { currency: 'USD', amount: 1499 }] });
    expect(view.days[2]).toMatchObject({ interactions: 0, revenue: [] });
    expect(view.totals).toMatchObject({ listing_views: 2, purchases: 1, conversion: 0.5 });
    expect(view.agents.find((x: { agent_id: string }) => x.agent_id === a.id)).toMatchObject({ username: a.account.username, followers_gained: 2 });
    const one = await json(await call(`/api/v1/analytics/creator?from=${D}&to=${D}&agent_id=${b.id}`, { token: creator.token }));
    expect(one.agents.map((x: { agent_id: string }) => x.agent_id)).toEqual([b.id]);
    expect(one.totals.impressions).toBe(1);
  });

  it('runs from the cron for today, and deletes raw rows past their retention', async () => {
    const creator = await signUp();
    const agent = await createAgent(creator);
    const today = dayOf(Date.now());
    await insertEvents(today, 'interaction', 2, agent.id);
    await insertEvents(addDays(today, -91), 'interaction', 1, agent.id);
    await active(addDays(today, -91), '7100');
    await runCron();
    expect(await env.DB.prepare('SELECT interactions FROM analytics_agent_days WHERE day = ? AND agent_id = ?').bind(today, agent.id).first('interactions')).toBe(2);
    expect(await count('analytics_events', 'day = ?', addDays(today, -91))).toBe(0);
    expect(await count('analytics_active_days', 'day = ?', addDays(today, -91))).toBe(0);
  });
});

describe('the views', () => {
  it('hides another creator’s agent (404) and validates the range (422)', async () => {
    const owner = await signUp();
    const agent = await createAgent(owner);
    const other = await signUp();
    const res = await call(`/api/v1/analytics/creator?agent_id=${agent.id}`, { token: other.token });
    expect(res.status).toBe(404);
    const empty = await json(await call('/api/v1/analytics/creator', { token: other.token }));
    expect(empty.days).toHaveLength(30);
    expect(empty.agents).toEqual([]);

    const cases: [string, string][] = [
      ['from=2026-03-02&to=2026-03-01', 'from'],
      ['from=2025-01-01&to=2026-01-02', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=yesterday', 'from'],
    ];
    for (const [query, field] of cases) {
      const bad = await call(`/api/v1/analytics/creator?${query}`, { token: owner.token });
      expect(bad.status, query).toBe(422);
      expect(Object.keys((await json(bad)).details)).toEqual([field]);
    }
    expect((await call('/api/v1/analytics/creator?from=2025-01-01&to=2025-12-31', { token: owner.token })).status).toBe(200);
    expect((await call('/api/v1/analytics/creator')).status).toBe(401);
  });

  it('gives the platform view to admins only', async () => {
    const person = await signUp();
    expect((await call('/api/v1/admin/analytics', { token: person.token })).status).toBe(403);
    const token = await adminToken(await signUp());
    await env.DB.prepare("INSERT OR REPLACE INTO analytics_platform_days VALUES ('2025-06-10', 10, 40, 7, 6, 5, 4, 480000)").run();
    await env.DB.prepare("INSERT OR REPLACE INTO analytics_creator_months VALUES ('2025-06', 3, 2, 4)").run();
    const view = await json(await call('/api/v1/admin/analytics?from=2025-06-09&to=2025-06-10', { token }));
    expect(view.days).toEqual([
      { date: '2025-06-09', dau: 0, mau: 0, posts: 0, favourites: 0, follows: 0, sessions: 0, avg_session_seconds: null },
      { date: '2025-06-10', dau: 10, mau: 40, posts: 7, favourites: 6, follows: 5, sessions: 4, avg_session_seconds: 120 },
    ]);
    expect(view.retention).toEqual([{ month: '2025-06', active_creators: 3, retained_creators: 2, rate: 0.5 }]);
    expect((await call('/api/v1/admin/analytics?from=2025-06-10&to=2025-06-09', { token })).status).toBe(422);
  });

  it('gives a verified business its spend against what its agents did while it held them', async () => {
    const creator = await signUp();
    const agent = await createAgent(creator);
    const business = await signUp();
    expect((await call('/api/v1/analytics/business', { token: business.token })).status).toBe(403);
    await env.DB.prepare("UPDATE accounts SET kind = 'business', business_verified_at = ? WHERE id = ?").bind(Date.now(), business.id).run();
    const day = '2025-09-10';
    const start = Date.parse(`${day}T08:00:00Z`);
    await entitle('8101', business.id, agent.id, start, 'purchase', 'tx-biz');
    await sale('tx-biz', agent.id, 2000, 'USD', day);
    // Someone else's purchase of the same agent is not the business's spend.
    await entitle('8102', 'someone', agent.id, start, 'purchase', 'tx-other');
    await sale('tx-other', agent.id, 999, 'USD', day);
    const put = (d: string, interactions: number) => env.DB.prepare('INSERT INTO analytics_agent_days (day, agent_id, impressions, interactions, conversations, followers_gained, listing_views, purchases) VALUES (?, ?, 3, ?, 1, 1, 2, 1)').bind(d, agent.id, interactions).run();
    await put(addDays(day, -1), 7); // before the business held it
    await put(day, 4);
    await put(addDays(day, 1), 6);

    const view = await json(await call(`/api/v1/analytics/business?from=${addDays(day, -1)}&to=${addDays(day, 1)}`, { token: business.token }));
    expect(view.days.map((d: { interactions: number }) => d.interactions)).toEqual([0, 4, 6]);
    expect(view.days[1]).toEqual({ date: day, spend: [{ currency: 'USD', amount: 2000 }], impressions: 3, interactions: 4, conversations: 1, followers_gained: 1 });
    expect(view.totals).toEqual({ spend: [{ currency: 'USD', amount: 2000 }], impressions: 6, interactions: 10, conversations: 2, followers_gained: 2, cost_per_interaction: [{ currency: 'USD', amount: 200 }] });
    const { cost_per_interaction: _, ...held } = view.totals;
    expect(view.agents).toEqual([{ agent_id: agent.id, username: agent.account.username, display_name: agent.account.display_name, ...held }]);
  });
});

describe('Analytics Engine (production)', () => {
  it('writes a data point for each event whose actor allows it', async () => {
    const yes = await signUp();
    await call('/api/v1/privacy/consents', { token: yes.token, method: 'PUT', json: { analytics: true } });
    const no = await signUp();
    const agent = await createAgent(no);
    const points: AnalyticsEngineDataPoint[] = [];
    const sink = engineSink({ writeDataPoint: (p) => void points.push(p!) }, env.DB);
    await sink.record([
      { type: 'interaction', actorId: yes.id, subjectId: agent.id, at: NOON },
      { type: 'interaction', actorId: no.id, subjectId: agent.id, at: NOON },
      { type: 'status', actorId: agent.id, at: NOON },
      { type: 'session', actorId: yes.id, value: 5000, at: NOON },
    ]);
    expect(points).toEqual([
      { indexes: [agent.id], blobs: ['interaction', D, yes.id, agent.id, ''], doubles: [1, 0] },
      { indexes: [agent.id], blobs: ['status', D, agent.id, '', ''], doubles: [1, 0] },
      { indexes: [yes.id], blobs: ['session', D, yes.id, '', ''], doubles: [1, 5000] },
    ]);
  });

  it('reads a day back through the SQL API for the rollup', async () => {
    const creator = await signUp();
    const agent = await createAgent(creator);
    const config = { ...loadConfig(env), ANALYTICS_ACCOUNT_ID: '0123456789abcdef0123456789abcdef', ANALYTICS_API_TOKEN: 'token-1' };
    const day = '2025-03-03';
    const sent: Request[] = [];
    const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return Response.json({ meta: [], data: [{ type: 'interaction', subject: agent.id, count: '6', value: '0' }, { type: 'session', subject: '', count: 2, value: '90000' }, { type: 'unknown', subject: '', count: 1, value: 0 }], rows: 3 });
    };
    await rollUpDay(env.DB, engineSource(config, fetcher as typeof fetch), day);
    expect(sent[0]!.url).toBe(`https://api.cloudflare.com/client/v4/accounts/${config.ANALYTICS_ACCOUNT_ID}/analytics_engine/sql`);
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer token-1');
    expect(await sent[0]!.text()).toContain(`FROM smile_events WHERE blob2 = '${day}'`);
    expect(await env.DB.prepare('SELECT interactions FROM analytics_agent_days WHERE day = ? AND agent_id = ?').bind(day, agent.id).first('interactions')).toBe(6);
    expect(await env.DB.prepare('SELECT sessions, session_ms FROM analytics_platform_days WHERE day = ?').bind(day).first()).toEqual({ sessions: 2, session_ms: 90_000 });

    // Bound but not readable: nothing is rolled up rather than zeros written over the figures.
    expect(eventSource({ DB: env.DB, ANALYTICS: { writeDataPoint() {} } }, loadConfig(env))).toBeNull();
  });
});
