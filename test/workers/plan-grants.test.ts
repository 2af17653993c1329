/** Plans granted by staff (docs/payments.md, "Granting a plan"): Enterprise under contract, or a complimentary plan. */
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, json, makeAdmin, scopedToken, signUp } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { fillAgents, newAgent, overview, subscribe, tierPostings } from './tiers.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function staff(): Promise<string> {
  const admin = await signUp();
  await makeAdmin(admin.id);
  return scopedToken(admin, 'admin:read admin:write');
}

const grant = (token: string, accountId: string, body: Record<string, unknown>) => call(`/api/v1/admin/accounts/${accountId}/plan`, { token, method: 'PUT', json: { reason: 'Contract ACME-42', ...body } });
const endGrant = (token: string, accountId: string, reason = 'Contract ended') => call(`/api/v1/admin/accounts/${accountId}/plan/end`, { token, json: { reason } });
const plan = async (token: string, accountId: string) => json(await call(`/api/v1/admin/accounts/${accountId}/plan`, { token }));
const audit = async (token: string, accountId: string) => json<Record<string, any>[]>(await call(`/api/v1/admin/audit_log?target_id=${accountId}`, { token }));

describe('granting a plan', () => {
  it('grants Enterprise until a date: its limits apply at once, nothing is charged, the account cannot buy a plan meanwhile; changed, then ended, all audited', async () => {
    const [token, business] = await Promise.all([staff(), signUp()]);
    const until = inDays(365);
    const granted = await grant(token, business.id, { tier: 'enterprise', until });
    expect(granted.status).toBe(200);
    expect(await json(granted)).toEqual({ account_id: business.id, tier: 'enterprise', until, granted: true });
    expect(await overview(business)).toMatchObject({ current: { tier: 'enterprise', until, granted: true }, subscription: null });

    // Free stops at 10 agents; Enterprise does not.
    await fillAgents(business, 10);
    expect((await newAgent(business)).status).toBe(200);

    const buying = await subscribe(business, 'business');
    expect(buying.status).toBe(409);
    expect((await json(buying)).error).toMatch(/granted by SMILE until/);
    expect(await tierPostings(business.id)).toEqual([]);

    // Granting again changes the tier (or the end).
    expect(await json(await grant(token, business.id, { tier: 'business', until }))).toMatchObject({ tier: 'business', granted: true });

    expect(await json(await endGrant(token, business.id))).toEqual({ account_id: business.id, tier: 'free', until: null, granted: false });
    expect(await overview(business)).toMatchObject({ current: { tier: 'free', granted: false } });
    expect((await endGrant(token, business.id)).status).toBe(404);
    expect((await newAgent(business)).status).toBe(403);

    const entries = await audit(token, business.id);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['account.plan_end', 'Contract ended'],
      ['account.plan', 'Contract ACME-42'],
      ['account.plan', 'Contract ACME-42'],
    ]);
    expect(entries.at(-1)!.details).toMatchObject({ tier: 'enterprise', until, before: { tier: 'free', granted: false } });

    // Ended, the grant no longer stands in the way of buying a plan.
    expect((await subscribe(business, 'creator_pro')).status).toBe(201);
  });

  it('refuses what it must: a paying account (409, its plan untouched), an agent, a date past or too far (422), an unknown account (404), and anyone but an admin (403)', async () => {
    const [token, payer, owner] = await Promise.all([staff(), signUp(), signUp()]);
    expect((await subscribe(payer, 'creator_pro')).status).toBe(201);
    const refused = await grant(token, payer.id, { tier: 'enterprise', until: inDays(30) });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error).toMatch(/pays for a plan/);
    expect(await plan(token, payer.id)).toMatchObject({ tier: 'creator_pro', granted: false });

    const agent = await json(await newAgent(owner));
    const agentId = (agent as { account: { id: string } }).account.id;
    expect((await json(await grant(token, agentId, { tier: 'enterprise', until: inDays(30) }))).details.account[0].error).toBe('ERR_AGENT');
    expect((await json(await grant(token, owner.id, { tier: 'enterprise', until: inDays(-1) }))).details.until[0].error).toBe('ERR_PAST');
    expect((await json(await grant(token, owner.id, { tier: 'enterprise', until: inDays(6 * 366) }))).details.until[0].error).toBe('ERR_TOO_FAR');
    expect((await grant(token, owner.id, { tier: 'free', until: inDays(30) })).status).toBe(422);
    expect((await grant(token, owner.id, { tier: 'enterprise', until: inDays(30), reason: '' })).status).toBe(422);
    expect((await grant(token, '123456789', { tier: 'enterprise', until: inDays(30) })).status).toBe(404);

    const moderator = await signUp();
    await env.DB.prepare(`UPDATE accounts SET role = 'moderator' WHERE id = ?`).bind(moderator.id).run();
    for (const who of [owner, moderator]) {
      expect((await grant(await scopedToken(who, 'admin:read admin:write'), owner.id, { tier: 'enterprise', until: inDays(30) })).status).toBe(403);
    }
    expect(await plan(token, owner.id)).toEqual({ account_id: owner.id, tier: 'free', until: null, granted: false });
    expect(await audit(token, owner.id)).toEqual([]);
  });
});
