import { sql } from 'drizzle-orm';
import { afterEach, expect, inject } from 'vitest';
import { newId } from '../../workers/api/lib/ids';
import { openLedger, type LedgerConnection, type LedgerDb } from '../../workers/api/payments/db';

const open: LedgerConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A pool of the Worker's own kind (Neon driver over the local WebSocket proxy), closed after the test. */
export function ledgerDb(): LedgerDb {
  const connection = openLedger(inject('ledger'));
  open.push(connection);
  return connection.db;
}

/** A fresh SMILE account id: every test books on accounts of its own in the shared database. */
export const someone = () => newId();

/** The checks that must hold after anything: all entries sum to zero, and so does every transaction per currency. */
export async function journalInvariants(db: LedgerDb) {
  const total = await db.execute<{ total: string }>(sql`SELECT coalesce(sum(amount), 0)::text AS total FROM journal_entries`);
  const unbalanced = await db.execute(sql`SELECT transaction_id FROM journal_entries GROUP BY transaction_id, currency HAVING sum(amount) <> 0`);
  return { total: Number(total.rows[0]!.total), unbalanced: unbalanced.rows.length };
}

/** Matches a query drizzle wrapped, by the database's own message (the error's cause). */
export const refusedBecause = (message: RegExp) => ({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });
