/**
 * Favourites, reblogs, bookmarks and pins. Every action is idempotent (doing it twice changes
 * nothing) and recounts the status's counter in the same batch, from the rows themselves.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { bookmarks, favourites, statusPins, statuses, type StatusRow } from '../db/social';
import { dropFromHomes, ownEntry } from './home-feed';
import { ApiError, forbidden } from '../lib/errors';
import { newId } from '../lib/ids';
import { notify, unnotify } from '../notifications/notify';
import type { PageQuery } from '../../../shared/schemas/pagination';
import { newestFirst, page } from '../lib/pagination';
import { notHiddenFrom } from '../relationships/relationships.service';
import { findStatus, ownStatus, viewableStatus } from './statuses.service';

type Deps = Pick<Services, 'db' | 'config'>;

const MAX_PINS = 5;

const recountFavourites = (deps: Deps, id: string) =>
  deps.db.update(statuses).set({ favouritesCount: sql`(SELECT count(*) FROM favourites f WHERE f.status_id = ${id})` }).where(eq(statuses.id, id));
const recountReblogs = (deps: Deps, id: string) =>
  deps.db.update(statuses).set({ reblogsCount: sql`(SELECT count(*) FROM statuses r WHERE r.reblog_of_id = ${id})` }).where(eq(statuses.id, id));

/** Reblogs are acted on through their original, as Mastodon does. */
async function target(deps: Deps, viewer: AccountRow, id: string): Promise<StatusRow> {
  const status = await viewableStatus(deps, viewer.id, id);
  return status.reblogOfId ? ((await findStatus(deps, status.reblogOfId)) ?? status) : status;
}

/** Favourites or unfavourites; `changed` says whether it did anything (favouriting twice changes nothing). */
export async function favourite(deps: Deps, viewer: AccountRow, id: string, on: boolean): Promise<{ status: StatusRow; changed: boolean }> {
  const status = await target(deps, viewer, id);
  const event = { recipientId: status.accountId, fromId: viewer.id, type: 'favourite' as const, statusId: status.id };
  const [written] = await deps.db.batch([
    on
      ? deps.db.insert(favourites).values({ accountId: viewer.id, statusId: status.id, id: newId() }).onConflictDoNothing()
      : deps.db.delete(favourites).where(and(eq(favourites.accountId, viewer.id), eq(favourites.statusId, status.id))),
    recountFavourites(deps, status.id),
    ...(on ? notify(deps.db, [event]) : [unnotify(deps.db, event)]),
  ]);
  return { status: (await findStatus(deps, status.id))!, changed: written.meta.changes > 0 };
}

export async function bookmark(deps: Deps, viewer: AccountRow, id: string, on: boolean): Promise<StatusRow> {
  const status = await target(deps, viewer, id);
  if (on) await deps.db.insert(bookmarks).values({ accountId: viewer.id, statusId: status.id, id: newId() }).onConflictDoNothing();
  else await deps.db.delete(bookmarks).where(and(eq(bookmarks.accountId, viewer.id), eq(bookmarks.statusId, status.id)));
  return status;
}

/** Reblogging returns the reblog, which wraps the original. Only public and unlisted statuses can be reblogged. */
export async function reblog(deps: Deps, viewer: AccountRow, id: string, visibility: 'public' | 'unlisted' | 'private' = 'public'): Promise<StatusRow> {
  const original = await target(deps, viewer, id);
  if (original.visibility === 'private' || original.visibility === 'direct') throw forbidden('This status cannot be reblogged');
  // Its author sees a held status; sharing it would show it to their followers.
  if (original.moderationState !== 'ok') throw forbidden('This status is held for moderation and cannot be reblogged');
  const reblogId = newId();
  await deps.db.batch([
    deps.db
      .insert(statuses)
      .values({ id: reblogId, accountId: viewer.id, visibility, reblogOfId: original.id, createdAt: Date.now() })
      .onConflictDoNothing({ target: [statuses.accountId, statuses.reblogOfId] }),
    ownEntry(deps.db, and(eq(statuses.accountId, viewer.id), eq(statuses.reblogOfId, original.id))!),
    recountReblogs(deps, original.id),
    ...notify(deps.db, [{ recipientId: original.accountId, fromId: viewer.id, type: 'reblog', statusId: original.id }]),
  ]);
  const [row] = await deps.db.select().from(statuses).where(and(eq(statuses.accountId, viewer.id), eq(statuses.reblogOfId, original.id))).limit(1);
  return row!;
}

/** Undoing a reblog returns the original, and the reblog that was removed (null if there was none). */
export async function unreblog(deps: Deps, viewer: AccountRow, id: string): Promise<{ original: StatusRow; removed: StatusRow | null }> {
  const original = await target(deps, viewer, id);
  const mine = and(eq(statuses.accountId, viewer.id), eq(statuses.reblogOfId, original.id));
  const [removed] = await deps.db.select().from(statuses).where(mine).limit(1);
  await deps.db.batch([
    deps.db.delete(favourites).where(inArray(favourites.statusId, deps.db.select({ id: statuses.id }).from(statuses).where(mine))),
    ...(removed ? [dropFromHomes(deps.db, [removed.id])] : []),
    deps.db.delete(statuses).where(mine),
    recountReblogs(deps, original.id),
    unnotify(deps.db, { recipientId: original.accountId, fromId: viewer.id, type: 'reblog', statusId: original.id }),
  ]);
  return { original: (await findStatus(deps, original.id))!, removed: removed ?? null };
}

export async function pin(deps: Deps, viewer: AccountRow, id: string, on: boolean): Promise<StatusRow> {
  const status = await ownStatus(deps, viewer.id, id);
  if (!on) {
    await deps.db.delete(statusPins).where(and(eq(statusPins.accountId, viewer.id), eq(statusPins.statusId, id)));
    return status;
  }
  if (status.visibility === 'private' || status.visibility === 'direct') throw new ApiError(422, 'Validation failed: only public and unlisted statuses can be pinned');
  const [{ n }] = (await deps.db.select({ n: count() }).from(statusPins).where(eq(statusPins.accountId, viewer.id))) as [{ n: number }];
  if (n >= MAX_PINS) throw new ApiError(422, `Validation failed: you can pin at most ${MAX_PINS} statuses`);
  await deps.db.insert(statusPins).values({ accountId: viewer.id, statusId: id, id: newId() }).onConflictDoNothing();
  return status;
}

/** Accounts that favourited or reblogged a status, newest first, paged by the action's id. */
export async function actors(deps: Deps, viewerId: string | null, id: string, kind: 'favourites' | 'reblogs', q: PageQuery) {
  const status = await viewableStatus(deps, viewerId, id);
  // A reblog is a status row, so both lists are "rows pointing at the status, with an actor".
  const [table, cursor, actor, target] =
    kind === 'favourites' ? [favourites, favourites.id, favourites.accountId, favourites.statusId] : [statuses, statuses.id, statuses.accountId, statuses.reblogOfId];
  const p = page(cursor, q);
  const rows = await deps.db
    .select({ cursor, account: accounts })
    .from(table)
    .innerJoin(accounts, eq(accounts.id, actor))
    // As in follower lists: people blocked either way or muted by the viewer are left out (Mastodon does the same).
    .where(and(eq(target, status.id), p.where, viewerId ? notHiddenFrom(viewerId, actor) : undefined))
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}
