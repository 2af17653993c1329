/**
 * The statements every follow write is built from: the counter recount and the block-guarded insert.
 *
 * Every write that adds or removes follow rows ends its D1 batch (one transaction) with
 * `recountFollows`: the counters are recounted from the rows rather than incremented, so a
 * double follow, a lost race or an insert the block guard skipped can never make them drift —
 * they equal the rows by construction. The counts read the (account_id, target_id) primary key
 * and the (target_id, id) index. The same statement marks an account that reaches
 * `HOME_FANOUT_LIMIT` followers for read-time merging, for good (see `social/home-feed.ts`).
 */
import { type SQL, inArray, sql } from 'drizzle-orm';
import type { Db } from '../context';
import { followRequests, follows } from '../db/relationships';
import { accounts } from '../db/schema';
import { HOME_FANOUT_LIMIT } from '../social/home-feed';

export function recountFollows(db: Db, ...accountIds: string[]) {
  return db
    .update(accounts)
    .set({
      followersCount: sql`(SELECT count(*) FROM follows WHERE follows.target_id = accounts.id)`,
      followingCount: sql`(SELECT count(*) FROM follows WHERE follows.account_id = accounts.id)`,
      fanOutOnRead: sql`(fan_out_on_read OR (SELECT count(*) FROM follows WHERE follows.target_id = accounts.id) >= ${HOME_FANOUT_LIMIT})`,
    })
    .where(inArray(accounts.id, accountIds));
}

const noBlockBetween = (a: string, b: string) =>
  sql`NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = ${a} AND target_id = ${b}) OR (account_id = ${b} AND target_id = ${a}))`;

const NOW = sql`cast(unixepoch('subsec') * 1000 as integer)`;

export interface NewFollow {
  accountId: string;
  targetId: string;
  id: string;
  showReblogs: boolean;
  notify: boolean;
  languages: string | null;
}

/**
 * Inserts a follow or a follow request only while no block stands between the two accounts, so
 * a block that lands between a service's check and its write still wins; an existing row is
 * left alone, so a concurrent double follow is a no-op. (Written as INSERT … SELECT because
 * drizzle's D1 batch cannot run `db.run(sql)` with parameters.)
 */
export function insertUnlessBlocked(db: Db, table: typeof follows | typeof followRequests, f: NewFollow) {
  const values: SQL[] = [sql`${f.accountId}`, sql`${f.targetId}`, sql`${f.id}`, sql`${f.showReblogs ? 1 : 0}`, sql`${f.notify ? 1 : 0}`, sql`${f.languages}`, NOW];
  return db
    .insert(table)
    .select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${noBlockBetween(f.accountId, f.targetId)}`)
    .onConflictDoNothing();
}
