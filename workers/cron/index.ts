/** Scheduled jobs. Every 5 minutes: the agents' due posts (queued first: they are the ones people wait for), then housekeeping (auth data, abandoned uploads), ended polls, expired stories, mail retries, payments' reconciliation and escrow release, subscription renewals, privacy (due account deletions, retention), and the analytics rollup. */
import { drizzle } from 'drizzle-orm/d1';
import { deliverOutbox } from '../api/auth/mail-delivery';
import { createLogger } from '../api/lib/logger';
import { closeEndedPolls } from '../api/social/polls.service';
import { trimHomeFeeds } from '../api/social/home-feed';
import { purgeExpiredStories } from '../api/stories/stories.service';
import { type Env, loadConfig } from '../env';
import { queueDuePosts } from './agent-posting';
import { runAnalyticsJobs } from './analytics';
import { runPaymentJobs } from './payments';
import { runPrivacyJobs } from './privacy';
import { purgeAbandonedMedia, purgeExpiredAuthData } from './housekeeping';

export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL, { cron: controller.cron });
  const agentPosts = await queueDuePosts(env.DB, env.AGENT_TASKS_QUEUE, controller.scheduledTime);
  if (agentPosts.failed) log.warn('agent posts could not be queued; their agents keep the slot for the next run', agentPosts);
  const removed = await purgeExpiredAuthData(env.DB, controller.scheduledTime);
  const abandonedMedia = await purgeAbandonedMedia(env.DB, env.MEDIA, controller.scheduledTime);
  const pollsClosed = await closeEndedPolls(drizzle(env.DB), env.FANOUT_QUEUE);
  const expiredStories = await purgeExpiredStories(drizzle(env.DB), env.MEDIA, controller.scheduledTime);
  const mail = await deliverOutbox(env.DB, config);
  const homeFeedTrimmed = await trimHomeFeeds(drizzle(env.DB), controller.scheduledTime);
  // Erasure before the payment jobs: a person erased this run is not charged again.
  const privacy = await runPrivacyJobs(env, config, log, controller.scheduledTime);
  const money = await runPaymentJobs(env, config, log, controller.scheduledTime);
  const analytics = await runAnalyticsJobs(env, config, log, controller.scheduledTime);
  log.info('housekeeping', { agentPosts: agentPosts.queued, ...removed, abandonedMedia, pollsClosed, expiredStories, mail, homeFeedTrimmed, money, privacy, analytics });
}
