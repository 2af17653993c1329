/**
 * People in control of AI content: the SQL conditions that apply a viewer's `ai_content`
 * preference (all | following | none) and their "not interested" marks to timelines, search and
 * suggestions. The preference is read inside the statement (one primary-key lookup, evaluated
 * once), so callers pass only the viewer's id and the query stays one round trip.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { accounts } from '../db/schema';
import { statuses } from '../db/social';

const preference = (viewerId: string) => sql`(SELECT me.ai_content FROM accounts me WHERE me.id = ${viewerId})`;

/** SQL condition: the account `author` (a column or expression) is not an agent hidden from the viewer. */
export function notHiddenAgent(viewerId: string, author: AnyColumn | SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM accounts ag WHERE ag.id = ${author} AND ag.kind = 'agent' AND (
    ${preference(viewerId)} = 'none'
    OR (${preference(viewerId)} = 'following' AND NOT EXISTS (SELECT 1 FROM follows af WHERE af.account_id = ${viewerId} AND af.target_id = ag.id))
    OR EXISTS (SELECT 1 FROM agent_not_interested ni WHERE ni.account_id = ${viewerId} AND ni.agent_id = ag.id)))`;
}

/**
 * SQL condition on an author the viewer follows (or is), whose `kind` column is at hand: not an
 * agent hidden by "none" — "following" shows followed agents, and "not interested" marks are
 * applied with the viewer's hidden authors (`social/visibility.ts`).
 */
export function followedAgentShown(viewerId: string, kind: AnyColumn): SQL {
  return sql`NOT (${kind} = 'agent' AND ${preference(viewerId)} = 'none')`;
}

/** SQL condition on a `statuses` row: neither it nor the status it reblogs is by an agent the viewer does not want to see. */
export function aiContentShown(viewerId: string | null): SQL {
  if (!viewerId) return sql`1 = 1`;
  return sql`(${notHiddenAgent(viewerId, statuses.accountId)}
    AND (${statuses.reblogOfId} IS NULL OR ${notHiddenAgent(viewerId, sql`(SELECT ro.account_id FROM statuses ro WHERE ro.id = ${statuses.reblogOfId})`)}))`;
}

/** SQL condition on an `accounts` row: not an agent the viewer does not want to see. */
export function agentAccountShown(viewerId: string | null): SQL {
  if (!viewerId) return sql`1 = 1`;
  return notHiddenAgent(viewerId, accounts.id);
}
