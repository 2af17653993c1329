/**
 * Posting to the double-entry journal. Every posting runs in a SERIALIZABLE transaction,
 * retried on serialization failure; its idempotency key makes a repeat return the first
 * transaction instead of posting twice. The database enforces balance and append-only on its
 * own (migrations/ledger/0001_ledger_guards.sql); the checks here give clear errors first.
 */
import { and, eq, sql } from 'drizzle-orm';
import { newId } from '../lib/ids';
import type { LedgerDb } from './db';
import { LedgerBusyError, LedgerError } from './errors';
import { auditEvents, journalEntries, journalTransactions, ledgerAccounts, type LedgerAccountKind, type LedgerAccountRow } from './schema';

/** A transaction handle inside `serializable()`. */
export type LedgerTx = Parameters<Parameters<LedgerDb['transaction']>[0]>[0];

export interface EntryInput {
  accountId: string;
  /** Signed minor units. */
  amount: number;
  currency: string;
}

export interface PostingInput {
  kind: string;
  idempotencyKey: string;
  entries: EntryInput[];
  relatedTransactionId?: string;
  metadata?: Record<string, unknown>;
}

export interface Posted {
  transactionId: string;
  /** True when the idempotency key had been used: nothing new was written. */
  replayed: boolean;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
/**
 * Enough for bursts: under SSI, concurrent postings conflict on index pages they share (new
 * accounts and journal rows land on the same right-most leaf), not only on real dependencies —
 * 20 checkouts at once on PostgreSQL exhausted 8 attempts.
 */
const MAX_ATTEMPTS = 16;

function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Runs `work` in a transaction, again from the start when Postgres reports a serialization
 * failure or deadlock (bounded attempts, exponential backoff with full jitter); past the last
 * attempt, `LedgerBusyError` (a 503: retrying is safe). `work` must therefore do nothing but
 * database work.
 */
export async function retried<T>(db: LedgerDb, isolationLevel: 'serializable' | 'read committed', work: (tx: LedgerTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work, { isolationLevel });
    } catch (err) {
      const state = sqlState(err);
      if (!state || !RETRYABLE.has(state)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw new LedgerBusyError(`the ledger transaction conflicted with others ${MAX_ATTEMPTS} times`, err);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(400, 5 * 2 ** attempt)));
    }
  }
}

/** `work` in a SERIALIZABLE transaction, retried (`retried`). */
export function serializable<T>(db: LedgerDb, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
  return retried(db, 'serializable', work);
}

/** Posts `input`, or returns the transaction its idempotency key already posted. */
export function post(db: LedgerDb, input: PostingInput): Promise<Posted> {
  return serializable(db, (tx) => postIn(tx, input));
}

function checkBalanced(entries: EntryInput[]) {
  if (entries.length < 2) throw new LedgerError('unbalanced', 'a journal transaction needs at least two entries');
  const totals = new Map<string, number>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount) || e.amount === 0) throw new LedgerError('invalid_entry', `an entry's amount must be a non-zero whole number of minor units, got ${e.amount}`);
    totals.set(e.currency, (totals.get(e.currency) ?? 0) + e.amount);
  }
  for (const [currency, total] of totals) if (total !== 0) throw new LedgerError('unbalanced', `the ${currency} entries sum to ${total}, not 0`);
}

const entryKey = (e: EntryInput) => `${e.accountId}|${e.currency}|${e.amount}`;

/** `post` inside a transaction the caller already holds (e.g. after reading escrow state). */
export async function postIn(tx: LedgerTx, input: PostingInput): Promise<Posted> {
  checkBalanced(input.entries);
  const id = newId();
  const inserted = await tx
    .insert(journalTransactions)
    .values({ id, kind: input.kind, idempotencyKey: input.idempotencyKey, relatedTransactionId: input.relatedTransactionId ?? null, metadata: input.metadata ?? {} })
    .onConflictDoNothing({ target: journalTransactions.idempotencyKey })
    .returning({ id: journalTransactions.id });
  if (inserted.length === 0) return replay(tx, input);
  await tx.insert(journalEntries).values(input.entries.map((e) => ({ transactionId: id, ledgerAccountId: e.accountId, amount: e.amount, currency: e.currency })));
  await tx.insert(auditEvents).values({ kind: `journal.${input.kind}`, transactionId: id, details: { idempotencyKey: input.idempotencyKey, entries: input.entries.length, ...input.metadata } });
  return { transactionId: id, replayed: false };
}

/** The key was used: the same request gets the first answer, a different one is refused. */
async function replay(tx: LedgerTx, input: PostingInput): Promise<Posted> {
  const [first] = await tx.select().from(journalTransactions).where(eq(journalTransactions.idempotencyKey, input.idempotencyKey));
  if (!first) throw new LedgerError('not_found', `idempotency key ${input.idempotencyKey} vanished`);
  const rows = await tx.select().from(journalEntries).where(eq(journalEntries.transactionId, first.id));
  const before = rows.map((r) => entryKey({ accountId: r.ledgerAccountId, amount: r.amount, currency: r.currency })).sort();
  const now = input.entries.map(entryKey).sort();
  if (first.kind !== input.kind || before.join() !== now.join()) {
    throw new LedgerError('idempotency_conflict', `idempotency key ${input.idempotencyKey} was used for a different ${first.kind} transaction`);
  }
  return { transactionId: first.id, replayed: true };
}

export interface AccountRef {
  kind: LedgerAccountKind;
  /** The SMILE account it belongs to; null or absent for the platform's own accounts. */
  ownerAccountId?: string | null;
  currency: string;
}

/** The ledger account of `ref`, created on first use. */
export async function accountFor(tx: LedgerTx | LedgerDb, ref: AccountRef): Promise<LedgerAccountRow> {
  const owner = ref.ownerAccountId ?? null;
  const [created] = await tx
    .insert(ledgerAccounts)
    .values({ id: newId(), kind: ref.kind, ownerAccountId: owner, currency: ref.currency })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [existing] = await tx
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, ref.kind), owner === null ? sql`${ledgerAccounts.ownerAccountId} IS NULL` : eq(ledgerAccounts.ownerAccountId, owner), eq(ledgerAccounts.currency, ref.currency)));
  if (!existing) throw new LedgerError('not_found', `ledger account ${ref.kind}/${owner}/${ref.currency} could not be created`);
  return existing;
}

/** An account's balance in minor units: the sum of its entries (there is no stored balance). */
export async function balanceOf(tx: LedgerTx | LedgerDb, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${journalEntries.amount}), 0)::bigint` })
    .from(journalEntries)
    .where(eq(journalEntries.ledgerAccountId, accountId));
  const total = Number(row?.total ?? 0);
  if (!Number.isSafeInteger(total)) throw new RangeError(`balance of ${accountId} exceeds 2^53 minor units`);
  return total;
}
