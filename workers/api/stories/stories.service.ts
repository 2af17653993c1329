/**
 * Stories (a SMILE extension): posting, reading with expiry and the audience rule applied in
 * SQL, views, deletion and the purge of expired stories. Every read loads a story with its
 * author, media, the viewer's `seen` and (for the author) the view count in one query.
 */
import { type SQL, and, asc, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { STORY_BACKGROUNDS, STORY_LIFETIME_SECONDS } from '../../../shared/constants';
import type { CreateStoryBody } from '../../../shared/schemas/stories';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { mediaAttachments } from '../db/media';
import { accounts, type AccountRow } from '../db/schema';
import { stories, storyViews } from '../db/stories';
import { forbidden, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { deleteObjects, mediaKeys, unclaimed } from '../media/media.service';
import { blockedEitherWay, notHiddenFrom } from '../relationships/relationships.service';
import { storyVisibleTo } from '../social/visibility';

type Deps = Pick<Services, 'db'>;

/** The feed reads at most this many stories (the newest); more than enough for one screen of rings. */
const FEED_MAX_STORIES = 500;

/** SQL condition: the story has not expired at `at`. */
const liveAt = (at: number) => gt(stories.expiresAt, at);

function selectStories(db: Db, viewerId: string) {
  return db
    .select({
      story: stories,
      account: accounts,
      media: mediaAttachments,
      // You have always seen your own stories.
      seen: sql<number>`(${stories.accountId} = ${viewerId} OR EXISTS (SELECT 1 FROM ${storyViews} v WHERE v.story_id = ${stories.id} AND v.account_id = ${viewerId}))`,
      viewsCount: sql<number | null>`CASE WHEN ${stories.accountId} = ${viewerId} THEN (SELECT count(*) FROM ${storyViews} v WHERE v.story_id = ${stories.id}) END`,
    })
    .from(stories)
    .innerJoin(accounts, eq(accounts.id, stories.accountId))
    .leftJoin(mediaAttachments, eq(mediaAttachments.id, stories.mediaId));
}

export type LoadedStory = Awaited<ReturnType<ReturnType<typeof selectStories>['all']>>[number];

/** Live stories the viewer may see, matching `where`, oldest first. */
function visibleStories(deps: Deps, viewerId: string, where: SQL | undefined, at = Date.now()) {
  return selectStories(deps.db, viewerId).where(and(liveAt(at), storyVisibleTo(viewerId), where));
}

export async function createStory(deps: Deps, author: AccountRow, body: z.output<typeof CreateStoryBody>, at = Date.now()): Promise<LoadedStory> {
  const id = newId(at);
  const expiresAt = at + STORY_LIFETIME_SECONDS * 1000;
  if (body.media_id === undefined) {
    await deps.db.insert(stories).values({ id, accountId: author.id, text: body.text!, background: body.background ?? STORY_BACKGROUNDS[0], createdAt: at, expiresAt });
  } else {
    // One conditional statement: the media is claimed only if it is still the author's and unclaimed,
    // so a status or another story taking it at the same moment cannot both win.
    const inserted = await deps.db
      .insert(stories)
      .select(
        sql`SELECT ${id}, ${author.id}, ${mediaAttachments.id}, NULL, NULL, ${at}, ${expiresAt} FROM ${mediaAttachments}
          WHERE ${and(eq(mediaAttachments.id, body.media_id), eq(mediaAttachments.accountId, author.id), inArray(mediaAttachments.type, ['image', 'gifv', 'video']), unclaimed())}`,
      )
      .onConflictDoNothing()
      .returning({ id: stories.id });
    if (inserted.length === 0) throw invalidField('media_id', 'must be an image or video of yours that is not attached to anything else');
  }
  return viewableStory(deps, author.id, id, at);
}

/** A live story the viewer may see; otherwise 404, as if it did not exist. */
export async function viewableStory(deps: Deps, viewerId: string, id: string, at = Date.now()): Promise<LoadedStory> {
  const [row] = await visibleStories(deps, viewerId, eq(stories.id, id), at).limit(1);
  if (!row) throw notFound();
  return row;
}

/** The viewer's own live story: 404 when they cannot see it, 403 when they can but it is not theirs. */
export async function ownStory(deps: Deps, viewerId: string, id: string): Promise<LoadedStory> {
  const row = await viewableStory(deps, viewerId, id);
  if (row.story.accountId !== viewerId) throw forbidden('Only the author of a story can do this');
  return row;
}

/** An account's live stories, oldest first; 404 for an unknown account or a block either way. */
export async function accountStories(deps: Deps, viewerId: string, accountId: string): Promise<LoadedStory[]> {
  const [account] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account || (await blockedEitherWay(deps.db, viewerId, accountId))) throw notFound();
  return visibleStories(deps, viewerId, eq(stories.accountId, accountId)).orderBy(asc(stories.id));
}

export interface FeedEntry {
  account: AccountRow;
  stories: LoadedStory[];
  hasUnseen: boolean;
}

/**
 * The stories feed: the viewer first when they have live stories, then the followed accounts
 * (muted ones left out, as from the home timeline) with unseen stories, then those fully seen;
 * within each group, the most recent story first. Each account's stories are oldest first.
 */
export async function storiesFeed(deps: Deps, viewerId: string, at = Date.now()): Promise<FeedEntry[]> {
  const rows = await visibleStories(deps, viewerId, or(eq(stories.accountId, viewerId), notHiddenFrom(viewerId, stories.accountId)), at)
    .orderBy(desc(stories.id))
    .limit(FEED_MAX_STORIES);
  const byAccount = new Map<string, FeedEntry>();
  for (const row of rows.reverse()) {
    const entry = byAccount.get(row.account.id) ?? { account: row.account, stories: [], hasUnseen: false };
    entry.stories.push(row);
    entry.hasUnseen ||= !row.seen;
    byAccount.set(row.account.id, entry);
  }
  const rank = (e: FeedEntry) => (e.account.id === viewerId ? 0 : e.hasUnseen ? 1 : 2);
  const latest = (e: FeedEntry) => e.stories[e.stories.length - 1]!.story.id;
  return [...byAccount.values()].sort((a, b) => rank(a) - rank(b) || (latest(a) < latest(b) ? 1 : -1));
}

/** Records that the viewer saw the story, once; the author's own views are not counted. */
export async function viewStory(deps: Deps, viewerId: string, id: string): Promise<LoadedStory> {
  const row = await viewableStory(deps, viewerId, id);
  if (row.story.accountId !== viewerId) {
    await deps.db.insert(storyViews).values({ storyId: id, accountId: viewerId, id: newId() }).onConflictDoNothing();
  }
  return { ...row, seen: 1 };
}

/** Who saw the author's story, newest view first, paged by the view's id. */
export async function storyViewers(deps: Deps, viewerId: string, id: string, q: PageQuery) {
  await ownStory(deps, viewerId, id);
  const p = page(storyViews.id, q);
  const rows = await deps.db
    .select({ cursor: storyViews.id, viewedAt: storyViews.createdAt, account: accounts })
    .from(storyViews)
    .innerJoin(accounts, eq(accounts.id, storyViews.accountId))
    .where(and(eq(storyViews.storyId, id), p.where))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}

/** Deletes the author's story with its views, its media row and the media's R2 objects. */
export async function deleteStory(deps: Deps, bucket: R2Bucket, viewerId: string, id: string): Promise<void> {
  const { story, media } = await ownStory(deps, viewerId, id);
  await deps.db.batch([
    deps.db.delete(storyViews).where(eq(storyViews.storyId, id)),
    deps.db.delete(stories).where(eq(stories.id, id)),
    ...(story.mediaId ? [deps.db.delete(mediaAttachments).where(eq(mediaAttachments.id, story.mediaId))] : []),
  ]);
  if (media) await deleteObjects(bucket, mediaKeys([media]));
}

/**
 * The cron step: deletes stories expired by `at`, their views and their media (rows in one
 * batch, then the R2 objects). Reads never show an expired story, so this only frees space.
 */
export async function purgeExpiredStories(db: Db, bucket: R2Bucket, at: number): Promise<number> {
  const expired = lte(stories.expiresAt, at);
  const [, media, gone] = await db.batch([
    db.delete(storyViews).where(inArray(storyViews.storyId, db.select({ id: stories.id }).from(stories).where(expired))),
    db
      .delete(mediaAttachments)
      .where(inArray(mediaAttachments.id, db.select({ id: stories.mediaId }).from(stories).where(expired)))
      .returning({ key: mediaAttachments.key, thumbnailKey: mediaAttachments.thumbnailKey }),
    db.delete(stories).where(expired).returning({ id: stories.id }),
  ]);
  await deleteObjects(bucket, mediaKeys(media));
  return gone.length;
}
