/**
 * The hard delete of a person after the grace period (docs/privacy.md): their agents (each
 * deleted as its owner would), what every agent remembers about them (their `AgentSession`s),
 * their place in chats (messages become the "deleted user"'s), and then, in one D1 batch,
 * every row of theirs (`accounts/erasure.ts` plus the tables of later modules), and their R2
 * objects. The ledger's money is not touched — its ids no longer resolve to anyone once the
 * account row is gone — but their live subscriptions end first, so nothing bills them again.
 *
 * Every step can run again: the cron job retries a person whose erasure failed half-way, and a
 * step already done finds nothing to do.
 */
import { forgetPersonWrites } from '../analytics/forget';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Config, Env } from '../../env';
import { eraseAccount } from '../accounts/erasure';
import { sessionOf } from '../agents/chat.service';
import { deleteAgent } from '../agents/agents.service';
import { leaveChat, roomOf } from '../chat/chat.service';
import type { Db } from '../context';
import { agentSessions } from '../db/agent-chat';
import { agentNotInterested, agents } from '../db/agents';
import { chatMedia, chatMembers } from '../db/chats';
import { liveStreams } from '../db/live';
import { mediaAttachments } from '../db/media';
import { moderationItems } from '../db/moderation';
import { accountDeletions, consents, dataExports } from '../db/privacy';
import { accountTiers } from '../db/tiers';
import { pushSubscriptions } from '../db/push';
import { accounts, businessVerifications, oauthCodes, outbox } from '../db/schema';
import { reports } from '../db/social';
import type { Logger } from '../lib/logger';
import { reviewerErasure } from '../market/erasure';
import { withLedger } from '../payments/db';
import { stopBillingOf } from '../payments/erasure';
import { paymentProvider } from '../payments/providers';
import { forgetSavedCards } from '../payments/saved-cards';
import { deleteObjects } from '../media/media.service';

export async function erasePerson(env: Env, db: Db, config: Config, accountId: string): Promise<void> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) return void (await db.delete(accountDeletions).where(eq(accountDeletions.accountId, accountId)));
  const deps = { db, config };
  // First: nothing may bill them again, whatever else fails below.
  if (config.LEDGER_DATABASE_URL) {
    await withLedger(config, null, async (ledger) => {
      await stopBillingOf(ledger, accountId);
      await forgetSavedCards(ledger, accountId, () => paymentProvider(env, config));
    });
  }

  const owned = await db.select({ id: agents.accountId }).from(agents).where(eq(agents.ownerId, accountId));
  for (const agent of owned) await deleteAgent(deps, env.MEDIA, env.AGENT_SESSION, accountId, agent.id);

  const talked = await db.select({ agentId: agentSessions.agentId }).from(agentSessions).where(eq(agentSessions.personId, accountId));
  await Promise.all(talked.map((t) => sessionOf(env.AGENT_SESSION, t.agentId, accountId).forgetAll()));

  // The room first: once the membership row is gone nothing would lead back to it.
  const rooms = await db.select({ chatId: chatMembers.chatId }).from(chatMembers).where(eq(chatMembers.accountId, accountId));
  for (const { chatId } of rooms) {
    await roomOf(env, chatId).eraseAccount(accountId);
    await leaveChat(deps, env, account, chatId);
  }

  const [replays, archives] = await db.batch([
    db.select({ key: liveStreams.replayKey }).from(liveStreams).where(and(eq(liveStreams.accountId, accountId), isNotNull(liveStreams.replayKey))),
    db.select({ key: dataExports.r2Key }).from(dataExports).where(and(eq(dataExports.accountId, accountId), isNotNull(dataExports.r2Key))),
  ]);
  await eraseAccount(db, env.MEDIA, accountId, [
    db.delete(agentSessions).where(eq(agentSessions.personId, accountId)),
    db.delete(agentNotInterested).where(eq(agentNotInterested.accountId, accountId)),
    db.delete(chatMedia).where(inArray(chatMedia.mediaId, db.select({ id: mediaAttachments.id }).from(mediaAttachments).where(eq(mediaAttachments.accountId, accountId)))),
    db.delete(liveStreams).where(eq(liveStreams.accountId, accountId)),
    ...reviewerErasure(db, accountId),
    db.delete(businessVerifications).where(eq(businessVerifications.accountId, accountId)),
    db.delete(oauthCodes).where(eq(oauthCodes.accountId, accountId)),
    db.delete(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId)),
    db.delete(moderationItems).where(eq(moderationItems.accountId, accountId)),
    // Reports they filed (their words about others); reports about them stay, as `eraseAccount` keeps them.
    db.delete(reports).where(eq(reports.accountId, accountId)),
    ...(account.email ? [db.delete(outbox).where(sql`${outbox.toAddress} = ${account.email.toLowerCase()}`)] : []),
    db.delete(dataExports).where(eq(dataExports.accountId, accountId)),
    db.delete(consents).where(eq(consents.accountId, accountId)),
    ...forgetPersonWrites(db, accountId),
    db.delete(accountTiers).where(eq(accountTiers.accountId, accountId)),
    db.delete(accountDeletions).where(eq(accountDeletions.accountId, accountId)),
  ]);
  await deleteObjects(env.MEDIA, [...replays, ...archives].flatMap((r) => (r.key ? [r.key] : [])));
}

/** The cron job: everyone whose grace period ended by `now`, a few a run (each is many writes); the rest next run. */
export async function eraseDueAccounts(env: Env, db: Db, config: Config, log: Logger, now: number, limit = 10): Promise<{ erased: number; failed: number }> {
  const due = await db.select({ accountId: accountDeletions.accountId }).from(accountDeletions).where(lte(accountDeletions.deleteAfter, now)).orderBy(accountDeletions.deleteAfter).limit(limit);
  let erased = 0;
  let failed = 0;
  for (const { accountId } of due) {
    try {
      await erasePerson(env, db, config, accountId);
      erased++;
    } catch (err) {
      // Left scheduled: the next run tries again from where this one stopped.
      log.error('account erasure failed; retried next run', { account_id: accountId, error: (err as Error).message });
      failed++;
    }
  }
  return { erased, failed };
}
