/** The wire shape of an encryption device. */
import type { E2eeDevice } from '../../../shared/schemas/e2ee';
import type { E2eeDeviceRow } from '../db/e2ee';

export function serializeDevice(row: E2eeDeviceRow): E2eeDevice {
  return {
    device_id: row.deviceId,
    account_id: row.accountId,
    name: row.name,
    public_key: row.publicKey,
    created_at: new Date(row.createdAt).toISOString(),
    revoked_at: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
  };
}
