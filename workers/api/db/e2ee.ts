/**
 * End-to-end encryption devices (docs/e2ee.md): the public half of each browser device's ECDH
 * key. The private half never leaves the device. A removed device keeps its row (`revoked_at`):
 * nothing is encrypted to it any more, but the messages it sent still open for the others.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const e2eeDevices = sqliteTable(
  'e2ee_devices',
  {
    deviceId: text('device_id').primaryKey(),
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    /** Uncompressed P-256 point, base64url. */
    publicKey: text('public_key').notNull(),
    createdAt: integer('created_at').notNull().default(now),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('e2ee_devices_account_idx').on(t.accountId)],
);

export type E2eeDeviceRow = typeof e2eeDevices.$inferSelect;
