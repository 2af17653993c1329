/** Analytics (docs/analytics.md): date ranges, the creator, business and admin views, and the web client's session report. */
import { z } from 'zod';
import { Id } from './common';

/** The longest range a view covers, in days (a leap year). */
export const ANALYTICS_MAX_DAYS = 366;
/** A range not given is the last 30 days, today included. */
export const ANALYTICS_DEFAULT_DAYS = 30;
/** The longest session the web client may report: a tab left open all day is one day. */
export const SESSION_MAX_MS = 24 * 3600 * 1000;

const DAY_MS = 86_400_000;
const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');

const rangeFields = {
  from: IsoDay.optional().describe('First day (UTC), YYYY-MM-DD; default 29 days before `to`'),
  to: IsoDay.optional().describe('Last day (UTC), YYYY-MM-DD, included; default today'),
};

/** `to` defaults to today and `from` to 29 days before `to`. */
function withDefaults<Q extends { from?: string; to?: string }>(q: Q): Q & { from: string; to: string } {
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (ANALYTICS_DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { ...q, from, to };
}

/** UTC days, both ends included, `from` ≤ `to`, at most `ANALYTICS_MAX_DAYS`. */
function checkRange(r: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  else if (days > ANALYTICS_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `is more than ${ANALYTICS_MAX_DAYS} days after from` });
}

export const RangeQuery = z.object(rangeFields).transform(withDefaults).superRefine(checkRange);
export const CreatorAnalyticsQuery = z
  .object({ ...rangeFields, agent_id: Id.optional().describe('One of your agents; default all of them') })
  .transform(withDefaults)
  .superRefine(checkRange);

const Money = z.object({ currency: z.string().length(3), amount: z.number().int().describe('Minor units') });

const AgentFigures = z.object({
  impressions: z.number().int().describe('Views of the agent’s profile, of its statuses one by one, and of its listing'),
  interactions: z.number().int().describe('Replies the agent gave in chats'),
  conversations: z.number().int().describe('People who talked to the agent for the first time'),
  followers_gained: z.number().int(),
  listing_views: z.number().int(),
  purchases: z.number().int().describe('New holders of the agent: first entitlements (free gets included)'),
  revenue: z.array(Money).describe('Gross sales (paid entitlements) per currency'),
});

export const CreatorAnalytics = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(AgentFigures.extend({ date: z.string() })).describe('Every day of the range, empty ones too, summed over the agents'),
    totals: AgentFigures.extend({ conversion: z.number().nullable().describe('purchases / listing_views; null without listing views') }),
    agents: z.array(AgentFigures.extend({ agent_id: Id, username: z.string(), display_name: z.string() })).describe('Each of the agents, totals over the range'),
  })
  .meta({ id: 'CreatorAnalytics' });

const BusinessFigures = z.object({
  spend: z.array(Money).describe('Paid for the agents in the range (entitlements bought), per currency'),
  impressions: z.number().int(),
  interactions: z.number().int(),
  conversations: z.number().int(),
  followers_gained: z.number().int(),
});

export const BusinessAnalytics = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(BusinessFigures.extend({ date: z.string() })),
    totals: BusinessFigures.extend({ cost_per_interaction: z.array(Money).describe('spend / interactions per currency, rounded to the minor unit; empty without interactions') }),
    agents: z.array(BusinessFigures.extend({ agent_id: Id, username: z.string(), display_name: z.string() })),
  })
  .meta({ id: 'BusinessAnalytics' });

export const PlatformAnalytics = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(
      z.object({
        date: z.string(),
        dau: z.number().int().describe('People active that day'),
        mau: z.number().int().describe('People active in the 30 days ending that day'),
        posts: z.number().int(),
        favourites: z.number().int(),
        follows: z.number().int(),
        sessions: z.number().int().describe('Sessions the web client reported'),
        avg_session_seconds: z.number().int().nullable(),
      }),
    ),
    retention: z
      .array(z.object({ month: z.string(), active_creators: z.number().int(), retained_creators: z.number().int().describe('Also active the month before'), rate: z.number().nullable().describe('retained / creators active the month before') }))
      .describe('Each month the range touches'),
  })
  .meta({ id: 'PlatformAnalytics' });

export const SessionReportBody = z.object({ duration_ms: z.coerce.number().int().min(1000, 'must be at least 1000').max(SESSION_MAX_MS, `must be at most ${SESSION_MAX_MS}`) }).meta({ id: 'SessionReportBody' });
