import { z } from 'zod';
import { Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { CheckoutBody, DisputeBody, Order, RefundBody } from '../schemas/payments';
import { endpoint } from './endpoint';

const tags = ['Payments'] as const;
const byId = z.object({ id: Id });

/**
 * SMILE extension: paying for marketplace listings. Every call that moves money takes an
 * `Idempotency-Key` header or works once by nature (release, refund and dispute name their order).
 */
export const paymentsApi = {
  checkout: endpoint({
    method: 'post',
    path: '/api/v1/market/listings/:id/checkout',
    summary:
      'Buy or rent a paid listing. Requires an `Idempotency-Key` header: a retry with the same key returns the same order and charges once; the same key for another request is 422. A refused card is 402 with the reason, and the attempt is kept in your orders',
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    body: CheckoutBody,
    response: Order,
    status: 201,
  }),
  orders: endpoint({ method: 'get', path: '/api/v1/payments/orders', summary: 'Your orders as a buyer, newest first, every attempt included', tags, auth: 'user', scope: 'read', query: PageQuery, response: z.array(Order) }),
  order: endpoint({ method: 'get', path: '/api/v1/payments/orders/:id', summary: 'One order, for its buyer or its creator', tags, auth: 'user', scope: 'read', params: byId, response: Order }),
  accept: endpoint({ method: 'post', path: '/api/v1/payments/orders/:id/accept', summary: 'The buyer is satisfied: release the escrow to the creator now instead of after the hold', tags, auth: 'user', scope: 'write', params: byId, response: Order }),
  dispute: endpoint({ method: 'post', path: '/api/v1/payments/orders/:id/dispute', summary: 'The buyer disputes while the money is held: it is not released until the creator refunds or an admin decides', tags, auth: 'user', scope: 'write', params: byId, body: DisputeBody, response: Order }),
  refund: endpoint({ method: 'post', path: '/api/v1/payments/orders/:id/refund', summary: "Give the buyer their money back (the listing's creator, or an admin); the entitlement ends", tags, auth: 'user', scope: 'write', params: byId, body: RefundBody, response: Order }),
  blocked: endpoint({ method: 'get', path: '/api/v1/admin/payments/blocked', summary: 'Orders the fraud rules blocked, newest first, with the rule (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:read:accounts', role: 'admin', query: PageQuery, response: z.array(Order) }),
  webhook: endpoint({
    method: 'post',
    path: '/api/v1/payments/webhooks/:provider',
    summary: "The payment provider's events, verified by their `Stripe-Signature` over the raw body; each event is acted on once",
    tags,
    auth: 'public',
    params: z.object({ provider: z.enum(['test', 'stripe']) }),
    streamedBody: z.object({ id: z.string(), type: z.string() }).loose(),
    maxBodyBytes: 256 * 1024,
    response: z.object({ received: z.literal(true) }),
    rateLimit: 'none',
  }),
} as const;
