/**
 * Erasing an account: the account row and everything it wrote or that points at it, in one D1
 * batch (all or nothing), then its files in R2. Counters of other rows it touched (followers,
 * replies, reblogs, favourites) are corrected in the same batch, before the rows they count go.
 *
 * What stays, as in Mastodon: other people's replies to its statuses, and reports about it
 * (the moderators' record). Modules with their own per-account tables pass their deletes in
 * `extra`; they run before the account row goes.
 */
import { type SQL, eq, inArray, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../context';
import { accountConversations } from '../db/conversations';
import { homeFeed } from '../db/home-feed';
import { mediaAttachments } from '../db/media';
import { mfaRecoveryCodes, mfaTotp } from '../db/mfa';
import { markers, notifications } from '../db/notifications';
import { blocks, followRequests, follows, mutes } from '../db/relationships';
import { accounts, emailTokens, identities, sessions } from '../db/schema';
import { bookmarks, favourites, idempotencyKeys, mentions, pollVotes, polls, reactions, statusEdits, statusPins, statusTags, statuses } from '../db/social';
import { stories, storyViews } from '../db/stories';
import { deleteObjects, mediaKeys } from '../media/media.service';

export async function eraseAccount(db: Db, bucket: R2Bucket, accountId: string, extra: BatchItem<'sqlite'>[] = []): Promise<void> {
  const id = accountId;
  const own = db.select({ id: statuses.id }).from(statuses).where(eq(statuses.accountId, id));
  // Its statuses and everyone's reblogs of them.
  const gone = db.select({ id: statuses.id }).from(statuses).where(or(eq(statuses.accountId, id), inArray(statuses.reblogOfId, own)));
  const ownStories = db.select({ id: stories.id }).from(stories).where(eq(stories.accountId, id));
  const [files, [profile]] = await db.batch([
    db.select({ key: mediaAttachments.key, thumbnailKey: mediaAttachments.thumbnailKey }).from(mediaAttachments).where(eq(mediaAttachments.accountId, id)),
    db.select({ avatar: accounts.avatarKey, header: accounts.headerKey }).from(accounts).where(eq(accounts.id, id)),
  ]);
  const others = (column: SQL) => sql`${statuses.id} IN (${column}) AND ${statuses.accountId} <> ${id}`;

  await db.batch([
    // Counters first, while the rows they count are still there.
    db
      .update(statuses)
      .set({ repliesCount: sql`${statuses.repliesCount} - (SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = ${statuses.id} AND r.account_id = ${id})` })
      .where(others(sql`SELECT in_reply_to_id FROM statuses WHERE account_id = ${id}`)),
    db.update(statuses).set({ reblogsCount: sql`${statuses.reblogsCount} - 1` }).where(others(sql`SELECT reblog_of_id FROM statuses WHERE account_id = ${id}`)),
    db.update(statuses).set({ favouritesCount: sql`${statuses.favouritesCount} - 1` }).where(others(sql`SELECT status_id FROM favourites WHERE account_id = ${id}`)),
    db.update(accounts).set({ followersCount: sql`${accounts.followersCount} - 1` }).where(inArray(accounts.id, db.select({ id: follows.targetId }).from(follows).where(eq(follows.accountId, id)))),
    db.update(accounts).set({ followingCount: sql`${accounts.followingCount} - 1` }).where(inArray(accounts.id, db.select({ id: follows.accountId }).from(follows).where(eq(follows.targetId, id)))),
    // What hangs off its statuses, and what it did to others'.
    db.delete(homeFeed).where(or(eq(homeFeed.accountId, id), eq(homeFeed.authorId, id), inArray(homeFeed.statusId, gone))),
    ...[favourites, bookmarks, statusPins].map((t) => db.delete(t).where(or(eq(t.accountId, id), inArray(t.statusId, gone)))),
    db.delete(reactions).where(or(eq(reactions.accountId, id), inArray(reactions.statusId, own))),
    db.delete(mentions).where(or(eq(mentions.accountId, id), inArray(mentions.statusId, own))),
    db.delete(statusTags).where(inArray(statusTags.statusId, own)),
    db.delete(statusEdits).where(inArray(statusEdits.statusId, own)),
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.accountId, id)),
    db.delete(notifications).where(or(eq(notifications.accountId, id), eq(notifications.fromAccountId, id), inArray(notifications.statusId, gone))),
    db.delete(pollVotes).where(or(eq(pollVotes.accountId, id), inArray(pollVotes.pollId, db.select({ id: polls.id }).from(polls).where(inArray(polls.statusId, own))))),
    db.delete(polls).where(inArray(polls.statusId, own)),
    // Conversations it took part in lose their other half: they go from every participant's list.
    db.delete(accountConversations).where(or(eq(accountConversations.accountId, id), sql`EXISTS (SELECT 1 FROM json_each(${accountConversations.participantIds}) WHERE value = ${id})`)),
    db.delete(storyViews).where(or(eq(storyViews.accountId, id), inArray(storyViews.storyId, ownStories))),
    db.delete(stories).where(eq(stories.accountId, id)),
    db.delete(mediaAttachments).where(eq(mediaAttachments.accountId, id)),
    db.delete(statuses).where(inArray(statuses.id, gone)),
    ...[follows, followRequests, blocks, mutes].map((t) => db.delete(t).where(or(eq(t.accountId, id), eq(t.targetId, id)))),
    db.delete(markers).where(eq(markers.accountId, id)),
    db.delete(sessions).where(eq(sessions.accountId, id)),
    db.delete(identities).where(eq(identities.accountId, id)),
    db.delete(emailTokens).where(eq(emailTokens.accountId, id)),
    db.delete(mfaTotp).where(eq(mfaTotp.accountId, id)),
    db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.accountId, id)),
    ...extra,
    db.delete(accounts).where(eq(accounts.id, id)),
  ]);
  const images = [profile?.avatar, profile?.header].filter((k): k is string => Boolean(k));
  await deleteObjects(bucket, [...mediaKeys(files), ...images]);
}
