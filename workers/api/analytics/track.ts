/**
 * Recording from a request without making it wait: the write runs after the response
 * (`waitUntil`), and a failure is logged, never shown to the person.
 */
import type { Context } from 'hono';
import type { Env } from '../../env';
import type { AppEnv } from '../context';
import { afterResponse } from '../lib/after-response';
import { type Logger, createLogger } from '../lib/logger';
import { mayRecord } from './consent-sql';
import { type AnalyticsEvent, dayOf } from './events';
import { analyticsSink } from './sink';

const logged = (log: Logger, work: Promise<unknown>) => work.catch((err: Error) => log.warn('analytics not recorded', { error: err.message }));

/** Records `events` (those the consent rule allows) after the response. */
export function track(c: Context<AppEnv>, events: AnalyticsEvent[]): void {
  void afterResponse(c, logged(c.var.log, analyticsSink(c.env).record(events)));
}

/** Records `events` now, for code outside a request (Durable Objects); errors are logged, not thrown. */
export function trackNow(env: Pick<Env, 'DB' | 'ANALYTICS'>, events: AnalyticsEvent[], log: Logger = createLogger('warn')): Promise<unknown> {
  return logged(log, analyticsSink(env).record(events));
}

/**
 * People this isolate already marked active today: the first authenticated request of a person's
 * day writes one row (`INSERT OR IGNORE`, so other isolates' marks cost nothing either), later
 * ones write nothing. Without consent the statement inserts nothing, and is not retried that day.
 */
const marked = new Map<string, string>();
const MARKED_MAX = 50_000;

/** Marks a person active today, after the response; at most once a day per person and isolate. */
export function markActive(c: Context<AppEnv>, accountId: string, at = Date.now()): void {
  const day = dayOf(at);
  if (marked.get(accountId) === day) return;
  if (marked.size >= MARKED_MAX) marked.clear();
  marked.set(accountId, day);
  const write = c.env.DB.prepare(`INSERT OR IGNORE INTO analytics_active_days (day, account_id) SELECT ?1, ?2 WHERE ${mayRecord('?2')}`).bind(day, accountId).run();
  void afterResponse(c, logged(c.var.log, write));
}

/** Forgets the marks of one person, so a consent just given counts the same day. */
export function forgetActiveMark(accountId: string): void {
  marked.delete(accountId);
}
