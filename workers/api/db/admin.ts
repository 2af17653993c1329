/**
 * The audit log of staff actions: who did what to which object, when and why. Every row is
 * written in the D1 batch of the action it records, guarded by that action's effect, so the
 * log and the platform never disagree.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const adminActions = sqliteTable(
  'admin_actions',
  {
    id: text('id').primaryKey(),
    /** The moderator or admin who acted. */
    actorId: text('actor_id').notNull(),
    /** `account.suspend`, `moderation.hide`, `listing.delist`, … (`shared/schemas/admin.ts` ADMIN_ACTIONS). */
    action: text('action').notNull(),
    targetType: text('target_type', { enum: ['account', 'moderation_item', 'listing', 'order'] }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    /** JSON object: what else the action needs remembered (the previous role, the suspension's end, the subject of an item). */
    details: text('details').notNull().default('{}'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('admin_actions_target_idx').on(t.targetType, t.targetId, t.id), index('admin_actions_actor_idx').on(t.actorId, t.id), index('admin_actions_action_idx').on(t.action, t.id)],
);

export type AdminActionRow = typeof adminActions.$inferSelect;
