import { z } from 'zod';
import { Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { CheckoutBody, DisputeBody, Order, RefundBody, TestAuthentication, TestAuthenticationBody } from '../schemas/payments';
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
      "Buy or rent a paid listing. Requires an `Idempotency-Key` header: a retry with the same key returns the same order and charges once; the same key for another request is 422. A refused card is 402 with the reason, and the attempt is kept in your orders. A card whose bank wants the buyer to confirm the payment (3-D Secure) answers a pending order with `next_action`",
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
  confirm: endpoint({
    method: 'post',
    path: '/api/v1/payments/orders/:id/confirm',
    summary:
      "After the buyer has confirmed a payment with their bank (the order's `next_action`): the provider is asked for its outcome and the order is settled (or 402 with the bank's reason); still waiting, it stays pending. Any other order is answered as it is. The buyer's only",
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    response: Order,
  }),
  testAuthentication: endpoint({
    method: 'post',
    path: '/api/v1/payments/test_authentication',
    summary:
      "The offline test provider's 3-D Secure page (what Stripe's test authentication page does): confirm or fail a payment waiting for its buyer, by its client secret. 404 unless the server runs the test provider, and for an unknown client secret",
    tags,
    auth: 'user',
    scope: 'write',
    body: TestAuthenticationBody,
    response: TestAuthentication,
  }),
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
