/** The wire shapes of the privacy module: `DataExport`, `DeletionStatus`, `Consents`. */
import type { z } from 'zod';
import type { Consents, DataExport, DeletionStatus } from '../../../shared/schemas/privacy';
import type { Config } from '../../env';
import type { AccountDeletionRow, ConsentRow, DataExportRow } from '../db/privacy';
import { downloadUrl } from './download-link';
import { currentConsents } from './consents.service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function serializeExport(config: Config, row: DataExportRow, now = Date.now()): Promise<z.input<typeof DataExport>> {
  const live = row.state === 'ready' && row.expiresAt !== null && row.expiresAt > now;
  return {
    id: row.id,
    state: row.state === 'ready' && !live ? 'expired' : row.state,
    created_at: iso(row.createdAt)!,
    completed_at: iso(row.completedAt),
    expires_at: iso(row.expiresAt),
    size: row.size,
    download_url: live ? await downloadUrl(config, row.id, row.expiresAt!) : null,
    error: row.error,
  };
}

export function serializeDeletion(row: AccountDeletionRow | null): z.input<typeof DeletionStatus> {
  return { scheduled: row !== null, requested_at: iso(row?.requestedAt ?? null), delete_after: iso(row?.deleteAfter ?? null) };
}

export function serializeConsents(history: ConsentRow[]): z.input<typeof Consents> {
  const one = (c: { kind: ConsentRow['kind']; granted: boolean; version: string; recordedAt: number | null }) => ({ kind: c.kind, granted: c.granted, version: c.version, recorded_at: iso(c.recordedAt) });
  return { current: currentConsents(history).map(one), history: history.map((r) => one({ ...r, recordedAt: r.createdAt })) };
}
