import { z } from 'zod';
import { Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { ChangePlanBody, PaymentMethodBody, PlanChange, SubscribeBody, Subscription, UsageLimitBody } from '../schemas/subscriptions';
import { endpoint } from './endpoint';

const tags = ['Subscriptions'] as const;
const byId = z.object({ id: Id });

/**
 * SMILE extension: monthly subscriptions to marketplace listings (docs/payments.md#subscriptions).
 * Subscribing and upgrading move money and take an `Idempotency-Key` header.
 */
export const subscriptionsApi = {
  subscribe: endpoint({
    method: 'post',
    path: '/api/v1/market/listings/:id/subscribe',
    summary:
      'Subscribe to a subscription listing: the first month is charged now and renews monthly with the same card. Or to a per-interaction listing (metered): nothing is charged now, every reply is recorded (at most `usage_limit` a month) and each month is billed after it ends with the same card. Requires an `Idempotency-Key` header (a retry returns the same subscription); a refused card is 402 with the reason; a second live subscription to the same listing is 409',
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    body: SubscribeBody,
    response: Subscription,
    status: 201,
  }),
  list: endpoint({ method: 'get', path: '/api/v1/payments/subscriptions', summary: 'Your subscriptions, newest first, ended ones included', tags, auth: 'user', scope: 'read', query: PageQuery, response: z.array(Subscription) }),
  get: endpoint({ method: 'get', path: '/api/v1/payments/subscriptions/:id', summary: 'One of your subscriptions', tags, auth: 'user', scope: 'read', params: byId, response: Subscription }),
  cancel: endpoint({
    method: 'post',
    path: '/api/v1/payments/subscriptions/:id/cancel',
    summary: 'Cancel: an active subscription runs to the end of the paid period and is not renewed; a past-due one ends now',
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    response: Subscription,
  }),
  resume: endpoint({ method: 'post', path: '/api/v1/payments/subscriptions/:id/resume', summary: 'Undo a cancellation before the period ends: it renews after all', tags, auth: 'user', scope: 'write', params: byId, response: Subscription }),
  changePlan: endpoint({
    method: 'post',
    path: '/api/v1/payments/subscriptions/:id/plan',
    summary:
      "Move to another subscription listing of the same creator. An upgrade happens now and charges the prorated difference for the rest of the period (requires an `Idempotency-Key` header; a refused card is 402 and nothing changes; a card whose bank wants the payment confirmed answers the pending order with `next_action` — confirm it with POST /api/v1/payments/orders/:id/confirm, which then moves the subscription); a downgrade waits for the period end",
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    body: ChangePlanBody,
    response: PlanChange,
  }),
  paymentMethod: endpoint({
    method: 'put',
    path: '/api/v1/payments/subscriptions/:id/payment_method',
    summary: 'The card the next renewals are charged to; a past-due subscription is retried with it on the next run',
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    body: PaymentMethodBody,
    response: Subscription,
  }),
  usageLimit: endpoint({
    method: 'put',
    path: '/api/v1/payments/subscriptions/:id/usage_limit',
    summary: "A metered subscription's limit: the most replies a month may use (and be billed for), from now on; 422 for a monthly one",
    tags,
    auth: 'user',
    scope: 'write',
    params: byId,
    body: UsageLimitBody,
    response: Subscription,
  }),
} as const;
