/**
 * Turns status rows into Status entities for one viewer. Everything a page of statuses needs —
 * reblogged originals, authors, mentions, tags, apps, polls, media, reactions and the viewer's
 * own favourites, reblogs, bookmarks and pins — is read in one round trip, whatever the page
 * size: the selects read the page's ids and those of the statuses its reblogs wrap.
 */
import type { Context } from 'hono';
import { type SQL, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Status } from '../../../shared/schemas/statuses';
import { serializeAccount } from '../accounts/serializers';
import type { AppEnv, Services } from '../context';
import { sessionSelect } from '../auth/sessions.service';
import { confirmSessionRead } from '../middleware/auth';
import { type SharedQuery, oneTrip } from '../lib/one-trip';
import { oauthApps, accounts } from '../db/schema';
import { mentions, statusTags, statuses, tags, type StatusRow } from '../db/social';
import { idSet } from '../lib/sql';
import { pollEntities, pollRows, pollVoteRows } from './polls.service';
import { reactionRows, reactionsByStatus } from './reactions.service';
import { mediaRows } from '../media/media.service';
import { serializeMedia } from '../media/serializers';

type Deps = Pick<Services, 'db' | 'config'>;
type StatusOut = z.input<typeof Status>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The reads a page of statuses needs, given subqueries of one `value` column: `ids` (the page's
 * statuses and the originals its reblogs wrap) and `originalIds`.
 */
function hydrationSelects(db: Deps['db'], viewerId: string | null, ids: SQL, originalIds: SQL) {
  const viewer = viewerId ?? '';
  const own = (table: SQL) => sql<number>`EXISTS (SELECT 1 FROM ${table} x WHERE x.account_id = ${viewer} AND x.status_id = page.value)`;
  return [
    db.select().from(statuses).where(sql`${statuses.id} IN ${originalIds}`),
    db.select().from(accounts).where(sql`${accounts.id} IN (SELECT account_id FROM statuses WHERE id IN ${ids})`),
    db.select({ statusId: mentions.statusId, id: accounts.id, username: accounts.username }).from(mentions).innerJoin(accounts, eq(accounts.id, mentions.accountId)).where(sql`${mentions.statusId} IN ${ids}`),
    db.select({ statusId: statusTags.statusId, name: tags.name }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(sql`${statusTags.statusId} IN ${ids}`),
    db.select({ id: oauthApps.id, name: oauthApps.name, website: oauthApps.website }).from(oauthApps).where(sql`${oauthApps.id} IN (SELECT application_id FROM statuses WHERE id IN ${ids})`),
    // The viewer's own marks on each status, in one statement.
    db
      .select({
        id: sql<string>`page.value`,
        favourited: own(sql`favourites`).mapWith(Boolean),
        bookmarked: own(sql`bookmarks`).mapWith(Boolean),
        pinned: own(sql`status_pins`).mapWith(Boolean),
        reblogged: sql<number>`EXISTS (SELECT 1 FROM statuses x WHERE x.account_id = ${viewer} AND x.reblog_of_id = page.value)`.mapWith(Boolean),
      })
      .from(sql`${ids} page`),
    pollRows(db, ids),
    pollVoteRows(db, ids),
    mediaRows(db, ids),
    reactionRows(db, viewerId, ids),
  ] as const;
}

type AwaitedAll<T> = { readonly [K in keyof T]: Awaited<T[K]> };
type Hydration = AwaitedAll<ReturnType<typeof hydrationSelects>>;

/** Status rows as entities for the viewer: everything they show is read in one round trip, a few statements. */
export async function hydrateStatuses(deps: Deps, viewerId: string | null, rows: StatusRow[]): Promise<StatusOut[]> {
  if (rows.length === 0) return [];
  const originalIds = [...new Set(rows.flatMap((r) => (r.reblogOfId ? [r.reblogOfId] : [])))];
  const ids = idSet([...new Set([...rows.map((r) => r.id), ...originalIds])]);
  return entities(deps.config, viewerId, rows, await oneTrip(deps.db.$client, [], hydrationSelects(deps.db, viewerId, ids, idSet(originalIds))));
}

/** A page read by `readPage`: its statuses as entities and the ids its Link header pages by, newest first. */
export interface HydratedPage {
  statuses: StatusOut[];
  cursors: string[];
}

/**
 * A page of a timeline: `pageQuery` selects the page's `id`s and `cursor`s (its order and limit
 * applied); it is read with its statuses — and the caller's session, when the route confirms it
 * with its read (`on(..., { sessionWithRead })`) — and everything those statuses show.
 *
 * Local D1 compiles every statement on every call, and SQLite compiles a common table expression
 * again for each read of it. An anonymous reader's page select is small, so the page and all its
 * reads share one round trip (`lib/one-trip.ts`). A signed-in reader's carries their blocks,
 * mutes, follows and AI preference; compiled in each of a dozen reads it cost more than a round
 * trip does, so it is read alone and the rest follows by id (docs/architecture.md, "Home timeline").
 */
export async function readPage(c: Context<AppEnv>, viewerId: string | null, pageQuery: SharedQuery['query']): Promise<HydratedPage> {
  const { db, config } = c.var;
  const claims = !c.var.caller ? c.var.claims : null;
  const pageRows = db.select({ cursor: sql<string>`page.cursor`, status: statuses }).from(statuses).innerJoin(sql`page`, sql`page.id = ${statuses.id}`);
  // A sessionless caller reads its empty session select.
  const session = sessionSelect(db, claims ?? { sid: '', scope: '' });
  const shared = [{ name: 'page', query: pageQuery }];
  const newestFirst = (page: Awaited<typeof pageRows>) => page.sort((a, b) => (a.cursor < b.cursor ? 1 : a.cursor > b.cursor ? -1 : 0));
  if (viewerId === null) {
    const originals = 'SELECT reblog_of_id FROM statuses WHERE reblog_of_id IS NOT NULL AND id IN (SELECT id FROM page)';
    const [page, sessionRows, ...hydration] = await oneTrip(
      c.env.DB,
      [...shared, { name: 'page_and_originals', query: { toSQL: () => ({ sql: `SELECT id FROM page UNION ${originals}`, params: [] }) } }],
      [pageRows, session, ...hydrationSelects(db, viewerId, sql`(SELECT id AS value FROM page_and_originals)`, sql.raw(`(${originals})`))] as const,
    );
    if (claims) confirmSessionRead(c, sessionRows);
    const rows = newestFirst(page);
    return { statuses: entities(config, viewerId, rows.map((p) => p.status), hydration), cursors: rows.map((p) => p.cursor) };
  }
  const [page, sessionRows] = await oneTrip(c.env.DB, shared, [pageRows, session] as const);
  if (claims) confirmSessionRead(c, sessionRows);
  const rows = newestFirst(page);
  return { statuses: await hydrateStatuses({ db, config }, viewerId, rows.map((p) => p.status)), cursors: rows.map((p) => p.cursor) };
}

function entities(config: Deps['config'], viewerId: string | null, rows: StatusRow[], hydration: Hydration): StatusOut[] {
  if (rows.length === 0) return [];
  const [originals, authors, mentioned, tagged, apps, marks, pollList, votes, media, reactionCounts] = hydration;
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
  const marksOf = new Map(marks.map(({ id, ...own }) => [id, own]));
  const unmarked = { favourited: false, reblogged: false, bookmarked: false, pinned: false };

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
      ...(viewerId && { ...(marksOf.get(s.id) ?? unmarked), muted: false }),
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
