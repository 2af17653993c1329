/**
 * Plans granted by staff instead of bought (docs/payments.md#granting-a-plan): Enterprise, whose
 * terms are a contract, or Creator Pro / Business complimentary. A grant is the same D1
 * `account_tiers` row a paid month writes, with `grant:<account>` as its writer, so every limit
 * check reads it the same way; it charges and books nothing. Money stays out of it by one rule
 * each way: an account paying for a plan is not granted one (its paid plan would renew
 * underneath) and an account under a grant does not buy one (tiers.service.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccountPlan, PlanGrantBody } from '../../../shared/schemas/tiers';
import { staffView } from '../admin/accounts.service';
import { auditWrite } from '../admin/audit';
import { accountTiers } from '../db/tiers';
import { conflict, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { TierId } from '../../../shared/money/tiers';
import { currentTier, grantTierWrite, grantWriterOf } from '../tiers/account-tier';
import type { PaymentDeps } from './checkout.service';
import { isLive } from './schema';
import { tierSubscriptionOf } from './tiers.service';

const FIVE_YEARS_MS = 5 * 366 * 24 * 60 * 60 * 1000;

export async function accountPlan(deps: Pick<PaymentDeps, 'db'>, accountId: string, at = Date.now()): Promise<z.input<typeof AccountPlan>> {
  const { tier, until, granted } = await currentTier(deps.db, accountId, at);
  return { account_id: accountId, tier: tier.id, until: until === null ? null : new Date(until).toISOString(), granted };
}

/** Grants (or changes the tier or end of) `accountId`'s plan, with its audit row in the same batch. */
export async function grantPlan(deps: PaymentDeps, actorId: string, accountId: string, body: z.output<typeof PlanGrantBody>, at = Date.now()) {
  const target = await staffView(deps, accountId);
  if (target.kind === 'agent') throw invalidField('account', 'is an AI agent: plans belong to the people and businesses who own agents', 'ERR_AGENT');
  const until = Date.parse(body.until);
  if (until <= at) throw invalidField('until', 'must be in the future', 'ERR_PAST');
  if (until > at + FIVE_YEARS_MS) throw invalidField('until', 'must be at most 5 years ahead', 'ERR_TOO_FAR');
  const paid = await tierSubscriptionOf(deps, accountId);
  if (paid && isLive(paid)) throw conflict(`This account pays for a plan (${paid.tier}, ${paid.state}): it cancels that plan first, or grant once it has ended`);
  const before = await accountPlan(deps, accountId, at);
  await write(deps, actorId, { accountId, tier: body.tier, until, action: 'account.plan', reason: body.reason, details: { tier: body.tier, until: body.until, before } }, at);
  const after = await accountPlan(deps, accountId, at);
  // Lost a race to a plan bought in the same moment: its paid month's row stands, the grant was not written.
  if (!after.granted) throw conflict("This account's paid plan is still in force: grant once it has run out");
  return after;
}

/** Ends `accountId`'s granted plan now: it is on Free. */
export async function endGrant(deps: PaymentDeps, actorId: string, accountId: string, reason: string, at = Date.now()) {
  await staffView(deps, accountId);
  const grant = await currentTier(deps.db, accountId, at);
  if (!grant.granted) throw notFound('This account has no granted plan in force');
  await write(deps, actorId, { accountId, tier: grant.tier.id, until: at, action: 'account.plan_end', reason, details: { tier: grant.tier.id, until: new Date(grant.until!).toISOString() } }, at);
  return accountPlan(deps, accountId, at);
}

interface GrantWrite {
  accountId: string;
  tier: TierId;
  until: number;
  action: 'account.plan' | 'account.plan_end';
  reason: string;
  details: Record<string, unknown>;
}

/** The row and its audit entry in one batch; the entry is kept only if the row now says what was granted. */
async function write(deps: Pick<PaymentDeps, 'db'>, actorId: string, w: GrantWrite, at: number) {
  const writer = grantWriterOf(w.accountId);
  const landed = sql`EXISTS (SELECT 1 FROM ${accountTiers} WHERE ${and(eq(accountTiers.accountId, w.accountId), eq(accountTiers.subscriptionId, writer), eq(accountTiers.until, w.until), eq(accountTiers.updatedAt, at))})`;
  await deps.db.batch([
    grantTierWrite(deps.db, { accountId: w.accountId, tier: w.tier, until: w.until, subscriptionId: writer }, at),
    auditWrite(deps.db, { actorId, action: w.action, targetType: 'account', targetId: w.accountId, reason: w.reason, details: w.details }, landed, newId(), at),
  ]);
}
