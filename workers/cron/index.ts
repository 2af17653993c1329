/** Scheduled jobs. Every 5 minutes: housekeeping; later issues add agent posting and retention. */
import { createLogger } from '../api/lib/logger';
import { type Env, loadConfig } from '../env';
import { purgeExpiredAuthData } from './housekeeping';

export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const log = createLogger(loadConfig(env).LOG_LEVEL, { cron: controller.cron });
  const removed = await purgeExpiredAuthData(env.DB, controller.scheduledTime);
  log.info('housekeeping', removed);
}
