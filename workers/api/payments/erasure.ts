/**
 * When a person is erased (privacy/erase-person.ts), nothing may bill them again: their live
 * subscriptions — to agents and to a platform tier — end now, with audit events. The money
 * already moved stays in the ledger under ids that no longer resolve to a person.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { LedgerDb } from './db';
import { auditEvents, LIVE, subscriptions, tierSubscriptions } from './schema';

export async function stopBillingOf(ledger: LedgerDb, accountId: string, at = new Date()): Promise<number> {
  return ledger.transaction(async (tx) => {
    const ended = { state: 'canceled' as const, renewAt: null, graceUntil: null, endedAt: at, updatedAt: at };
    const agentsSubs = await tx.update(subscriptions).set(ended).where(and(eq(subscriptions.buyerAccountId, accountId), inArray(subscriptions.state, LIVE))).returning({ id: subscriptions.id });
    const tiers = await tx.update(tierSubscriptions).set(ended).where(and(eq(tierSubscriptions.accountId, accountId), inArray(tierSubscriptions.state, LIVE))).returning({ id: tierSubscriptions.id });
    const all = [...agentsSubs.map((s) => ({ kind: 'subscription.canceled', id: s.id })), ...tiers.map((s) => ({ kind: 'tier_subscription.canceled', id: s.id }))];
    if (all.length) await tx.insert(auditEvents).values(all.map((s) => ({ kind: s.kind, details: { subscriptionId: s.id, why: 'account erased' } })));
    return all.length;
  });
}
