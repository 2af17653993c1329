/**
 * Data exports: a request queues a job (one at a time per person — a partial unique index on
 * the running states decides, so two requests at once cannot both start), the `privacy` queue
 * builds the archive into R2, and a notification and a mail announce its signed link, which
 * works for `EXPORT_LINK_DAYS`. After that the link answers 410 and the retention job deletes
 * the archive.
 */
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import { EXPORT_LINK_DAYS, type PrivacyTask } from '../../../shared/schemas/privacy';
import type { Config, Env } from '../../env';
import { enqueueMail } from '../auth/mail';
import type { Db, Services } from '../context';
import { notifications } from '../db/notifications';
import { type DataExportRow, dataExports } from '../db/privacy';
import { accounts } from '../db/schema';
import { ApiError, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { hitLimit } from '../lib/rate-limit';
import { downloadUrl, verifyDownload } from './download-link';
import { buildArchive, paymentRecords } from './export-archive';
import { exportReadyMail } from './mail';

type Deps = Pick<Services, 'db' | 'config'>;

const DAY = 24 * 3600 * 1000;
/** Exports a person may start a day: each reads all their data and media. */
export const EXPORTS_PER_DAY = 5;

export const archiveKey = (row: Pick<DataExportRow, 'accountId' | 'id'>) => `exports/${row.accountId}/${row.id}.zip`;
/** The payment records, read from the ledger in the request and staged for the job (see `requestExport`). */
const paymentsKey = (row: Pick<DataExportRow, 'accountId' | 'id'>) => `exports/${row.accountId}/${row.id}.payments.json`;

/**
 * Starts an export. The person's payment records are read from the ledger here, in the request
 * (its pool closed with the request's `waitUntil`, as every ledger route does), and staged in R2
 * for the job: locally, a ledger pool opened in a queue consumer kept the batch from completing,
 * so no later export was ever delivered.
 */
export async function requestExport(deps: Deps, env: Pick<Env, 'MEDIA' | 'PRIVACY_QUEUE'>, waitUntil: (closing: Promise<unknown>) => void, accountId: string): Promise<DataExportRow> {
  await hitLimit(deps.db, { key: `privacy-export:${accountId}`, max: EXPORTS_PER_DAY, windowSeconds: 24 * 3600 });
  const [row] = await deps.db.insert(dataExports).values({ id: newId(), accountId }).onConflictDoNothing().returning();
  if (!row) throw new ApiError(409, 'An export of your data is already being prepared; wait for it to finish');
  try {
    await env.MEDIA.put(paymentsKey(row), JSON.stringify(await paymentRecords(deps.config, waitUntil, accountId)));
    await env.PRIVACY_QUEUE.send({ type: 'export', exportId: row.id } satisfies PrivacyTask);
  } catch (err) {
    await deps.db.update(dataExports).set({ state: 'failed', error: 'Could not be queued' }).where(eq(dataExports.id, row.id));
    throw err;
  }
  return row;
}

export function listExports(deps: Deps, accountId: string): Promise<DataExportRow[]> {
  return deps.db.select().from(dataExports).where(eq(dataExports.accountId, accountId)).orderBy(desc(dataExports.id)).limit(20);
}

export async function ownExport(deps: Deps, accountId: string, id: string): Promise<DataExportRow> {
  const [row] = await deps.db.select().from(dataExports).where(eq(dataExports.id, id)).limit(1);
  if (!row || row.accountId !== accountId) throw notFound();
  return row;
}

/**
 * Builds the archive of a queued export, stores it and announces it. Idempotent: an export that
 * is no longer queued or running is left alone, and the final write (state, notification, mail)
 * is one batch, so a redelivery never announces twice.
 */
export async function runExport(env: Env, db: Db, config: Config, exportId: string, at = Date.now()): Promise<void> {
  const [row] = await db.select().from(dataExports).where(eq(dataExports.id, exportId)).limit(1);
  if (!row || (row.state !== 'queued' && row.state !== 'running')) return;
  const [account] = await db.select().from(accounts).where(eq(accounts.id, row.accountId)).limit(1);
  if (!account) return void (await failExport(db, exportId, 'The account no longer exists'));
  await db.update(dataExports).set({ state: 'running' }).where(eq(dataExports.id, exportId));
  const staged = await env.MEDIA.get(paymentsKey(row));
  const payments = staged ? await staged.json() : { note: 'Payment records could not be read for this export.' };
  const archive = await buildArchive(env, db, config, account, payments, at);
  const key = archiveKey(row);
  await env.MEDIA.put(key, archive, { httpMetadata: { contentType: 'application/zip' } });
  const expiresAt = at + EXPORT_LINK_DAYS * DAY;
  const link = await downloadUrl(config, exportId, expiresAt);
  await db.batch([
    db
      .update(dataExports)
      .set({ state: 'ready', r2Key: key, size: archive.byteLength, completedAt: at, expiresAt, error: null })
      .where(and(eq(dataExports.id, exportId), inArray(dataExports.state, ['queued', 'running']))),
    // Keyed by the export, not `type:from:status` (`notifications/notify.ts`): every export is announced.
    db.insert(notifications).values({ id: newId(at), accountId: account.id, fromAccountId: account.id, type: 'export', groupKey: `export:${exportId}` }).onConflictDoNothing(),
    ...(account.email ? [enqueueMail(db, exportReadyMail(account.email, account.username, link, expiresAt))] : []),
  ]);
  await env.MEDIA.delete(paymentsKey(row));
}

export async function failExport(db: Db, exportId: string, reason: string): Promise<void> {
  await db.update(dataExports).set({ state: 'failed', error: reason }).where(and(eq(dataExports.id, exportId), inArray(dataExports.state, ['queued', 'running'])));
}

/** The archive behind a signed link: 403 for a bad signature, 410 once the link has expired. */
export async function openDownload(deps: Deps, bucket: R2Bucket, id: string, token: string, now = Date.now()): Promise<Response> {
  const expiresAt = await verifyDownload(deps.config, id, token);
  if (expiresAt === null) throw forbidden('This download link is not valid');
  const [row] = await deps.db.select().from(dataExports).where(eq(dataExports.id, id)).limit(1);
  if (!row || row.expiresAt !== expiresAt) throw notFound();
  if (row.state === 'expired' || expiresAt <= now) throw new ApiError(410, 'This download link has expired: request a new export');
  const object = row.r2Key ? await bucket.get(row.r2Key) : null;
  if (!object) throw new ApiError(410, 'This export is no longer available: request a new export');
  return new Response(object.body, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(object.size),
      'content-disposition': `attachment; filename="smile-export-${row.id}.zip"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** Retention: archives whose link expired are deleted from R2; their rows stay as `expired`. */
export async function purgeExpiredExports(db: Db, bucket: R2Bucket, now: number, limit = 100): Promise<number> {
  const due = await db.select().from(dataExports).where(and(eq(dataExports.state, 'ready'), lte(dataExports.expiresAt, now))).limit(limit);
  if (due.length === 0) return 0;
  await bucket.delete(due.flatMap((r) => (r.r2Key ? [r.r2Key] : [])));
  await db.update(dataExports).set({ state: 'expired', r2Key: null }).where(inArray(dataExports.id, due.map((r) => r.id)));
  return due.length;
}
