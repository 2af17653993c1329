/**
 * Posting, editing and deleting statuses. Each write is one D1 batch: the status with its
 * mentions, tags, idempotency key and the counters it changes, so a failure leaves nothing half
 * written and the counters never drift.
 */
import { type SQL, and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import { LIMITS } from '../../../shared/constants';
import type { CreateStatusBody, EditStatusBody } from '../../../shared/schemas/statuses';
import type { Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { bookmarks, favourites, idempotencyKeys, mentions, pollVotes, polls, reactions, statusEdits, statusPins, statusTags, statuses, tags, type StatusRow } from '../db/social';
import { notifications } from '../db/notifications';
import { follows } from '../db/relationships';
import { invalidField, notFound } from '../lib/errors';
import { notify } from '../notifications/notify';
import { newId } from '../lib/ids';
import { countChars, parseText, renderContent } from './content';
import { pollInsert } from './polls.service';
import { attachMedia } from '../media/media.service';
import { mediaAttachments } from '../db/media';
import { canView } from './visibility';
import { dropFromHomes, ownEntry } from './home-feed';
import { addToConversations, blockedRecipients, joinThread, removeFromConversations } from '../conversations/threads';
import { assertAgentMayPost } from '../agents/posting-rules';
import { heldOnCreate, holdWrites, screenStatus, statusText } from '../moderation/statuses';

type Deps = Pick<Services, 'db' | 'config'>;

export async function findStatus(deps: Deps, id: string): Promise<StatusRow | null> {
  const [row] = await deps.db.select().from(statuses).where(eq(statuses.id, id)).limit(1);
  return row ?? null;
}

/** The status if the viewer may see it; otherwise 404, as if it did not exist. */
export async function viewableStatus(deps: Deps, viewerId: string | null, id: string): Promise<StatusRow> {
  const row = await findStatus(deps, id);
  if (!row || !(await canView(deps.db, viewerId, row))) throw notFound();
  return row;
}

/** The caller's own status; someone else's is 404 (not 403: its existence is not confirmed). */
export async function ownStatus(deps: Deps, accountId: string, id: string): Promise<StatusRow> {
  const row = await findStatus(deps, id);
  if (!row || row.accountId !== accountId || row.reblogOfId) throw notFound();
  return row;
}

interface Rendered {
  text: string;
  content: string;
  mentionIds: string[];
  tagNames: string[];
}

/** Validates length, resolves mentions to local accounts and renders the HTML. */
async function render(deps: Deps, text: string, spoiler: string): Promise<Rendered> {
  if (countChars(text) + [...spoiler].length > LIMITS.statusMaxChars) throw invalidField('status', `is too long (maximum is ${LIMITS.statusMaxChars} characters)`, 'ERR_TOO_LONG');
  const parsed = parseText(text, deps.config.INSTANCE_DOMAIN);
  const found = parsed.mentions.length
    ? await deps.db.select({ id: accounts.id, username: accounts.username }).from(accounts).where(inArray(sql`lower(${accounts.username})`, parsed.mentions))
    : [];
  const byName = new Map(found.map((a) => [a.username.toLowerCase(), a.username]));
  const content = renderContent(text, { baseUrl: deps.config.PUBLIC_URL, localDomain: deps.config.INSTANCE_DOMAIN, accounts: byName });
  return { text, content, mentionIds: found.map((a) => a.id), tagNames: parsed.tags };
}

/** Inserts for the tags (created on first use) and the status–tag links. */
function tagWrites(deps: Deps, statusId: string, names: string[]) {
  return names.flatMap((name) => [
    deps.db.insert(tags).values({ id: newId(), name }).onConflictDoNothing({ target: tags.name }),
    deps.db.insert(statusTags).select(sql`SELECT ${statusId}, id FROM tags WHERE name = ${name}`).onConflictDoNothing(),
  ]);
}

const recountReplies = (deps: Deps, statusId: string) =>
  deps.db.update(statuses).set({ repliesCount: sql`(SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = ${statusId})` }).where(eq(statuses.id, statusId));

const recountAuthor = (deps: Deps, accountId: string, lastStatusAt?: number) =>
  deps.db
    .update(accounts)
    .set({
      statusesCount: sql`(SELECT count(*) FROM statuses s WHERE s.account_id = ${accountId} AND s.reblog_of_id IS NULL)`,
      ...(lastStatusAt && { lastStatusAt }),
    })
    .where(eq(accounts.id, accountId));

export interface PostMeta {
  applicationId: string | null;
  idempotencyKey: string | null;
  /** Written by an agent: a reply to a mention, a post of its own, a published draft (`smile.ai_generated`). */
  aiGenerated?: boolean;
}

export async function createStatus(deps: Deps, author: AccountRow, body: z.output<typeof CreateStatusBody>, meta: PostMeta): Promise<StatusRow> {
  if (meta.idempotencyKey) {
    const [seen] = await deps.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, author.id), eq(idempotencyKeys.key, meta.idempotencyKey))).limit(1);
    const earlier = seen && (await findStatus(deps, seen.statusId));
    if (earlier) return earlier;
  }
  const text = body.status ?? '';
  const mediaIds = body.media_ids ?? [];
  if (mediaIds.length && body.poll) throw invalidField('poll', 'cannot be combined with media attachments');
  if (!text.trim() && !mediaIds.length) throw invalidField('status', "can't be blank", 'ERR_BLANK');

  let parent: StatusRow | null = null;
  if (body.in_reply_to_id) {
    parent = await findStatus(deps, body.in_reply_to_id);
    if (!parent || parent.reblogOfId || !(await canView(deps.db, author.id, parent))) throw invalidField('in_reply_to_id', 'is not a status you can reply to');
  }
  const spoiler = body.spoiler_text ?? '';
  const visibility = body.visibility ?? author.defaultPrivacy;
  const rendered = await render(deps, text, spoiler);
  await assertAgentMayPost(deps.db, author, visibility, rendered.mentionIds);
  // Checked before anything is stored: a refusal is a 422, a hold stores the status for its author only.
  const verdict = screenStatus(statusText({ text, spoiler, pollOptions: body.poll?.options }));
  // Followers who rang the bell hear of public and unlisted posts, not of replies (as in Mastodon).
  const bell =
    !parent && (visibility === 'public' || visibility === 'unlisted')
      ? await deps.db.select({ id: follows.accountId }).from(follows).where(and(eq(follows.targetId, author.id), eq(follows.notify, true)))
      : [];
  const id = newId();
  const now = Date.now();
  const attach = await attachMedia(deps.db, author.id, id, mediaIds);
  const thread = joinThread(deps.db, parent);
  // A direct status is kept in its participants' conversations, never across a block.
  const blocked = visibility === 'direct' ? await blockedRecipients(deps.db, author.id, rendered.mentionIds) : new Set<string>();
  const row: StatusRow = {
    id,
    accountId: author.id,
    text,
    content: rendered.content,
    spoilerText: spoiler,
    sensitive: body.sensitive ?? (spoiler.length > 0 || author.defaultSensitive),
    visibility,
    language: body.language || author.defaultLanguage,
    inReplyToId: parent?.id ?? null,
    inReplyToAccountId: parent?.accountId ?? null,
    reblogOfId: null,
    conversationId: thread.conversationId,
    applicationId: meta.applicationId,
    aiGenerated: meta.aiGenerated ?? false,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    createdAt: now,
    editedAt: null,
    moderationState: verdict.action === 'hold' ? 'held' : 'ok',
    moderationReason: verdict.action === 'hold' ? (verdict.reason ?? null) : null,
  };
  try {
    await deps.db.batch([
      deps.db.insert(statuses).values(row),
      ownEntry(deps.db, eq(statuses.id, id)),
      ...thread.writes,
      ...(visibility === 'direct' ? addToConversations(deps.db, row, rendered.mentionIds.filter((m) => !blocked.has(m))) : []),
      ...(meta.idempotencyKey ? [deps.db.insert(idempotencyKeys).values({ accountId: author.id, key: meta.idempotencyKey, statusId: id })] : []),
      ...rendered.mentionIds.map((accountId) => deps.db.insert(mentions).values({ statusId: id, accountId }).onConflictDoNothing()),
      ...tagWrites(deps, id, rendered.tagNames),
      ...(parent ? [recountReplies(deps, parent.id)] : []),
      recountAuthor(deps, author.id, now),
      ...(body.poll ? [pollInsert(deps.db, id, body.poll, now)] : []),
      ...attach,
      ...(row.moderationState === 'held' ? heldOnCreate(deps.db, row, verdict) : []),
      ...notify(deps.db, [
        ...rendered.mentionIds.map((recipientId) => ({ recipientId, fromId: author.id, type: 'mention' as const, statusId: id })),
        ...bell.filter((f) => !rendered.mentionIds.includes(f.id)).map((f) => ({ recipientId: f.id, fromId: author.id, type: 'status' as const, statusId: id })),
      ]),
    ]);
  } catch (err) {
    // Two requests with one Idempotency-Key raced: the other one's status is the answer.
    if (meta.idempotencyKey) {
      const [seen] = await deps.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, author.id), eq(idempotencyKeys.key, meta.idempotencyKey))).limit(1);
      const earlier = seen && (await findStatus(deps, seen.statusId));
      if (earlier) return earlier;
    }
    throw err;
  }
  return row;
}

/** Edits keep history: the version being replaced is stored first (Mastodon's /history). */
export async function editStatus(deps: Deps, author: AccountRow, id: string, body: z.output<typeof EditStatusBody>): Promise<StatusRow> {
  const current = await ownStatus(deps, author.id, id);
  const text = body.status ?? current.text;
  const attach = body.media_ids ? await attachMedia(deps.db, author.id, id, body.media_ids) : [];
  const hasMedia = body.media_ids ? body.media_ids.length > 0 : (await deps.db.select({ id: mediaAttachments.id }).from(mediaAttachments).where(eq(mediaAttachments.statusId, id)).limit(1)).length > 0;
  if (!text.trim() && !hasMedia) throw invalidField('status', "can't be blank", 'ERR_BLANK');
  const spoiler = body.spoiler_text ?? current.spoilerText;
  const rendered = await render(deps, text, spoiler);
  const verdict = screenStatus(statusText({ text, spoiler }));
  const now = Date.now();
  const snapshot = (s: Pick<StatusRow, 'text' | 'content' | 'spoilerText' | 'sensitive'>, at: number) =>
    deps.db.insert(statusEdits).values({ id: newId(at), statusId: id, text: s.text, content: s.content, spoilerText: s.spoilerText, sensitive: s.sensitive, createdAt: at });
  const next = { text, content: rendered.content, spoilerText: spoiler, sensitive: body.sensitive ?? current.sensitive, language: body.language || current.language, editedAt: now };
  const rebloggers = await deps.db.select({ id: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, id));
  const held = verdict.action === 'hold' && current.moderationState === 'ok' ? await holdWrites(deps.db, { ...current, ...next }, verdict, 'classifier') : [];
  await deps.db.batch([
    deps.db.update(statuses).set(next).where(eq(statuses.id, id)),
    // The first edit also records the original, so history always starts with it.
    ...(current.editedAt === null ? [snapshot(current, current.createdAt)] : []),
    snapshot(next, now),
    deps.db.delete(statusTags).where(eq(statusTags.statusId, id)),
    ...tagWrites(deps, id, rendered.tagNames),
    // Who can see a direct or followers-only status follows its mentions, so they follow the edit.
    deps.db.delete(mentions).where(eq(mentions.statusId, id)),
    ...rendered.mentionIds.map((accountId) => deps.db.insert(mentions).values({ statusId: id, accountId }).onConflictDoNothing()),
    // Media left out of an edit is released (the cron job deletes unattached uploads after a day).
    ...(body.media_ids ? [deps.db.update(mediaAttachments).set({ statusId: null }).where(and(eq(mediaAttachments.statusId, id), body.media_ids.length ? notInArray(mediaAttachments.id, body.media_ids) : undefined)), ...attach] : []),
    // Those who shared it learn it changed: one `update` notification each, the latest edit's.
    deps.db.delete(notifications).where(and(eq(notifications.statusId, id), eq(notifications.type, 'update'))),
    ...notify(deps.db, rebloggers.map((r) => ({ recipientId: r.id, fromId: author.id, type: 'update' as const, statusId: id }))),
    ...held,
  ]);
  return held.length ? { ...current, ...next, moderationState: 'held', moderationReason: verdict.reason ?? null } : { ...current, ...next };
}

export async function statusHistory(deps: Deps, status: StatusRow) {
  if (status.editedAt === null) return [{ text: status.text, content: status.content, spoilerText: status.spoilerText, sensitive: status.sensitive, createdAt: status.createdAt }];
  return deps.db.select().from(statusEdits).where(eq(statusEdits.statusId, status.id)).orderBy(statusEdits.id);
}

/**
 * Deletes a status with everything that hangs off it, its reblogs included, and fixes the
 * counters of its author and of the status it replied to. Replies to it stay, as in Mastodon.
 */
export async function deleteStatus(deps: Deps, author: AccountRow, id: string): Promise<StatusRow> {
  const status = await ownStatus(deps, author.id, id);
  await deps.db.batch(await statusDeletionWrites(deps, status));
  return status;
}

/**
 * The writes of a status's deletion, for its author or a moderator. `guard` (a moderator's
 * decision having been stored) conditions every deletion; the recounts count what is there.
 */
export async function statusDeletionWrites(deps: Deps, status: StatusRow, guard?: SQL): Promise<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]> {
  const id = status.id;
  const reblogs = await deps.db.select({ id: statuses.id, accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, id));
  const gone = [id, ...reblogs.map((r) => r.id)];
  return [
    deps.db.delete(statuses).where(and(inArray(statuses.id, gone), guard)),
    dropFromHomes(deps.db, gone, guard),
    deps.db.delete(favourites).where(and(inArray(favourites.statusId, gone), guard)),
    deps.db.delete(bookmarks).where(and(inArray(bookmarks.statusId, gone), guard)),
    deps.db.delete(statusPins).where(and(inArray(statusPins.statusId, gone), guard)),
    deps.db.delete(reactions).where(and(eq(reactions.statusId, id), guard)),
    deps.db.delete(mentions).where(and(eq(mentions.statusId, id), guard)),
    deps.db.delete(statusTags).where(and(eq(statusTags.statusId, id), guard)),
    deps.db.delete(statusEdits).where(and(eq(statusEdits.statusId, id), guard)),
    deps.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.statusId, id), guard)),
    deps.db.delete(notifications).where(and(inArray(notifications.statusId, gone), guard)),
    deps.db.delete(pollVotes).where(and(inArray(pollVotes.pollId, deps.db.select({ id: polls.id }).from(polls).where(eq(polls.statusId, id))), guard)),
    deps.db.delete(polls).where(and(eq(polls.statusId, id), guard)),
    // Released, not deleted: "delete and redraft" may post them again; the cron job purges the rest.
    deps.db.update(mediaAttachments).set({ statusId: null }).where(and(eq(mediaAttachments.statusId, id), guard)),
    ...(status.visibility === 'direct' ? removeFromConversations(deps.db, status, guard) : []),
    ...(status.inReplyToId ? [recountReplies(deps, status.inReplyToId)] : []),
    recountAuthor(deps, status.accountId),
  ];
}
