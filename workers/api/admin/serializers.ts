/** The admin panel's wire shapes: Mastodon's Admin::Account, and audit-log entries with their actor. */
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AdminAccount, AuditEntry } from '../../../shared/schemas/admin';
import { serializeAccount } from '../accounts/serializers';
import type { Services } from '../context';
import type { AdminActionRow } from '../db/admin';
import { type AccountRow, accounts } from '../db/schema';
import { isSuspended } from './suspension';

export function serializeAdminAccount(config: Services['config'], a: AccountRow): z.input<typeof AdminAccount> {
  const suspended = isSuspended(a);
  return {
    id: a.id,
    username: a.username,
    domain: null,
    created_at: new Date(a.createdAt).toISOString(),
    email: a.email,
    role: a.role,
    kind: a.kind,
    confirmed: a.emailVerifiedAt !== null,
    suspended,
    banned: suspended && a.banned,
    suspended_until: suspended && a.suspendedUntil !== null ? new Date(a.suspendedUntil).toISOString() : null,
    silenced: false,
    disabled: suspended,
    business_verified: a.businessVerifiedAt !== null,
    account: serializeAccount(config, a),
  };
}

export async function serializeAudit(deps: Pick<Services, 'db' | 'config'>, rows: AdminActionRow[]): Promise<z.input<typeof AuditEntry>[]> {
  const actorIds = [...new Set(rows.map((r) => r.actorId))];
  const actors = new Map((actorIds.length ? await deps.db.select().from(accounts).where(inArray(accounts.id, actorIds)) : []).map((a) => [a.id, serializeAccount(deps.config, a)]));
  return rows.map((r) => ({
    id: r.id,
    actor_id: r.actorId,
    action: r.action,
    target_type: r.targetType,
    target_id: r.targetId,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>,
    created_at: new Date(r.createdAt).toISOString(),
    actor: actors.get(r.actorId) ?? null,
  }));
}
