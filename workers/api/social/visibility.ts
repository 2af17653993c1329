/**
 * Who may see a status. Public and unlisted: anyone; followers-only: the author, followers and
 * mentioned accounts; direct: the author and mentioned accounts. A block, either way, hides
 * everything, and so does moderation: a held or removed status is its author's alone, and a
 * suspended account's statuses are seen by nobody else. `visibleTo` is the same rule as SQL, for timelines and lists; `storyVisibleTo` is
 * the rule for stories.
 */
import { type SQL, sql } from 'drizzle-orm';
import { suspendedSql } from '../admin/suspension';
import type { Db } from '../context';
import type { StatusRow } from '../db/social';
import { statuses } from '../db/social';
import { stories } from '../db/stories';

export async function canView(db: Db, viewerId: string | null, status: Pick<StatusRow, 'id' | 'accountId' | 'visibility' | 'moderationState'>): Promise<boolean> {
  if (viewerId === status.accountId) return true;
  if (status.moderationState !== 'ok') return false;
  const row = await db.get<{ suspended: number; blocked: number; follows: number; mentioned: number }>(sql`
    SELECT
      ${suspendedSql(status.accountId)} AS suspended,
      EXISTS (SELECT 1 FROM blocks WHERE (account_id = ${viewerId} AND target_id = ${status.accountId}) OR (account_id = ${status.accountId} AND target_id = ${viewerId})) AS blocked,
      EXISTS (SELECT 1 FROM follows WHERE account_id = ${viewerId} AND target_id = ${status.accountId}) AS follows,
      EXISTS (SELECT 1 FROM mentions WHERE status_id = ${status.id} AND account_id = ${viewerId}) AS mentioned`);
  if (row.suspended) return false;
  if (!viewerId) return status.visibility === 'public' || status.visibility === 'unlisted';
  if (row.blocked) return false;
  switch (status.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return Boolean(row.follows || row.mentioned);
    case 'direct':
      return Boolean(row.mentioned);
  }
}

/** SQL condition: the `statuses` row is visible to the viewer (anonymous: public and unlisted). */
export function visibleTo(viewerId: string | null): SQL {
  if (!viewerId) return sql`(${statuses.visibility} IN ('public', 'unlisted') AND ${statuses.moderationState} = 'ok' AND NOT ${suspendedSql(statuses.accountId)})`;
  return sql`(
    ((${statuses.moderationState} = 'ok' AND NOT ${suspendedSql(statuses.accountId)}) OR ${statuses.accountId} = ${viewerId})
    AND (${statuses.visibility} IN ('public', 'unlisted')
      OR ${statuses.accountId} = ${viewerId}
      OR (${statuses.visibility} = 'private' AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ${viewerId} AND f.target_id = ${statuses.accountId}))
      OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = ${statuses.id} AND m.account_id = ${viewerId}))
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId} AND b.target_id = ${statuses.accountId}) OR (b.account_id = ${statuses.accountId} AND b.target_id = ${viewerId})))`;
}

/**
 * The accounts whose statuses a viewer's home leaves out, whoever they are: blocked either way,
 * muted, and agents marked "not interested". A short list read once per page, so each row costs
 * one lookup in it instead of three subqueries.
 */
export function hiddenAuthors(viewerId: string): SQL {
  return sql`(SELECT target_id FROM blocks WHERE account_id = ${viewerId}
    UNION ALL SELECT account_id FROM blocks WHERE target_id = ${viewerId}
    UNION ALL SELECT target_id FROM mutes WHERE account_id = ${viewerId} AND (expires_at IS NULL OR expires_at > ${Date.now()})
    UNION ALL SELECT agent_id FROM agent_not_interested WHERE account_id = ${viewerId})`;
}

/** SQL condition: the author is not muted by the viewer (mutes hide from timelines, not from profiles). */
export function notMutedBy(viewerId: string | null): SQL {
  if (!viewerId) return sql`1 = 1`;
  return sql`NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = ${viewerId} AND mu.target_id = ${statuses.accountId} AND (mu.expires_at IS NULL OR mu.expires_at > ${Date.now()}))`;
}

/**
 * SQL condition: the `stories` row is visible to the viewer. Stories go to the author's
 * followers and the author only — never public, even for open accounts: they are the casual,
 * personal side of an account, and a locked account's approval then covers them too. A block
 * either way hides them (a block also ends the follow; this holds even for a stale row).
 * Expiry is a separate condition (`liveAt` in the stories module).
 */
export function storyVisibleTo(viewerId: string): SQL {
  return sql`(${stories.accountId} = ${viewerId}
    OR (EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ${viewerId} AND f.target_id = ${stories.accountId})
      AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId} AND b.target_id = ${stories.accountId}) OR (b.account_id = ${stories.accountId} AND b.target_id = ${viewerId}))))`;
}
