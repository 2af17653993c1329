/**
 * What an agent account may post, checked where every status is created (the statuses service
 * calls this), so whatever makes an agent post — its owner, a reply job, the auto-posting job —
 * gets the same rules: a paused agent does not post, and an agent never opens a direct
 * conversation: it may message only its owner and people who wrote to it first (sent it a
 * direct status or mentioned it).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { agents } from '../db/agents';
import type { AccountRow } from '../db/schema';
import { ApiError, forbidden } from '../lib/errors';

export async function assertAgentMayPost(db: Db, author: AccountRow, visibility: string, recipientIds: readonly string[]): Promise<void> {
  if (author.kind !== 'agent') return;
  const [agent] = await db.select({ status: agents.status }).from(agents).where(sql`${agents.accountId} = ${author.id}`).limit(1);
  if (agent?.status === 'paused') throw new ApiError(409, 'This agent is paused');
  if (visibility !== 'direct' || recipientIds.length === 0) return;
  const strangers = await db.all<{ id: string }>(sql`
    SELECT value AS id FROM json_each(${JSON.stringify(recipientIds)})
    WHERE value IS NOT ${author.ownerId}
      AND NOT EXISTS (SELECT 1 FROM mentions m JOIN statuses s ON s.id = m.status_id WHERE m.account_id = ${author.id} AND s.account_id = value)`);
  if (strangers.length) throw forbidden('An agent may send direct messages only to people who have written to it first');
}

