/**
 * Turns status rows into Status entities for one viewer. Everything a page of statuses needs —
 * reblogged originals, authors, mentions, tags, apps, polls, media, reactions and the viewer's
 * own favourites, reblogs, bookmarks and pins — is read in one D1 batch (one round trip),
 * whatever the page size: the statements select by the page's ids and, through a subquery,
 * the ids of the statuses its reblogs wrap.
 */
import type { Context } from 'hono';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Status } from '../../../shared/schemas/statuses';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv, Services } from '../context';
import { sessionSelect } from '../auth/sessions.service';
import { confirmSessionRead } from '../middleware/auth';
import { unauthorized } from '../lib/errors';
import { type SharedQuery, oneTrip } from '../lib/one-trip';
import { oauthApps, accounts } from '../db/schema';
import { bookmarks, favourites, mentions, statusPins, statusTags, statuses, tags, type StatusRow } from '../db/social';
import { idSet } from '../lib/sql';
import { pollEntities, pollRows, pollVoteRows } from './polls.service';
import { reactionRows, reactionsByStatus } from './reactions.service';
import { mediaRows } from '../media/media.service';
import { serializeMedia } from '../media/serializers';

type Deps = Pick<Services, 'db' | 'config'>;
type StatusOut = z.input<typeof Status>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The reads a page of statuses needs, given SQL for the page's ids (`pageIds`) and for those ids
 * plus the originals its reblogs wrap (`ids`).
 */
function hydrationSelects(db: Deps['db'], viewerId: string | null, pageIds: SQL, ids: SQL) {
  const viewer = viewerId ?? '';
  return [
    db.select().from(statuses).where(sql`${statuses.id} IN (SELECT reblog_of_id FROM statuses WHERE id IN ${pageIds})`),
    db.select().from(accounts).where(sql`${accounts.id} IN (SELECT account_id FROM statuses WHERE id IN ${ids})`),
    db.select({ statusId: mentions.statusId, id: accounts.id, username: accounts.username }).from(mentions).innerJoin(accounts, eq(accounts.id, mentions.accountId)).where(sql`${mentions.statusId} IN ${ids}`),
    db.select({ statusId: statusTags.statusId, name: tags.name }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(sql`${statusTags.statusId} IN ${ids}`),
    db.select({ id: oauthApps.id, name: oauthApps.name, website: oauthApps.website }).from(oauthApps).where(sql`${oauthApps.id} IN (SELECT application_id FROM statuses WHERE id IN ${ids})`),
    db.select({ id: favourites.statusId }).from(favourites).where(and(eq(favourites.accountId, viewer), sql`${favourites.statusId} IN ${ids}`)),
    db.select({ id: bookmarks.statusId }).from(bookmarks).where(and(eq(bookmarks.accountId, viewer), sql`${bookmarks.statusId} IN ${ids}`)),
    db.select({ id: statusPins.statusId }).from(statusPins).where(and(eq(statusPins.accountId, viewer), sql`${statusPins.statusId} IN ${ids}`)),
    db.select({ id: statuses.reblogOfId }).from(statuses).where(and(eq(statuses.accountId, viewer), sql`${statuses.reblogOfId} IN ${ids}`)),
    pollRows(db, ids),
    pollVoteRows(db, ids),
    mediaRows(db, ids),
    reactionRows(db, viewerId, ids),
  ] as const;
}

type AwaitedAll<T> = { readonly [K in keyof T]: Awaited<T[K]> };
type Hydration = AwaitedAll<ReturnType<typeof hydrationSelects>>;

export async function hydrateStatuses(deps: Deps, viewerId: string | null, rows: StatusRow[]): Promise<StatusOut[]> {
  if (rows.length === 0) return [];
  const pageIds = idSet(rows.map((r) => r.id));
  // The page's statuses and the originals its reblogs wrap.
  const ids = sql`(SELECT value FROM ${pageIds} UNION SELECT reblog_of_id FROM statuses WHERE reblog_of_id IS NOT NULL AND id IN ${pageIds})`;
  return entities(deps.config, viewerId, rows, await deps.db.batch(hydrationSelects(deps.db, viewerId, pageIds, ids)));
}

/** A page read by `readPage`: its statuses as entities and the ids its Link header pages by, newest first. */
export interface HydratedPage {
  statuses: StatusOut[];
  cursors: string[];
}

/**
 * A whole page in one round trip: `pageQuery` selects the page's `id`s and `cursor`s (its order
 * and limit applied); the statuses and everything they show are read in the same round trip
 * (`lib/one-trip.ts`), and so is the caller's session when the route confirms it with its
 * read (`on(..., { sessionWithRead })`).
 */
export async function readPage(c: Context<AppEnv>, viewerId: string | null, pageQuery: SharedQuery['query']): Promise<HydratedPage> {
  const { db, config } = c.var;
  const pageIds = sql`(SELECT id FROM page)`;
  // The page's statuses and the originals its reblogs wrap, computed once.
  const ids = sql`(SELECT id FROM page_and_originals)`;
  const claims = !c.var.caller ? c.var.claims : null;
  const [page, session, ...hydration] = await oneTrip(
    c.env.DB,
    [
      { name: 'page', query: pageQuery },
      { name: 'page_and_originals', query: { toSQL: () => ({ sql: 'SELECT id FROM page UNION SELECT reblog_of_id FROM statuses WHERE reblog_of_id IS NOT NULL AND id IN (SELECT id FROM page)', params: [] }) } },
    ],
    [
      db.select({ cursor: sql<string>`page.cursor`, status: statuses }).from(statuses).innerJoin(sql`page`, sql`page.id = ${statuses.id}`),
      // A sessionless caller reads its empty session select.
      sessionSelect(db, claims ?? { sid: '', scope: '' }),
      ...hydrationSelects(db, viewerId, pageIds, ids),
    ] as const,
  );
  if (claims) confirmSessionRead(c, session);
  page.sort((a, b) => (a.cursor < b.cursor ? 1 : a.cursor > b.cursor ? -1 : 0));
  const rows = page.map((p) => p.status);
  return { statuses: entities(config, viewerId, rows, hydration), cursors: page.map((p) => p.cursor) };
}

function entities(config: Deps['config'], viewerId: string | null, rows: StatusRow[], hydration: Hydration): StatusOut[] {
  if (rows.length === 0) return [];
  const [originals, authors, mentioned, tagged, apps, faved, marked, pinned, reblogged, pollList, votes, media, reactionCounts] = hydration;
  const pollByStatus = pollEntities(pollList, votes, viewerId);
  const mediaByStatus = new Map<string, typeof media>();
  for (const m of media) mediaByStatus.set(m.statusId!, [...(mediaByStatus.get(m.statusId!) ?? []), m]);
  const reactionsOf = reactionsByStatus(reactionCounts);
  const authorById = new Map(authors.map((a) => [a.id, serializeAccount(config, a)]));
  const group = <T extends { statusId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.statusId, [...(map.get(item.statusId) ?? []), item]);
    return map;
  };
  const mentionsBy = group(mentioned);
  const tagsBy = group(tagged);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const has = (list: { id: string | null }[]) => new Set(list.map((x) => x.id));
  const [favSet, markSet, pinSet, reblogSet] = [has(faved), has(marked), has(pinned), has(reblogged)];

  const base = (s: StatusRow) => {
    const app = s.applicationId ? appById.get(s.applicationId) : undefined;
    const url = `${config.PUBLIC_URL}/@${authorById.get(s.accountId)!.username}/${s.id}`;
    return {
      id: s.id,
      uri: url,
      url,
      created_at: iso(s.createdAt),
      edited_at: s.editedAt === null ? null : iso(s.editedAt),
      account: authorById.get(s.accountId)!,
      content: s.content,
      spoiler_text: s.spoilerText,
      sensitive: s.sensitive,
      visibility: s.visibility,
      language: s.language,
      in_reply_to_id: s.inReplyToId,
      in_reply_to_account_id: s.inReplyToAccountId,
      replies_count: s.repliesCount,
      reblogs_count: s.reblogsCount,
      favourites_count: s.favouritesCount,
      ...(viewerId && { favourited: favSet.has(s.id), reblogged: reblogSet.has(s.id), bookmarked: markSet.has(s.id), pinned: pinSet.has(s.id), muted: false }),
      media_attachments: (mediaByStatus.get(s.id) ?? []).map((m) => serializeMedia(config, m)),
      mentions: (mentionsBy.get(s.id) ?? []).map((m) => ({ id: m.id, username: m.username, acct: m.username, url: `${config.PUBLIC_URL}/@${m.username}` })),
      tags: (tagsBy.get(s.id) ?? []).map((t) => ({ name: t.name, url: `${config.PUBLIC_URL}/tags/${encodeURIComponent(t.name)}` })),
      emojis: [],
      card: null,
      poll: pollByStatus.get(s.id) ?? null,
      application: app ? { name: app.name, website: app.website } : null,
      filtered: [],
      smile: {
        ai_generated: s.aiGenerated,
        reactions: reactionsOf.get(s.id) ?? [],
        // Only its author ever sees a held or removed status; they are told why.
        ...(s.moderationState !== 'ok' && viewerId === s.accountId && { moderation: { state: s.moderationState, reason: s.moderationReason } }),
      },
    };
  };

  const originalById = new Map(originals.map((o) => [o.id, o]));
  return rows.map((s) => {
    const original = s.reblogOfId ? originalById.get(s.reblogOfId) : undefined;
    return { ...base(s), reblog: original ? { ...base(original) } : null };
  });
}

export async function hydrateStatus(deps: Deps, viewerId: string | null, row: StatusRow): Promise<StatusOut> {
  const [status] = await hydrateStatuses(deps, viewerId, [row]);
  return status!;
}
