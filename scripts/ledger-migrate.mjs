#!/usr/bin/env node
/**
 * Applies the ledger's Postgres migrations (migrations/ledger) to the database named by
 * LEDGER_DATABASE_URL — Neon in production, over Neon's own WebSocket endpoint:
 *   LEDGER_DATABASE_URL='postgres://…neon.tech/…?sslmode=require' node scripts/ledger-migrate.mjs
 * (`npm start` and the tests apply them to their local database on their own.)
 */
import { Pool, neonConfig } from '@neondatabase/serverless';
import { WebSocket } from 'ws';
import { applyLedgerMigrations } from './lib/ledger-migrations.mjs';

const url = process.env.LEDGER_DATABASE_URL;
if (!url) {
  console.error('Set LEDGER_DATABASE_URL to the ledger database (see docs/ledger.md).');
  process.exit(1);
}
neonConfig.webSocketConstructor = WebSocket;
const pool = new Pool({ connectionString: url });
try {
  const applied = await applyLedgerMigrations(pool);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The ledger schema is up to date.');
} finally {
  await pool.end();
}
