import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../../workers/api/lib/ids';
import { purchase, refund, release } from '../../workers/api/payments/escrow';
import { accountFor, balanceOf, post, retried } from '../../workers/api/payments/ledger';
import { withLedger } from '../../workers/api/payments/db';
import { LedgerBusyError } from '../../workers/api/payments/errors';
import { auditEvents, journalEntries, journalTransactions } from '../../workers/api/payments/schema';
import { journalInvariants, ledgerDb, refusedBecause, someone } from './ledger.helpers';

const EUR = 'EUR';

async function balances(creator: string, buyer: string) {
  const db = ledgerDb();
  const of = async (kind: Parameters<typeof accountFor>[1]['kind'], owner: string | null) => balanceOf(db, (await accountFor(db, { kind, ownerAccountId: owner, currency: EUR })).id);
  return {
    funding: await of('buyer_funding', buyer),
    escrow: await of('escrow', creator),
    payable: await of('creator_payable', creator),
    refunds: await of('refunds', buyer),
  };
}

/** The platform's revenue account is one per currency, shared with every other file booking into it
 * at the same time (on PostgreSQL, one database): so a test reads its own transaction's entries, not the balance. */
async function revenueIn(revenueAccountId: string, transactionId: string) {
  const rows = await ledgerDb().select({ amount: journalEntries.amount }).from(journalEntries)
    .where(and(eq(journalEntries.ledgerAccountId, revenueAccountId), eq(journalEntries.transactionId, transactionId)));
  return rows.map((r) => r.amount);
}

beforeAll(async () => {
  // The embedded Postgres boots on the first connection: seconds on a busy machine.
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

describe('posting', () => {
  it('posts a balanced transaction once and derives balances from its entries', async () => {
    const db = ledgerDb();
    const a = await accountFor(db, { kind: 'buyer_funding', ownerAccountId: someone(), currency: EUR });
    const b = await accountFor(db, { kind: 'escrow', ownerAccountId: someone(), currency: EUR });
    const key = `test:${newId()}`;
    const input = { kind: 'purchase', idempotencyKey: key, entries: [{ accountId: a.id, amount: -1234, currency: EUR }, { accountId: b.id, amount: 1234, currency: EUR }] };
    const first = await post(db, input);
    const again = await post(db, input);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    expect(await balanceOf(db, a.id)).toBe(-1234);
    expect(await balanceOf(db, b.id)).toBe(1234);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.transactionId, first.transactionId));
    expect(audit).toHaveLength(1);
  });

  it('refuses a repeated idempotency key carrying a different transaction', async () => {
    const db = ledgerDb();
    const a = await accountFor(db, { kind: 'buyer_funding', ownerAccountId: someone(), currency: EUR });
    const b = await accountFor(db, { kind: 'escrow', ownerAccountId: someone(), currency: EUR });
    const key = `test:${newId()}`;
    await post(db, { kind: 'purchase', idempotencyKey: key, entries: [{ accountId: a.id, amount: -100, currency: EUR }, { accountId: b.id, amount: 100, currency: EUR }] });
    await expect(post(db, { kind: 'purchase', idempotencyKey: key, entries: [{ accountId: a.id, amount: -999, currency: EUR }, { accountId: b.id, amount: 999, currency: EUR }] })).rejects.toMatchObject({ code: 'idempotency_conflict' });
    expect(await balanceOf(db, b.id)).toBe(100);
  });

  it('refuses an unbalanced transaction and writes nothing', async () => {
    const db = ledgerDb();
    const a = await accountFor(db, { kind: 'buyer_funding', ownerAccountId: someone(), currency: EUR });
    const b = await accountFor(db, { kind: 'escrow', ownerAccountId: someone(), currency: EUR });
    const key = `test:${newId()}`;
    await expect(post(db, { kind: 'purchase', idempotencyKey: key, entries: [{ accountId: a.id, amount: -100, currency: EUR }, { accountId: b.id, amount: 99, currency: EUR }] })).rejects.toMatchObject({ code: 'unbalanced' });
    await expect(post(db, { kind: 'purchase', idempotencyKey: key, entries: [{ accountId: a.id, amount: 0, currency: EUR }, { accountId: b.id, amount: 0, currency: EUR }] })).rejects.toMatchObject({ code: 'invalid_entry' });
    expect(await db.select().from(journalTransactions).where(eq(journalTransactions.idempotencyKey, key))).toEqual([]);
  });

  it('the database itself refuses an unbalanced transaction at commit, and keeps none of it', async () => {
    const db = ledgerDb();
    const a = await accountFor(db, { kind: 'buyer_funding', ownerAccountId: someone(), currency: EUR });
    const b = await accountFor(db, { kind: 'escrow', ownerAccountId: someone(), currency: EUR });
    const id = newId();
    const write = db.transaction(async (tx) => {
      await tx.insert(journalTransactions).values({ id, kind: 'purchase', idempotencyKey: `test:${id}` });
      await tx.insert(journalEntries).values([
        { transactionId: id, ledgerAccountId: a.id, amount: -500, currency: EUR },
        { transactionId: id, ledgerAccountId: b.id, amount: 400, currency: EUR },
      ]);
    });
    await expect(write).rejects.toMatchObject(refusedBecause(/does not balance/));
    expect(await db.select().from(journalTransactions).where(eq(journalTransactions.id, id))).toEqual([]);
    expect(await balanceOf(db, a.id)).toBe(0);
  });

  it("the database refuses an entry in a currency other than its account's", async () => {
    const db = ledgerDb();
    const a = await accountFor(db, { kind: 'buyer_funding', ownerAccountId: someone(), currency: EUR });
    const b = await accountFor(db, { kind: 'escrow', ownerAccountId: someone(), currency: EUR });
    await expect(post(db, { kind: 'purchase', idempotencyKey: `test:${newId()}`, entries: [{ accountId: a.id, amount: -100, currency: 'USD' }, { accountId: b.id, amount: 100, currency: 'USD' }] })).rejects.toThrow();
    expect(await balanceOf(db, b.id)).toBe(0);
  });

  it('the journal and the audit trail are append-only: UPDATE and DELETE fail', async () => {
    const db = ledgerDb();
    const { transactionId } = await purchase(db, { buyerAccountId: someone(), creatorAccountId: someone(), gross: 1000, currency: EUR, idempotencyKey: `test:${newId()}` });
    await expect(db.execute(sql`UPDATE journal_entries SET amount = amount * 2 WHERE transaction_id = ${transactionId}`)).rejects.toMatchObject(refusedBecause(/append-only/));
    await expect(db.execute(sql`DELETE FROM journal_entries WHERE transaction_id = ${transactionId}`)).rejects.toMatchObject(refusedBecause(/append-only/));
    await expect(db.execute(sql`UPDATE journal_transactions SET kind = 'gift' WHERE id = ${transactionId}`)).rejects.toMatchObject(refusedBecause(/append-only/));
    await expect(db.execute(sql`DELETE FROM audit_events WHERE transaction_id = ${transactionId}`)).rejects.toMatchObject(refusedBecause(/append-only/));
    await expect(db.execute(sql`TRUNCATE journal_entries`)).rejects.toMatchObject(refusedBecause(/append-only/));
    const entries = await db.select().from(journalEntries).where(eq(journalEntries.transactionId, transactionId));
    expect(entries.map((e) => e.amount).sort((x, y) => x - y)).toEqual([-1000, 1000]);
  });
});

describe('escrow', () => {
  it('a purchase is held in escrow, then released 70/30 to the creator and the platform', async () => {
    const db = ledgerDb();
    const buyer = someone();
    const creator = someone();
    const revenue = await accountFor(db, { kind: 'platform_revenue', currency: EUR });
    const p = await purchase(db, { buyerAccountId: buyer, creatorAccountId: creator, gross: 999, currency: EUR, idempotencyKey: `test:${newId()}` });
    expect(p.split).toEqual({ gross: 999, creator: 699, platform: 300 });
    expect(await balances(creator, buyer)).toEqual({ funding: -999, escrow: 999, payable: 0, refunds: 0 });
    const r = await release(db, p.transactionId);
    expect(await release(db, p.transactionId)).toEqual({ transactionId: r.transactionId, replayed: true });
    expect(await balances(creator, buyer)).toEqual({ funding: -999, escrow: 0, payable: 699, refunds: 0 });
    expect(await revenueIn(revenue.id, r.transactionId)).toEqual([300]);
  });

  it('a refund before release takes the money back out of escrow, and the purchase can no longer be released', async () => {
    const db = ledgerDb();
    const buyer = someone();
    const creator = someone();
    const p = await purchase(db, { buyerAccountId: buyer, creatorAccountId: creator, gross: 500, currency: EUR, idempotencyKey: `test:${newId()}` });
    await refund(db, p.transactionId, 'buyer changed their mind');
    expect(await balances(creator, buyer)).toEqual({ funding: -500, escrow: 0, payable: 0, refunds: 500 });
    await expect(release(db, p.transactionId)).rejects.toMatchObject({ code: 'invalid_state' });
    expect((await refund(db, p.transactionId, 'again')).replayed).toBe(true);
    expect(await balances(creator, buyer)).toEqual({ funding: -500, escrow: 0, payable: 0, refunds: 500 });
  });

  it('a refund after release reverses the creator payable and the platform revenue with new entries', async () => {
    const db = ledgerDb();
    const buyer = someone();
    const creator = someone();
    const revenue = await accountFor(db, { kind: 'platform_revenue', currency: EUR });
    const p = await purchase(db, { buyerAccountId: buyer, creatorAccountId: creator, gross: 1001, currency: EUR, idempotencyKey: `test:${newId()}` });
    const released = await release(db, p.transactionId);
    const r = await refund(db, p.transactionId, 'dispute lost');
    expect(await balances(creator, buyer)).toEqual({ funding: -1001, escrow: 0, payable: 0, refunds: 1001 });
    expect(await revenueIn(revenue.id, released.transactionId)).toEqual([301]);
    expect(await revenueIn(revenue.id, r.transactionId)).toEqual([-301]);
    // Nothing was removed: purchase, release and refund are all still in the journal.
    const related = await db.select().from(journalTransactions).where(eq(journalTransactions.relatedTransactionId, p.transactionId));
    expect(related.map((t) => t.kind).sort()).toEqual(['refund', 'release']);
    expect(related.find((t) => t.kind === 'refund')!.id).toBe(r.transactionId);
  });

  it('refuses buying from yourself, a non-positive amount and an unknown purchase', async () => {
    const db = ledgerDb();
    const me = someone();
    await expect(purchase(db, { buyerAccountId: me, creatorAccountId: me, gross: 100, currency: EUR, idempotencyKey: `test:${newId()}` })).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(purchase(db, { buyerAccountId: me, creatorAccountId: someone(), gross: 0, currency: EUR, idempotencyKey: `test:${newId()}` })).rejects.toMatchObject({ code: 'invalid_entry' });
    await expect(release(db, newId())).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('under concurrency (one pool per purchase, as one per request)', () => {
  const N = 50;
  const price = 1299;

  it('50 different buyers buying the same agent at once: every purchase posted once, balances exact', async () => {
    const creator = someone();
    const buyers = Array.from({ length: N }, someone);
    const results = await Promise.all(buyers.map((buyer) => purchase(ledgerDb(), { buyerAccountId: buyer, creatorAccountId: creator, gross: price, currency: EUR, idempotencyKey: `test:${buyer}:agent` })));
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(N);
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'escrow', ownerAccountId: creator, currency: EUR })).id)).toBe(N * price);
    for (const buyer of buyers.slice(0, 5)) expect(await balanceOf(db, (await accountFor(db, { kind: 'buyer_funding', ownerAccountId: buyer, currency: EUR })).id)).toBe(-price);
    expect(await journalInvariants(db)).toEqual({ total: 0, unbalanced: 0 });
  }, 120_000);

  it('one buyer buying 50 times at once: distinct keys post 50 times, one repeated key posts once', async () => {
    const creator = someone();
    const buyer = someone();
    const distinct = Promise.all(Array.from({ length: N }, (_, i) => purchase(ledgerDb(), { buyerAccountId: buyer, creatorAccountId: creator, gross: price, currency: EUR, idempotencyKey: `test:${buyer}:${i}` })));
    const key = `test:${buyer}:retried`;
    const repeated = Promise.all(Array.from({ length: N }, () => purchase(ledgerDb(), { buyerAccountId: buyer, creatorAccountId: creator, gross: price, currency: EUR, idempotencyKey: key })));
    const [d, r] = await Promise.all([distinct, repeated]);
    expect(new Set(d.map((x) => x.transactionId)).size).toBe(N);
    expect(new Set(r.map((x) => x.transactionId)).size).toBe(1);
    expect(r.filter((x) => !x.replayed)).toHaveLength(1);
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'buyer_funding', ownerAccountId: buyer, currency: EUR })).id)).toBe(-(N + 1) * price);
    expect(await balanceOf(db, (await accountFor(db, { kind: 'escrow', ownerAccountId: creator, currency: EUR })).id)).toBe((N + 1) * price);
    expect(await db.select().from(journalTransactions).where(eq(journalTransactions.idempotencyKey, key))).toHaveLength(1);
    expect(await journalInvariants(db)).toEqual({ total: 0, unbalanced: 0 });
  }, 120_000);

  it('a release and a refund racing for the same purchase: exactly one order wins, money is conserved', async () => {
    const buyer = someone();
    const creator = someone();
    const p = await purchase(ledgerDb(), { buyerAccountId: buyer, creatorAccountId: creator, gross: 700, currency: EUR, idempotencyKey: `test:${newId()}` });
    await Promise.allSettled([release(ledgerDb(), p.transactionId), refund(ledgerDb(), p.transactionId, 'race')]);
    const b = await balances(creator, buyer);
    expect(b.refunds).toBe(700);
    expect(b.escrow + b.payable).toBe(0);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  }, 60_000);
});

describe('a transaction that keeps conflicting', () => {
  const conflict = () => Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { code: '40001' });

  it('is tried again from the start, then given up as busy — which the API answers with 503, safe to retry', async () => {
    let attempts = 0;
    const busy = retried(ledgerDb(), 'serializable', async () => {
      attempts++;
      throw conflict();
    });
    await expect(busy).rejects.toBeInstanceOf(LedgerBusyError);
    expect(attempts).toBe(16);
    const answer = withLedger(inject('ledger'), null, () => Promise.reject(new LedgerBusyError('busy', conflict())));
    await expect(answer).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '2' } });
  }, 30_000);

  it('succeeds when a later attempt does, and other errors are not retried', async () => {
    let attempts = 0;
    expect(await retried(ledgerDb(), 'read committed', async () => (++attempts < 3 ? Promise.reject(conflict()) : 'done'))).toBe('done');
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(retried(ledgerDb(), 'read committed', async () => (attempts++, Promise.reject(new Error('no such table'))))).rejects.toThrow('no such table');
    expect(attempts).toBe(1);
  });
});
