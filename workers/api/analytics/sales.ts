/**
 * A paid entitlement's price for analytics (revenue, a business's spend), written in the batch
 * that grants it, keyed by its journal transaction: a second grant attempt writes nothing. No
 * buyer is stored: the entitlement, which exists for its own reasons, says who bought — the one
 * the sale granted, or a metered bill's subscription's.
 */
import type { Db } from '../context';
import { analyticsSales } from '../db/analytics';
import type { PaymentOrderRow } from '../payments/schema';
import { dayOf } from './events';

export function saleWrite(db: Db, order: Pick<PaymentOrderRow, 'journalTransactionId' | 'paidAt' | 'listingId' | 'agentId' | 'amount' | 'currency' | 'kind' | 'subscriptionId'>) {
  return db
    .insert(analyticsSales)
    .values({
      transactionId: order.journalTransactionId!,
      day: dayOf(order.paidAt!.getTime()),
      listingId: order.listingId,
      agentId: order.agentId,
      amount: order.amount,
      currency: order.currency,
      subscriptionId: order.kind === 'usage' ? order.subscriptionId : null,
    })
    .onConflictDoNothing();
}
