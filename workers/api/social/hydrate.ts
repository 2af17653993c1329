/**
 * Turns status rows into Status entities for one viewer. Everything a page of statuses needs —
 * authors, reblogged originals, mentions, tags, apps and the viewer's own favourites, reblogs,
 * bookmarks and pins — is read in one D1 batch (one round trip), whatever the page size; polls
 * media and reactions are read beside it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Status } from '../../../shared/schemas/statuses';
import { serializeAccount } from '../accounts/serializers';
import type { Services } from '../context';
import { oauthApps, accounts } from '../db/schema';
import { bookmarks, favourites, mentions, statusPins, statusTags, statuses, tags, type StatusRow } from '../db/social';
import { pollsForStatuses } from './polls.service';
import { reactionsFor } from './reactions.service';
import { mediaForStatuses } from '../media/media.service';
import { serializeMedia } from '../media/serializers';

type Deps = Pick<Services, 'db' | 'config'>;
type StatusOut = z.input<typeof Status>;

const iso = (ms: number) => new Date(ms).toISOString();

export async function hydrateStatuses(deps: Deps, viewerId: string | null, rows: StatusRow[]): Promise<StatusOut[]> {
  if (rows.length === 0) return [];
  const { db, config } = deps;
  const originalIds = [...new Set(rows.map((r) => r.reblogOfId).filter((id): id is string => id !== null))];
  const originals = originalIds.length ? await db.select().from(statuses).where(inArray(statuses.id, originalIds)) : [];
  const all = [...rows, ...originals];
  const ids = [...new Set(all.map((s) => s.id))];
  const accountIds = [...new Set(all.map((s) => s.accountId))];
  const appIds = [...new Set(all.map((s) => s.applicationId).filter((id): id is string => id !== null))];
  const viewer = viewerId ?? '';

  const pollsPromise = pollsForStatuses(db, viewerId, ids);
  const mediaPromise = mediaForStatuses(db, ids);
  const reactionsPromise = reactionsFor(deps, viewerId, ids);
  const [authors, mentioned, tagged, apps, faved, marked, pinned, reblogged] = await db.batch([
    db.select().from(accounts).where(inArray(accounts.id, accountIds)),
    db.select({ statusId: mentions.statusId, id: accounts.id, username: accounts.username }).from(mentions).innerJoin(accounts, eq(accounts.id, mentions.accountId)).where(inArray(mentions.statusId, ids)),
    db.select({ statusId: statusTags.statusId, name: tags.name }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(inArray(statusTags.statusId, ids)),
    db.select({ id: oauthApps.id, name: oauthApps.name, website: oauthApps.website }).from(oauthApps).where(inArray(oauthApps.id, appIds.length ? appIds : [''])),
    db.select({ id: favourites.statusId }).from(favourites).where(and(eq(favourites.accountId, viewer), inArray(favourites.statusId, ids))),
    db.select({ id: bookmarks.statusId }).from(bookmarks).where(and(eq(bookmarks.accountId, viewer), inArray(bookmarks.statusId, ids))),
    db.select({ id: statusPins.statusId }).from(statusPins).where(and(eq(statusPins.accountId, viewer), inArray(statusPins.statusId, ids))),
    db.select({ id: statuses.reblogOfId }).from(statuses).where(and(eq(statuses.accountId, viewer), inArray(statuses.reblogOfId, ids))),
  ]);

  const [pollByStatus, mediaByStatus, reactionsByStatus] = await Promise.all([pollsPromise, mediaPromise, reactionsPromise]);
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
      smile: { ai_generated: s.aiGenerated, reactions: reactionsByStatus.get(s.id) ?? [] },
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
