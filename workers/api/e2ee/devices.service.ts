/**
 * The device directory of end-to-end encrypted chats (docs/e2ee.md): each browser device
 * publishes the public half of its ECDH key; members look up each other's devices to encrypt.
 * Anyone may see the devices of people they share a chat with or may message, never others'.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { E2EE_MAX_DEVICES, type RegisterDeviceBody } from '../../../shared/schemas/e2ee';
import { importPublicKey } from '../../../shared/e2ee/crypto';
import { addressees, assertMayMessage } from '../chat/permissions';
import type { Db } from '../context';
import { chatMembers } from '../db/chats';
import { type E2eeDeviceRow, e2eeDevices } from '../db/e2ee';
import { ApiError, conflict, forbidden, invalidField, notFound } from '../lib/errors';
import { idSet } from '../lib/sql';

/** Publishes a device; the same device and key again is answered with the stored row (`created: false`). */
export async function registerDevice(db: Db, accountId: string, body: z.output<typeof RegisterDeviceBody>): Promise<{ row: E2eeDeviceRow; created: boolean }> {
  try {
    await importPublicKey(body.public_key);
  } catch {
    throw invalidField('public_key', 'is not a point of the P-256 curve', 'ERR_INVALID');
  }
  const [existing] = await db.select().from(e2eeDevices).where(eq(e2eeDevices.deviceId, body.device_id)).limit(1);
  if (existing) {
    if (existing.accountId !== accountId || existing.publicKey !== body.public_key) throw conflict('This device id is already registered with another key: make a new device id');
    if (existing.revokedAt !== null) throw conflict('This device was removed: make a new device id');
    return { row: existing, created: false };
  }
  const [{ active } = { active: 0 }] = await db.select({ active: sql<number>`count(*)` }).from(e2eeDevices).where(and(eq(e2eeDevices.accountId, accountId), isNull(e2eeDevices.revokedAt)));
  if (active >= E2EE_MAX_DEVICES) throw invalidField('device_id', `would make more than ${E2EE_MAX_DEVICES} devices: remove one first`, 'ERR_LIMIT_REACHED');
  const [row] = await db.insert(e2eeDevices).values({ deviceId: body.device_id, accountId, name: body.name, publicKey: body.public_key }).onConflictDoNothing().returning();
  // Two registrations of the same id at once: the other one won; answer as a repeat would.
  if (!row) return registerDevice(db, accountId, body);
  return { row, created: true };
}

/**
 * The devices of `accountIds` (removed ones too, so that their old messages still open). Each
 * account must be the viewer, share a chat with them, or be one they may message: 403 otherwise.
 */
export async function listDevices(db: Db, viewerId: string, accountIds: readonly string[]): Promise<E2eeDeviceRow[]> {
  const others = [...new Set(accountIds)].filter((id) => id !== viewerId);
  if (others.length) {
    const [found, shared] = await Promise.all([
      addressees(db, viewerId, others),
      db
        .selectDistinct({ accountId: chatMembers.accountId })
        .from(chatMembers)
        .where(and(sql`${chatMembers.accountId} IN ${idSet(others)}`, sql`${chatMembers.chatId} IN (SELECT chat_id FROM chat_members WHERE account_id = ${viewerId})`)),
    ]);
    if (found.length !== others.length) throw invalidField('account_ids', 'contains accounts that do not exist');
    const inChat = new Set(shared.map((s) => s.accountId));
    for (const to of found) {
      if (inChat.has(to.id)) continue;
      try {
        assertMayMessage(to);
      } catch (err) {
        if (err instanceof ApiError) throw forbidden(`You cannot see the devices of @${to.username}: you share no chat and may not message them`);
        throw err;
      }
    }
  }
  return db
    .select()
    .from(e2eeDevices)
    .where(sql`${e2eeDevices.accountId} IN ${idSet([...new Set(accountIds)])}`)
    .orderBy(asc(e2eeDevices.accountId), asc(e2eeDevices.createdAt));
}

/** Marks one of the caller's devices removed (idempotent); another account's device is 404. */
export async function revokeDevice(db: Db, accountId: string, deviceId: string): Promise<void> {
  const [row] = await db.select().from(e2eeDevices).where(and(eq(e2eeDevices.deviceId, deviceId), eq(e2eeDevices.accountId, accountId))).limit(1);
  if (!row) throw notFound('No such device of yours');
  if (row.revokedAt === null) await db.update(e2eeDevices).set({ revokedAt: Date.now() }).where(eq(e2eeDevices.deviceId, deviceId));
}
