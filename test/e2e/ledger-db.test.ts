/**
 * The embedded ledger database that `npm start`, the tests and the benchmark use, reached as the
 * Worker reaches Neon (the Neon driver through the local WebSocket proxy). Every pool the Worker
 * opens is one connection; a day of local use opens far more than pglite-socket's limit of
 * 1,000 at once, so ended connections must give their place back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerPool, startLedgerDb } from '../../scripts/lib/ledger-db.mjs';

let db: Awaited<ReturnType<typeof startLedgerDb>>;

beforeAll(async () => {
  db = await startLedgerDb();
  await db.ready();
});

afterAll(() => db?.stop());

it('serves 1,200 connections opened and ended ten at a time, more than it holds at once', async () => {
  let next = 0;
  const answers: number[] = [];
  const connectOnce = async () => {
    while (next < 1200) {
      next++;
      const pool = ledgerPool(db.LEDGER_DATABASE_URL, db.LEDGER_WS_PROXY);
      try {
        answers.push((await pool.query('SELECT 1 AS one')).rows[0].one);
      } finally {
        await pool.end();
      }
    }
  };
  await Promise.all(Array.from({ length: 10 }, connectOnce));
  expect(answers).toHaveLength(1200);
  expect(answers.every((one) => one === 1)).toBe(true);
});
