/** Payments test helpers: a paid listing, a checkout through the API, the order's ledger rows. */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { createLogger } from '../../workers/api/lib/logger';
import type { PaymentDeps } from '../../workers/api/payments/checkout.service';
import { fraudLimits } from '../../workers/api/payments/fraud';
import { testProvider } from '../../workers/api/payments/providers/test-provider';
import { journalTransactions } from '../../workers/api/payments/schema';
import { type Env, loadConfig } from '../../workers/env';
import { type TestUser, call } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';

/**
 * The payment services as the Worker builds them, for tests that call the services directly —
 * with the Worker's configured fraud limits (the pool raises the card limit: every test buyer
 * shares Stripe's one test card).
 */
export function paymentDeps(overrides: Partial<PaymentDeps> = {}): PaymentDeps {
  const provider = testProvider(env.TEST_PAYMENTS!, env.TEST_PAYMENTS_WEBHOOK_SECRET as string);
  return { db: drizzle(env.DB), ledger: ledgerDb(), provider, fraud: fraudLimits(loadConfig(env as unknown as Env)), log: createLogger('error'), ...overrides };
}

/** A published listing sold once for `price` cents (new accounts may spend up to 50.00 an order). */
export const paidListing = (creator: TestUser, extra: Record<string, unknown> = {}) => listAgent(creator, { pricing_model: 'purchase', price: 1999, currency: 'EUR', ...extra });

export function buy(buyer: TestUser, listingId: string, paymentMethod = 'pm_card_visa', key: string | null = crypto.randomUUID()): Promise<Response> {
  return call(`/api/v1/market/listings/${listingId}/checkout`, { token: buyer.token, json: { payment_method: paymentMethod }, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

/** The journal transactions an order posted (its purchase, then a release or refund). */
export async function journalOf(orderId: string) {
  const db = ledgerDb();
  const [purchase] = await db.select().from(journalTransactions).where(eq(journalTransactions.idempotencyKey, `order:${orderId}`));
  if (!purchase) return [];
  const after = await db.select().from(journalTransactions).where(eq(journalTransactions.relatedTransactionId, purchase.id));
  return [purchase, ...after];
}
