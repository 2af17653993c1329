import type { Pool } from '@neondatabase/serverless';

/** Applies the pending ledger migrations; resolves with the names applied. */
export function applyLedgerMigrations(pool: Pool): Promise<string[]>;
