/**
 * Marketplace oversight: an admin delists and relists a listing, and decides disputes — the
 * buyer refunded or the creator paid, as docs/payments.md says money moves — each audited.
 */
import { describe, expect, it } from 'vitest';
import { accountFor, balanceOf } from '../../workers/api/payments/ledger';
import { call, json, signUp } from './helpers';
import { auditOf, staff } from './admin.helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { buy, journalOf, paidListing } from './payments.helpers';

const browse = async (token: string) => (await json<any[]>(await call('/api/v1/market/listings?sort=newest&limit=40', { token }))).map((l) => l.id);

// The first checkout warms the ledger's Postgres connection, which takes a while on a busy machine.
describe('marketplace oversight', { timeout: 90_000 }, () => {
  it('delists: out of browse, checkout refused, the creator cannot republish; relist brings it back; both audited', async () => {
    const admin = await staff('admin');
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    expect(await browse(buyer.token)).toContain(listing.id);

    const res = await call(`/api/v1/admin/market/listings/${listing.id}/delist`, { token: admin.staffToken, json: { reason: 'counterfeit' } });
    expect(res.status).toBe(200);
    expect((await json(res)).state).toBe('delisted');
    expect(await browse(buyer.token)).not.toContain(listing.id);
    const republish = await call(`/api/v1/market/listings/${listing.id}/publish`, { token: creator.token, method: 'POST' });
    expect(republish.status).toBe(422);
    expect((await json(republish)).details.state[0].error).toBe('ERR_DELISTED_BY_ADMIN');
    expect((await call(`/api/v1/admin/market/listings/${listing.id}/delist`, { token: admin.staffToken, json: { reason: 'again' } })).status).toBe(409);

    const back = await call(`/api/v1/admin/market/listings/${listing.id}/relist`, { token: admin.staffToken, json: { reason: 'cleared' } });
    expect((await json(back)).state).toBe('published');
    expect((await buy(buyer, listing.id)).status).toBe(201);
    expect((await auditOf(listing.id)).map((a) => [a.action, a.actor_id, a.reason])).toEqual([
      ['listing.delist', admin.id, 'counterfeit'],
      ['listing.relist', admin.id, 'cleared'],
    ]);
  });

  it('refuses a buyer who kept the delisted listing with a clear error', async () => {
    const admin = await staff('admin');
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    expect((await buy(buyer, listing.id)).status).toBe(201);
    await call(`/api/v1/admin/market/listings/${listing.id}/delist`, { token: admin.staffToken, json: { reason: 'scam' } });
    const again = await buy(buyer, listing.id);
    expect(again.status).toBe(422);
    expect((await json(again)).details.listing[0].description).toBe('was taken off the marketplace by its admins');
  });

  it('is admin only, needs a reason and a known listing', async () => {
    const [admin, mod] = await Promise.all([staff('admin'), staff('moderator')]);
    const listing = await listAgent(await signUp());
    expect((await call(`/api/v1/admin/market/listings/${listing.id}/delist`, { token: mod.staffToken, json: { reason: 'x' } })).status).toBe(403);
    expect((await call(`/api/v1/admin/market/listings/${listing.id}/delist`, { token: admin.staffToken, json: {} })).status).toBe(422);
    expect((await call('/api/v1/admin/market/listings/117000000000000000/delist', { token: admin.staffToken, json: { reason: 'x' } })).status).toBe(404);
    expect(await auditOf(listing.id)).toEqual([]);
  });

  it('decides a dispute for the buyer: refunded through the provider and the journal, entitlement ended, audited', async () => {
    const admin = await staff('admin');
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator)).id));
    const decide = (body: Record<string, unknown>, token = admin.staffToken) => call(`/api/v1/admin/payments/orders/${order.id}/decide`, { token, json: body });
    expect((await decide({ outcome: 'refund', reason: 'x' })).status).toBe(422);
    await call(`/api/v1/payments/orders/${order.id}/dispute`, { token: buyer.token, json: { reason: 'never answers' } });
    const listed = await json<any[]>(await call('/api/v1/admin/payments/disputes', { token: admin.staffToken }));
    expect(listed.map((o) => o.id)).toContain(order.id);

    expect((await decide({ outcome: 'refund' })).status).toBe(422);
    const res = await decide({ outcome: 'refund', reason: 'the agent never answered' });
    expect((await json(res)).settlement).toBe('refunded');
    expect((await journalOf(order.id)).map((t) => t.kind)).toEqual(['purchase', 'refund']);
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'refunds', ownerAccountId: buyer.id, currency: 'EUR' })).id)).toBe(1999);
    expect((await journalInvariants(db)).unbalanced).toBe(0);
    const [ended] = await json<any[]>(await call('/api/v1/market/entitlements', { token: buyer.token }));
    expect(Date.parse(ended!.ends_at)).toBeLessThanOrEqual(Date.now());
    expect((await auditOf(order.id)).map((a) => [a.action, a.actor_id, a.reason])).toEqual([['order.refund', admin.id, 'the agent never answered']]);
    expect((await decide({ outcome: 'release', reason: 'changed my mind' })).status).toBe(422);
    expect((await json<any[]>(await call('/api/v1/admin/payments/disputes', { token: admin.staffToken }))).map((o) => o.id)).not.toContain(order.id);
  });

  it('decides a dispute for the creator: 70 % released to them, audited; a moderator may not', async () => {
    const [admin, mod] = await Promise.all([staff('admin'), staff('moderator')]);
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator, { price: 999 })).id));
    await call(`/api/v1/payments/orders/${order.id}/dispute`, { token: buyer.token, json: { reason: 'meh' } });
    expect((await call(`/api/v1/admin/payments/orders/${order.id}/decide`, { token: mod.staffToken, json: { outcome: 'release', reason: 'x' } })).status).toBe(403);
    const res = await call(`/api/v1/admin/payments/orders/${order.id}/decide`, { token: admin.staffToken, json: { outcome: 'release', reason: 'it works as described' } });
    expect((await json(res)).settlement).toBe('released');
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'creator_payable', ownerAccountId: creator.id, currency: 'EUR' })).id)).toBe(699);
    expect((await journalOf(order.id)).map((t) => t.kind)).toEqual(['purchase', 'release']);
    expect((await auditOf(order.id)).map((a) => a.action)).toEqual(['order.release']);
  });
});
