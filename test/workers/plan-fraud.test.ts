/** The fraud rules on plan purchases (docs/payments.md, "Fraud rules"): a plan is a purchase like an order. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_LIMITS } from '../../workers/api/payments/fraud';
import { type TestUser, call, json, makeAdmin, scopedToken, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { buy, paidListing } from './payments.helpers';
import { overview, subscribe } from './tiers.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

/** `n` paid orders of `buyer` (each under the new-account limit). */
async function orders(buyer: TestUser, n: number) {
  const creator = await signUp();
  const listing = await paidListing(creator);
  for (let i = 0; i < n; i++) expect((await buy(buyer, listing.id)).status).toBe(201);
}

describe('fraud rules on plan purchases', () => {
  it('count a plan as a purchase: with the hour’s last one taken by a plan, the next order is blocked', async () => {
    const buyer = await signUp();
    await orders(buyer, DEFAULT_FRAUD_LIMITS.buyerPerHour - 1);
    expect((await subscribe(buyer, 'creator_pro')).status).toBe(201);
    const creator = await signUp();
    const blocked = await buy(buyer, (await paidListing(creator)).id);
    expect(blocked.status).toBe(403);
    expect((await json(blocked)).details.payment[0].error).toBe('velocity_account');
  });

  it('block a plan past the hour’s purchases with the rule (403): recorded, shown to admins, the plan never starts and nothing is charged', async () => {
    const [buyer, admin] = await Promise.all([signUp(), signUp()]);
    await makeAdmin(admin.id);
    await orders(buyer, DEFAULT_FRAUD_LIMITS.buyerPerHour);
    const refused = await subscribe(buyer, 'business');
    expect(refused.status).toBe(403);
    expect((await json(refused)).details.payment[0]).toMatchObject({ error: 'velocity_account', description: expect.stringMatching(/Too many purchases/) });
    expect(await overview(buyer)).toMatchObject({ current: { tier: 'free' }, subscription: { state: 'incomplete_expired', failure: { code: 'velocity_account' } } });

    const alerts = await json<Record<string, any>[]>(await call('/api/v1/admin/payments/blocked_plans', { token: await scopedToken(admin, 'admin:read') }));
    expect(alerts.find((a) => a.account_id === buyer.id)).toMatchObject({ tier: 'business', state: 'incomplete_expired', failure: { code: 'velocity_account' } });
    expect((await call('/api/v1/admin/payments/blocked_plans', { token: await scopedToken(buyer, 'admin:read') })).status).toBe(403);
    const [charged] = await ledgerDb().execute<{ n: string }>(sql`SELECT count(*) AS n FROM journal_transactions WHERE kind = 'tier' AND metadata->>'accountId' = ${buyer.id}`).then((r) => r.rows);
    expect(Number(charged!.n)).toBe(0);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });
});
