/**
 * A creator's earnings, for the dashboard: what was sold in a date range (per currency, per
 * agent and per day or month, from payment_orders) and where the money is now (pending in
 * escrow, available, paid out — current balances from the journal). Two aggregate queries,
 * run side by side; nothing is summed row by row here.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { CREATOR_SHARE_PERCENT } from '../../../shared/money/split';
import { EARNINGS_PERIODS, type EarningsPeriod } from '../../../shared/payments/payouts';
import type { Earnings, EarningsQuery } from '../../../shared/schemas/payouts';
import { invalidField } from '../lib/errors';
import type { LedgerDb } from './db';

type EarningsBody = z.input<typeof Earnings>;
type Figures = { sales: number; gross: number; platform_fee: number; net: number; refunded: number };

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The query's range as [from, to] UTC days, `from` moved to its month's first day for months. */
export function earningsRange(query: z.output<typeof EarningsQuery>, now = new Date()): { from: Date; until: Date; period: EarningsPeriod } {
  const period = query.period;
  const to = query.to ? new Date(`${query.to}T00:00:00Z`) : new Date(`${day(now)}T00:00:00Z`);
  let from = query.from ? new Date(`${query.from}T00:00:00Z`) : null;
  const limits = EARNINGS_PERIODS[period];
  if (period === 'month') {
    from ??= new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - (limits.defaultBuckets - 1), 1));
    from = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  } else from ??= new Date(to.getTime() - (limits.defaultBuckets - 1) * DAY_MS);
  if (from > to) throw invalidField('from', 'is after to', 'ERR_RANGE');
  const buckets = period === 'day' ? (to.getTime() - from.getTime()) / DAY_MS + 1 : (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
  if (buckets > limits.maxBuckets) throw invalidField('from', `is too far back: at most ${limits.maxBuckets} ${period}s per request`, 'ERR_RANGE');
  return { from, until: new Date(to.getTime() + DAY_MS), period };
}

interface SalesRow extends Record<string, unknown> {
  set: number;
  currency: string;
  agent_id: string | null;
  listing_id: string | null;
  bucket: string | null;
  sales: string;
  gross: string;
  net: string;
  refunded: string;
}

interface BalanceRow extends Record<string, unknown> {
  kind: 'pending' | 'creator_payable' | 'payouts';
  currency: string;
  amount: string;
}

export async function earningsOf(ledger: LedgerDb, creatorId: string, query: z.output<typeof EarningsQuery>, now = new Date()): Promise<EarningsBody> {
  const { from, until, period } = earningsRange(query, now);
  // The creator's share per order, rounded down as shared/money/split.ts does (integer division of a positive bigint).
  const share = sql`(amount * ${CREATOR_SHARE_PERCENT} / 100)`;
  const [sales, balances] = await Promise.all([
    ledger.execute<SalesRow>(sql`
      SELECT grouping(agent_id, listing_id, bucket) AS set, currency, agent_id, listing_id, to_char(bucket, 'YYYY-MM-DD') AS bucket,
             count(*)::text AS sales,
             coalesce(sum(amount) FILTER (WHERE settlement <> 'refunded'), 0)::text AS gross,
             coalesce(sum(${share}) FILTER (WHERE settlement <> 'refunded'), 0)::text AS net,
             coalesce(sum(amount) FILTER (WHERE settlement = 'refunded'), 0)::text AS refunded
        FROM (SELECT *, date_trunc(${period}, paid_at AT TIME ZONE 'UTC') AS bucket FROM payment_orders
               WHERE creator_account_id = ${creatorId} AND state = 'succeeded' AND paid_at >= ${from.toISOString()} AND paid_at < ${until.toISOString()}) o
       GROUP BY GROUPING SETS ((currency), (currency, agent_id, listing_id), (currency, bucket))
       ORDER BY currency, bucket, agent_id`),
    ledger.execute<BalanceRow>(sql`
      SELECT a.kind, a.currency, coalesce(sum(e.amount), 0)::text AS amount
        FROM ledger_accounts a LEFT JOIN journal_entries e ON e.ledger_account_id = a.id
       WHERE a.owner_account_id = ${creatorId} AND a.kind IN ('creator_payable', 'payouts')
       GROUP BY a.kind, a.currency
      UNION ALL
      SELECT 'pending', currency, sum(${share})::text
        FROM payment_orders WHERE creator_account_id = ${creatorId} AND state = 'succeeded' AND settlement = 'held'
       GROUP BY currency`),
  ]);

  const figures = (r: SalesRow): Figures => {
    const gross = Number(r.gross);
    const net = Number(r.net);
    return { sales: Number(r.sales), gross, platform_fee: gross - net, net, refunded: Number(r.refunded) };
  };
  const zero: Figures = { sales: 0, gross: 0, platform_fee: 0, net: 0, refunded: 0 };
  const totals = new Map<string, Figures & { pending: number; available: number; paid_out: number }>();
  const totalOf = (currency: string) => {
    let t = totals.get(currency);
    if (!t) totals.set(currency, (t = { ...zero, pending: 0, available: 0, paid_out: 0 }));
    return t;
  };
  const agents: EarningsBody['agents'] = [];
  const buckets: EarningsBody['buckets'] = [];
  // grouping(agent_id, listing_id, bucket) sets a bit per column left out: 0b111 → (currency), 0b001 → per agent, 0b110 → per bucket.
  for (const r of sales.rows) {
    if (r.set === 0b111) Object.assign(totalOf(r.currency), figures(r));
    else if (r.set === 0b001) agents.push({ agent_id: r.agent_id!, listing_id: r.listing_id!, currency: r.currency, ...figures(r) });
    else buckets.push({ start: r.bucket!, currency: r.currency, ...figures(r) });
  }
  for (const b of balances.rows) {
    const t = totalOf(b.currency);
    const amount = Number(b.amount);
    if (b.kind === 'pending') t.pending = amount;
    else if (b.kind === 'creator_payable') t.available = amount;
    else t.paid_out = amount;
  }
  agents.sort((a, b) => b.gross - a.gross || a.agent_id.localeCompare(b.agent_id));
  return {
    period,
    from: day(from),
    to: day(new Date(until.getTime() - DAY_MS)),
    totals: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, ...t })),
    agents,
    buckets,
  };
}
