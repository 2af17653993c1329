/**
 * Giving a paid order's money back, for its creator or an admin: the provider's refund first
 * (idempotent by key), then the journal's reversal, then the entitlement ends. The entitlement's
 * D1 write is returned rather than run, so an admin's refund stores it with its audit row.
 */
import { and, eq, sql } from 'drizzle-orm';
import { marketEntitlements } from '../db/market';
import { invalidField } from '../lib/errors';
import { type PaymentDeps, providerCall } from './checkout.service';
import { refundOrder } from './orders';
import type { PaymentOrderRow } from './schema';

export async function refundPaidOrder(deps: PaymentDeps, order: PaymentOrderRow, reason: string) {
  if (order.state !== 'succeeded') throw invalidField('order', `is ${order.state}: nothing was paid`, 'ERR_NOT_PAID');
  const { refundId } = await providerCall(deps, () => deps.provider.refund({ paymentId: order.providerPaymentId!, idempotencyKey: `refund:${order.id}` }));
  const refunded = await refundOrder(deps.ledger, order.id, reason, refundId);
  const now = Date.now();
  const endEntitlement = deps.db
    .update(marketEntitlements)
    .set({ endsAt: now })
    .where(and(eq(marketEntitlements.sourceTransactionId, refunded.journalTransactionId!), sql`(${marketEntitlements.endsAt} IS NULL OR ${marketEntitlements.endsAt} > ${now})`));
  return { refunded, endEntitlement };
}
