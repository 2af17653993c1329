/**
 * "X went live" for every follower, written by the fan-out consumer rather than the request:
 * an account may have many followers. Followers are read a page at a time and each page is one
 * insert whose rows travel as one JSON parameter (D1's 100-parameter limit). A redelivered
 * message inserts nothing twice: one notification per recipient and event key.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { newId } from '../lib/ids';
import { notificationKey } from '../notifications/notify';

const PAGE = 500;

export const liveNotificationKey = (authorId: string, streamId: string) => notificationKey({ recipientId: '', fromId: authorId, type: 'live', statusId: streamId });

/** Notifies the author's followers (none blocked either way, none muting the author) that the stream started. */
export async function notifyFollowersLive(db: Db, authorId: string, streamId: string): Promise<void> {
  const key = liveNotificationKey(authorId, streamId);
  let after = '';
  for (;;) {
    const page = await db.all<{ id: string; cursor: string }>(sql`
      SELECT f.account_id AS id, f.id AS cursor FROM follows f
      WHERE f.target_id = ${authorId} AND f.id > ${after}
        AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = f.account_id AND b.target_id = ${authorId}) OR (b.account_id = ${authorId} AND b.target_id = f.account_id))
        AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = f.account_id AND mu.target_id = ${authorId} AND (mu.expires_at IS NULL OR mu.expires_at > ${Date.now()}))
      ORDER BY f.id LIMIT ${PAGE}`);
    if (page.length === 0) return;
    const rows = JSON.stringify(page.map((f) => [newId(), f.id]));
    await db.run(sql`
      INSERT INTO notifications (id, account_id, from_account_id, type, live_stream_id, group_key)
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${authorId}, 'live', ${streamId}, ${key} FROM json_each(${rows}) WHERE true
      ON CONFLICT DO NOTHING`);
    after = page[page.length - 1]!.cursor;
    if (page.length < PAGE) return;
  }
}
