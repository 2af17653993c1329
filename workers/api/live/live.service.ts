/**
 * Live streams (a SMILE extension): going live, who may watch, the list of streams from the
 * accounts one follows, and the end. The media and chat are the stream's LiveStream object's.
 *
 * Who may watch follows the stream's visibility as a status's would: public and unlisted
 * streams anyone (anonymous viewers too), private ones the owner's followers; a block either
 * way hides the stream (404, as if it did not exist).
 */
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { GoLiveBody } from '../../../shared/schemas/live';
import type { Env } from '../../env';
import type { Db } from '../context';
import { type LiveStreamRow, liveStreams } from '../db/live';
import { follows } from '../db/relationships';
import { type AccountRow, accounts } from '../db/schema';
import { forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { blockedEitherWay, notHiddenFrom } from '../relationships/relationships.service';

export interface LoadedStream {
  stream: LiveStreamRow;
  account: AccountRow;
}

/** How many streams the list shows at most: one screen. */
const LIST_MAX = 40;

const selectStreams = (db: Db) => db.select({ stream: liveStreams, account: accounts }).from(liveStreams).innerJoin(accounts, eq(accounts.id, liveStreams.accountId));

export async function startStream(db: Db, author: AccountRow, body: z.output<typeof GoLiveBody>): Promise<LoadedStream> {
  const [stream] = await db.insert(liveStreams).values({ id: newId(), accountId: author.id, title: body.title, visibility: body.visibility }).returning();
  return { stream: stream!, account: author };
}

export async function findStream(db: Db, id: string): Promise<LoadedStream | undefined> {
  const [row] = await selectStreams(db).where(eq(liveStreams.id, id)).limit(1);
  return row;
}

async function isFollower(db: Db, followerId: string, targetId: string): Promise<boolean> {
  const [row] = await db.select({ id: follows.id }).from(follows).where(and(eq(follows.accountId, followerId), eq(follows.targetId, targetId))).limit(1);
  return Boolean(row);
}

/** A stream the viewer (null: anonymous) may watch: 404 when unknown or blocked either way, 403 when private and they do not follow its owner. */
export async function watchableStream(db: Db, viewerId: string | null, id: string): Promise<LoadedStream> {
  const found = await findStream(db, id);
  if (!found) throw notFound('Live stream not found');
  const ownerId = found.stream.accountId;
  if (viewerId === ownerId) return found;
  if (viewerId && (await blockedEitherWay(db, viewerId, ownerId))) throw notFound('Live stream not found');
  if (found.stream.visibility === 'private' && !(viewerId && (await isFollower(db, viewerId, ownerId)))) throw forbidden('This stream is for its owner’s followers');
  return found;
}

/** The viewer's own stream: 404 when unknown, 403 when it is someone else's. */
export async function ownStream(db: Db, viewerId: string, id: string): Promise<LoadedStream> {
  const found = await findStream(db, id);
  if (!found) throw notFound('Live stream not found');
  if (found.stream.accountId !== viewerId) throw forbidden('Only the owner of a stream can do this');
  return found;
}

/** Streams live now from the accounts the viewer follows (muted and blocked ones left out) and the viewer's own, newest first. */
export function followedLive(db: Db, viewerId: string): Promise<LoadedStream[]> {
  const followed = sql`${liveStreams.accountId} IN (SELECT target_id FROM follows WHERE account_id = ${viewerId})`;
  return selectStreams(db)
    .where(and(eq(liveStreams.state, 'live'), or(eq(liveStreams.accountId, viewerId), and(followed, notHiddenFrom(viewerId, liveStreams.accountId)))))
    .orderBy(desc(liveStreams.id))
    .limit(LIST_MAX);
}

/** The stream's object (one per stream). */
export const streamObject = (env: Pick<Env, 'LIVE_STREAM'>, id: string) => env.LIVE_STREAM.get(env.LIVE_STREAM.idFromName(id));

/**
 * Ends the owner's stream: the object finishes the recording, marks the row ended, tells the
 * viewers and closes the sockets. Ending an ended stream changes nothing.
 */
export async function endStream(db: Db, env: Pick<Env, 'LIVE_STREAM'>, viewerId: string, id: string): Promise<LoadedStream> {
  const { stream } = await ownStream(db, viewerId, id);
  if (stream.state === 'live') await streamObject(env, id).end(id);
  return (await findStream(db, id))!;
}
