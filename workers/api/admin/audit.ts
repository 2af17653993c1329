/**
 * Writing and reading the audit log. `auditWrite` is a statement for the batch of the action it
 * records; its `effect` condition (true once the action's writes have landed in that batch)
 * keeps a record from being stored for an action that changed nothing.
 */
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditLogQuery } from '../../../shared/schemas/admin';
import type { Db } from '../context';
import { type AdminActionRow, adminActions } from '../db/admin';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: AdminActionRow['targetType'];
  targetId: string;
  reason: string | null;
  details?: Record<string, unknown>;
}

/** The insert of one audit row, stored only where `effect` holds after the writes before it in the batch. */
export function auditWrite(db: Db, e: AuditEntry, effect: SQL, id = newId(), at = Date.now()) {
  const details = JSON.stringify(e.details ?? {});
  return db.insert(adminActions).select(sql`SELECT ${id}, ${e.actorId}, ${e.action}, ${e.targetType}, ${e.targetId}, ${e.reason}, ${details}, ${at} WHERE ${effect}`);
}

/** A page of the audit log, newest first, narrowed by actor, action, target. */
export async function listAudit(db: Db, q: z.output<typeof AuditLogQuery>): Promise<AdminActionRow[]> {
  const p = page(adminActions.id, q, 40, 200);
  const rows = await db
    .select()
    .from(adminActions)
    .where(
      and(
        q.actor_id ? eq(adminActions.actorId, q.actor_id) : undefined,
        q.action ? eq(adminActions.action, q.action) : undefined,
        q.target_type ? eq(adminActions.targetType, q.target_type) : undefined,
        q.target_id ? eq(adminActions.targetId, q.target_id) : undefined,
        p.where,
      ),
    )
    .orderBy(p.order)
    .limit(p.limit);
  return newestFirst(p, rows);
}
