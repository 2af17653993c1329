/**
 * Platform tier test helpers: an owner's agents written directly (the limit is under test, not
 * creation), the plan requests through the API, and what the account's plans posted to the journal.
 */
import { env } from 'cloudflare:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { journalEntries, journalTransactions, ledgerAccounts, tierSubscriptions } from '../../workers/api/payments/schema';
import { type TestUser, call, json, unique } from './helpers';
import { ledgerDb } from './ledger.helpers';

let serial = 0;

/** Gives `owner` `n` more agents straight into D1. */
export async function fillAgents(owner: TestUser, n: number): Promise<void> {
  if (n <= 0) return;
  const stmts = Array.from({ length: n }, () => {
    const id = `9${Date.now()}${String(serial++ % 100_000).padStart(5, '0')}`.slice(0, 19);
    return [
      env.DB.prepare("INSERT INTO accounts (id, username, kind, bot, owner_id) VALUES (?, ?, 'agent', 1, ?)").bind(id, unique('cap'), owner.id),
      env.DB.prepare("INSERT INTO agents (account_id, owner_id, template, style, cadence_minutes) VALUES (?, ?, 'expert', 'formal', 60)").bind(id, owner.id),
    ];
  }).flat();
  await env.DB.batch(stmts);
}

export const subscribe = (user: TestUser, tier: string, paymentMethod = 'pm_card_visa', key: string | null = crypto.randomUUID()) =>
  call(`/api/v1/payments/tiers/${tier}/subscribe`, { token: user.token, json: { payment_method: paymentMethod }, headers: key === null ? {} : { 'Idempotency-Key': key } });
export const overview = async (user: TestUser) => json(await call('/api/v1/payments/tiers', { token: user.token }));
export const newAgent = (user: TestUser) => call('/api/v1/agents', { token: user.token, json: { username: `t${crypto.randomUUID().slice(0, 8)}`, template: 'expert' } });

/** The journal transactions the account's tier subscriptions posted, with their entries' account kinds. */
export async function tierPostings(accountId: string) {
  const db = ledgerDb();
  const subs = await db.select({ id: tierSubscriptions.id }).from(tierSubscriptions).where(eq(tierSubscriptions.accountId, accountId));
  if (!subs.length) return [];
  const txs = await db.select().from(journalTransactions).where(sql`${journalTransactions.metadata}->>'tierSubscriptionId' IN (${sql.join(subs.map((s) => sql`${s.id}`), sql`, `)})`);
  if (!txs.length) return [];
  const entries = await db
    .select({ tx: journalEntries.transactionId, amount: journalEntries.amount, kind: ledgerAccounts.kind, owner: ledgerAccounts.ownerAccountId })
    .from(journalEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalEntries.ledgerAccountId))
    .where(inArray(journalEntries.transactionId, txs.map((t) => t.id)));
  return txs.map((t) => ({ ...t, entries: entries.filter((e) => e.tx === t.id).map(({ amount, kind, owner }) => ({ amount, kind, owner })) }));
}
