/**
 * The money benchmark's ledger-alone worker, not part of SMILE: the ledger's purchase
 * transaction (workers/api/payments/escrow.ts) and, beside it, a bare `SELECT 1` — both on a
 * fresh per-request pool of the Neon driver through the same WebSocket proxy, as the real
 * Worker reaches the ledger. Started by scripts/bench/money.mjs with the wrangler.toml beside it.
 */
import { sql } from 'drizzle-orm';
import { withLedger } from '../../../workers/api/payments/db';
import { purchase } from '../../../workers/api/payments/escrow';

interface Env {
  LEDGER_DATABASE_URL: string;
  LEDGER_WS_PROXY: string;
}

/** A hundred buyers and twenty creators: accounts are shared, as in a real marketplace. */
const someone = (prefix: string, of: number) => `${prefix}${Math.floor(Math.random() * of)}`;

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    const waitUntil = (p: Promise<unknown>) => ctx.waitUntil(p);
    if (path === '/health') return new Response('ok');
    if (path === '/select1') return withLedger(env, waitUntil, async (db) => Response.json((await db.execute(sql`SELECT 1 AS one`)).rows[0]));
    if (path === '/purchase') {
      return withLedger(env, waitUntil, async (db) => {
        const posted = await purchase(db, { buyerAccountId: someone('bench-buyer-', 100), creatorAccountId: someone('bench-creator-', 20), gross: 100 + Math.floor(Math.random() * 4900), currency: 'EUR', idempotencyKey: `bench:${crypto.randomUUID()}` });
        return Response.json(posted);
      });
    }
    return new Response('not found', { status: 404 });
  },
} satisfies ExportedHandler<Env>;
