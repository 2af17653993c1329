/** Analytics recording: events from real actions, only with the person's consent; the session report; forgetting on a "no". */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chat } from './agent-chat.helpers';
import { type TestUser, call, count, createAgent, eventually, postStatus, signUp } from './helpers';
import { listAgent } from './market.helpers';
import { buy, paidListing } from './payments.helpers';
import { rollUpDay } from '../../workers/api/analytics/rollup';
import { d1Source } from '../../workers/api/analytics/sources';
import { dayOf } from '../../workers/api/analytics/events';

const consent = (user: TestUser, analytics: boolean) => call('/api/v1/privacy/consents', { token: user.token, method: 'PUT', json: { analytics } });

async function eventsOf(actorId: string): Promise<{ type: string; subject_id: string | null; listing_id: string | null; value: number | null }[]> {
  const { results } = await env.DB.prepare('SELECT type, subject_id, listing_id, value FROM analytics_events WHERE actor_id = ? ORDER BY id').bind(actorId).all<any>();
  return results;
}

/** Everything a person can do that analytics counts, aimed at `agent` (and `listing`, its listing) and a status of `other`. */
async function doEverything(user: TestUser, agentId: string, listingId: string, otherStatusId: string) {
  expect((await call(`/api/v1/accounts/${agentId}`, { token: user.token })).status).toBe(200);
  expect((await call(`/api/v1/market/listings/${listingId}`, { token: user.token })).status).toBe(200);
  expect((await call(`/api/v1/accounts/${agentId}/follow`, { token: user.token, method: 'POST' })).status).toBe(200);
  expect((await call(`/api/v1/statuses/${otherStatusId}/favourite`, { token: user.token, method: 'POST' })).status).toBe(200);
  await postStatus(user, 'hello analytics');
  await chat(user, agentId, 'Tell me a joke');
  await chat(user, agentId, 'Another one');
  expect((await call('/api/v1/analytics/sessions', { token: user.token, json: { duration_ms: 90_000 } })).status).toBe(202);
}

describe('recording', () => {
  it('records what a consenting person does, each once, and nothing of a person without consent', async () => {
    const creator = await signUp();
    const listing = await listAgent(creator);
    const agentId = listing.agent.id;
    const other = await signUp();
    const otherStatus = await postStatus(other, 'a status to like');
    const fan = await signUp();
    const stranger = await signUp();
    expect((await consent(fan, true)).status).toBe(200);

    await doEverything(fan, agentId, listing.id, otherStatus.id);
    await doEverything(stranger, agentId, listing.id, otherStatus.id);
    // Favouriting and following again change nothing, so count nothing.
    await call(`/api/v1/statuses/${otherStatus.id}/favourite`, { token: fan.token, method: 'POST' });
    await call(`/api/v1/accounts/${agentId}/follow`, { token: fan.token, method: 'POST' });

    const events = await eventually(() => eventsOf(fan.id), (rows) => rows.length >= 9);
    const summary = events.map((e) => `${e.type}:${e.subject_id === agentId ? 'agent' : (e.subject_id ?? '-')}`).sort();
    expect(summary).toEqual(['agent_view:agent', 'conversation:agent', 'favourite:-', 'follow:agent', 'interaction:agent', 'interaction:agent', 'listing_view:agent', 'session:-', 'status:-'].sort());
    expect(events.find((e) => e.type === 'listing_view')!.listing_id).toBe(listing.id);
    expect(events.find((e) => e.type === 'session')!.value).toBe(90_000);
    expect(await count('analytics_active_days', 'account_id = ?', fan.id)).toBe(1);

    // The stranger did all the same (and was answered: the chats above completed), and is nowhere.
    await new Promise((r) => setTimeout(r, 200));
    expect(await eventsOf(stranger.id)).toEqual([]);
    expect(await count('analytics_active_days', 'account_id = ?', stranger.id)).toBe(0);
  });

  it('counts a look at an agent opened by its name (lookup, as the web client does), not the owner\'s', async () => {
    const creator = await signUp();
    await consent(creator, true);
    const agent = await createAgent(creator);
    const fan = await signUp();
    await consent(fan, true);
    expect((await call(`/api/v1/accounts/lookup?acct=${agent.account.username}`, { token: fan.token })).status).toBe(200);
    await call(`/api/v1/accounts/lookup?acct=${agent.account.username}`, { token: creator.token });
    await eventually(() => eventsOf(fan.id), (rows) => rows.length === 1);
    expect((await eventsOf(fan.id)).map((e) => `${e.type}:${e.subject_id === agent.id ? 'agent' : e.subject_id}`)).toEqual(['agent_view:agent']);
    await postStatus(creator, 'marks the end of the requests');
    await eventually(() => eventsOf(creator.id), (rows) => rows.some((r) => r.type === 'status'));
    expect((await eventsOf(creator.id)).map((e) => e.type)).toEqual(['status']);
  });

  it('does not count the owner looking at their own agent', async () => {
    const creator = await signUp();
    await consent(creator, true);
    const agent = await createAgent(creator);
    await call(`/api/v1/accounts/${agent.id}`, { token: creator.token });
    await postStatus(creator, 'marks the end of the requests');
    await eventually(() => eventsOf(creator.id), (rows) => rows.some((r) => r.type === 'status'));
    expect((await eventsOf(creator.id)).map((e) => e.type)).toEqual(['status']);
  });

  it('a "no" to analytics stops recording and deletes what was recorded', async () => {
    const person = await signUp();
    await consent(person, true);
    await postStatus(person, 'counted');
    await eventually(() => count('analytics_events', 'actor_id = ?', person.id), (n) => n === 1);
    expect(await count('analytics_active_days', 'account_id = ?', person.id)).toBe(1);

    expect((await consent(person, false)).status).toBe(200);
    expect(await count('analytics_events', 'actor_id = ?', person.id)).toBe(0);
    expect(await count('analytics_active_days', 'account_id = ?', person.id)).toBe(0);
    await postStatus(person, 'not counted');
    await call('/api/v1/analytics/sessions', { token: person.token, json: { duration_ms: 5000 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(await count('analytics_events', 'actor_id = ?', person.id)).toBe(0);
    expect(await count('analytics_active_days', 'account_id = ?', person.id)).toBe(0);
  });

  it('refuses a session report that is not a sensible length', async () => {
    const person = await signUp();
    for (const duration_ms of [0, 25 * 3600 * 1000, 'long']) {
      const res = await call('/api/v1/analytics/sessions', { token: person.token, json: { duration_ms } });
      expect(res.status).toBe(422);
      expect(Object.keys((await res.json<any>()).details)).toEqual(['duration_ms']);
    }
    expect((await call('/api/v1/analytics/sessions', { json: { duration_ms: 5000 } })).status).toBe(401);
  });

  it('a purchase is a sale (price, no buyer) once however often it is retried, and a purchase and revenue in the creator’s view', async () => {
    const creator = await signUp();
    const listing = await paidListing(creator);
    const buyer = await signUp(); // no analytics consent: sales are counted from the entitlement, which names no one new
    const key = crypto.randomUUID();
    expect((await buy(buyer, listing.id, 'pm_card_visa', key)).status).toBe(201);
    expect((await buy(buyer, listing.id, 'pm_card_visa', key)).status).toBe(200); // the replay
    const sales = (await env.DB.prepare('SELECT * FROM analytics_sales WHERE listing_id = ?').bind(listing.id).all<any>()).results;
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ agent_id: listing.agent.id, amount: 1999, currency: 'EUR', day: dayOf(Date.now()) });
    expect(Object.keys(sales[0])).not.toContain('account_id');

    const today = dayOf(Date.now());
    await rollUpDay(env.DB, d1Source(env.DB), today);
    const view = await (await call(`/api/v1/analytics/creator?from=${today}&to=${today}`, { token: creator.token })).json<any>();
    expect(view.totals).toMatchObject({ purchases: 1, revenue: [{ currency: 'EUR', amount: 1999 }] });
    // The embedded Postgres of the ledger boots on its first connection: seconds on a busy machine.
  }, 120_000);
});
