/** The privacy jobs of each cron run: due account deletions, then retention (expired exports, old read notifications). */
import { drizzle } from 'drizzle-orm/d1';
import type { Logger } from '../api/lib/logger';
import { eraseDueAccounts } from '../api/privacy/erase-person';
import { purgeExpiredExports } from '../api/privacy/exports.service';
import { purgeReadNotifications } from '../api/privacy/retention';
import type { Config, Env } from '../env';

export async function runPrivacyJobs(env: Env, config: Config, log: Logger, now: number) {
  const db = drizzle(env.DB);
  const erasure = await eraseDueAccounts(env, db, config, log, now);
  const expiredExports = await purgeExpiredExports(db, env.MEDIA, now);
  const readNotifications = await purgeReadNotifications(db, now);
  return { accountsErased: erasure.erased, erasuresFailed: erasure.failed, expiredExports, readNotifications };
}
