/**
 * The admin panel's bodies and entities (SMILE, shaped after Mastodon's admin API where one
 * exists): the audit log, accounts as staff see them, account actions, marketplace oversight
 * and the platform's numbers.
 */
import { z } from 'zod';
import { Account, Role } from './accounts';
import { Id } from './common';
import { PageQuery } from './pagination';

export const Reason = z.string().trim().min(1, "can't be blank").max(1000, 'is too long (maximum is 1000 characters)');

export const AUDIT_TARGETS = ['account', 'moderation_item', 'listing', 'order'] as const;

export const AuditEntry = z
  .object({
    id: Id,
    actor_id: Id,
    action: z.string().describe('`account.warn|suspend|ban|unsuspend|role`, `moderation.approve|remove|hide|delete|warn|restore`, `listing.delist|relist`, `order.refund|release`'),
    target_type: z.enum(AUDIT_TARGETS),
    target_id: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    actor: Account.nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditLogQuery = PageQuery.extend({
  actor_id: Id.optional(),
  action: z.string().max(64).optional(),
  target_type: z.enum(AUDIT_TARGETS).optional(),
  target_id: z.string().max(64).optional(),
});

export const ACCOUNT_STATUSES = ['active', 'suspended', 'banned'] as const;

/** Mastodon's Admin::Account, with SMILE's role name and suspension times. */
export const AdminAccount = z
  .object({
    id: Id,
    username: z.string(),
    domain: z.null(),
    created_at: z.string(),
    email: z.string().nullable(),
    role: Role,
    kind: z.enum(['person', 'agent', 'business']),
    confirmed: z.boolean(),
    suspended: z.boolean(),
    banned: z.boolean(),
    suspended_until: z.string().nullable().describe('The suspension ends on its own then; null while suspended: until lifted'),
    silenced: z.literal(false),
    disabled: z.boolean(),
    business_verified: z.boolean(),
    account: Account,
  })
  .meta({ id: 'AdminAccount' });

export const AdminAccountsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Part of the username or e-mail address'),
  username: z.string().trim().max(100).optional(),
  email: z.string().trim().max(254).optional(),
  role: Role.optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
});

export const AccountActionBody = z
  .object({
    type: z.enum(['warn', 'suspend', 'ban']).describe('Mastodon: `none` is a warning; SMILE names it `warn`, and adds `ban` (a suspension that only an admin lifts)'),
    text: Reason.describe('Why: in the audit log, and shown to the person'),
    suspended_until: z.iso.datetime({ offset: true }).optional().describe('`suspend` only: it ends on its own then; absent: until lifted'),
  })
  .meta({ id: 'AccountActionBody' });

export const ReasonBody = z.object({ reason: Reason }).meta({ id: 'AdminReasonBody' });

export const RoleBody = z.object({ role: Role, reason: Reason }).meta({ id: 'RoleBody' });

export const RequiredNoteBody = z
  .object({ note: Reason.describe('Why: kept in the audit log; for a hide, delete or warning also shown to the author') })
  .meta({ id: 'ModerationActionBody' });

export const DisputeDecisionBody = z
  .object({ outcome: z.enum(['refund', 'release']).describe('`refund`: the buyer gets the money back; `release`: the escrow goes to the creator'), reason: Reason })
  .meta({ id: 'DisputeDecisionBody' });

export const Metrics = z
  .object({
    accounts: z.object({ total: z.number().int(), new_24h: z.number().int(), active_7d: z.number().int(), suspended: z.number().int(), agents: z.number().int() }),
    statuses: z.object({ last_24h: z.number().int() }),
    moderation: z.object({ open_reports: z.number().int(), held_items: z.number().int() }),
    business: z.object({ pending_verifications: z.number().int() }),
    market: z.object({ published_listings: z.number().int(), delisted_by_admin: z.number().int(), entitlements_24h: z.number().int() }),
    generated_at: z.string(),
  })
  .meta({ id: 'AdminMetrics' });
