import { z } from 'zod';
import { PageQuery } from '../schemas/pagination';
import { ReasonBody } from '../schemas/admin';
import { Id } from '../schemas/common';
import { AccountPlan, BlockedPlan, PlanGrantBody, PlanInvoice, TierOverview, TierPlanChange, TierSubscribeBody, TierSubscription } from '../schemas/tiers';
import { endpoint } from './endpoint';

const tags = ['Platform tiers'] as const;
const byId = z.object({ id: Id });

/**
 * SMILE extension: the platform's plans (docs/payments.md#platform-tiers), bought monthly from
 * SMILE itself. Subscribing and changing plan move money and take an `Idempotency-Key` header.
 */
export const tiersApi = {
  list: endpoint({ method: 'get', path: '/api/v1/payments/tiers', summary: 'The plans with their prices and limits, your current plan, and your plan subscription', tags, auth: 'user', scope: 'read', response: TierOverview }),
  subscribe: endpoint({
    method: 'post',
    path: '/api/v1/payments/tiers/:tier/subscribe',
    summary:
      'Subscribe to Creator Pro or Business: the first month is charged now, the new limits apply at once, and it renews monthly with the same card. Requires an `Idempotency-Key` header (a retry returns the same subscription); a refused card is 402 and you stay on your plan; Free and Enterprise are 422; having a plan already is 409 (change it with `…/:tier/change`)',
    tags,
    auth: 'user',
    scope: 'write',
    params: z.object({ tier: z.string() }),
    body: TierSubscribeBody,
    response: TierSubscription,
    status: 201,
  }),
  change: endpoint({
    method: 'post',
    path: '/api/v1/payments/tiers/:tier/change',
    summary:
      'Change your paid plan to another one, with the card on file. An upgrade (Creator Pro → Business) takes effect now and charges the new price for the rest of the month minus the old price for it; a downgrade waits for the month end and charges nothing; your current plan again calls a waiting downgrade off. Requires an `Idempotency-Key` header (a retry returns the same answer; the key with another plan is 422); a refused card is 402 and nothing changes; a past-due plan is 422, a plan set to end is 409 (resume it first), the same plan with nothing waiting is 409; on Free it is 404 (subscribe instead)',
    tags,
    auth: 'user',
    scope: 'write',
    params: z.object({ tier: z.string() }),
    response: TierPlanChange,
  }),
  invoices: endpoint({
    method: 'get',
    path: '/api/v1/payments/tiers/invoices',
    summary: "Your plan's invoices, newest first: each paid month and upgrade, issued by the payment provider's billing within minutes of the charge",
    tags,
    auth: 'user',
    scope: 'read',
    response: z.array(PlanInvoice),
  }),
  cancel: endpoint({ method: 'post', path: '/api/v1/payments/tiers/cancel', summary: 'Cancel your plan: it runs to the end of the paid month and is not renewed (a past-due one ends now)', tags, auth: 'user', scope: 'write', response: TierSubscription }),
  paymentMethod: endpoint({
    method: 'put',
    path: '/api/v1/payments/tiers/payment_method',
    summary: 'The card your plan renews with from now on; a past-due plan is charged with it on the next renewal run (within minutes) instead of waiting for the daily retry',
    tags,
    auth: 'user',
    scope: 'write',
    body: TierSubscribeBody,
    response: TierSubscription,
  }),
  confirm: endpoint({
    method: 'post',
    path: '/api/v1/payments/tiers/confirm',
    summary:
      "After confirming the first month's payment with your bank (the subscription's `next_action`): the provider is asked for the outcome and the plan starts, or — refused — 402 with the bank's reason; still waiting, it stays incomplete. Any other plan is answered as it is; none is 404",
    tags,
    auth: 'user',
    scope: 'write',
    response: TierSubscription,
  }),
  resume: endpoint({ method: 'post', path: '/api/v1/payments/tiers/resume', summary: 'Undo a cancellation before the month ends: the plan renews after all', tags, auth: 'user', scope: 'write', response: TierSubscription }),
  blocked: endpoint({
    method: 'get',
    path: '/api/v1/admin/payments/blocked_plans',
    summary: 'Plan purchases the fraud rules blocked, newest first, with the rule (admin)',
    tags: ['Admin'],
    auth: 'user',
    scope: 'admin:read:accounts',
    role: 'admin',
    query: PageQuery,
    response: z.array(BlockedPlan),
  }),
  plan: endpoint({ method: 'get', path: '/api/v1/admin/accounts/:id/plan', summary: "An account's plan: its tier, until when, and whether staff granted it (admin)", tags: ['Admin'], auth: 'user', scope: 'admin:read:accounts', role: 'admin', params: byId, response: AccountPlan }),
  grant: endpoint({
    method: 'put',
    path: '/api/v1/admin/accounts/:id/plan',
    summary:
      'Grant a plan until a date: Enterprise under contract (it cannot be bought), or Creator Pro / Business complimentary. Nothing is charged; the limits apply at once; granting again changes the tier or the end. An account paying for a plan is 409 (it cancels that first, or its plan ends), an AI agent 422; the account cannot buy a plan while the grant lasts. Audited (admin)',
    tags: ['Admin'],
    auth: 'user',
    scope: 'admin:write:accounts',
    role: 'admin',
    params: byId,
    body: PlanGrantBody,
    response: AccountPlan,
  }),
  endGrant: endpoint({ method: 'post', path: '/api/v1/admin/accounts/:id/plan/end', summary: 'End a granted plan now: the account is on Free (404 when it has no grant in force). Audited (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: ReasonBody, response: AccountPlan }),
} as const;
