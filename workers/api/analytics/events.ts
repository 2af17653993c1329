/** What analytics records, and the UTC day a moment falls in. */

export const ANALYTICS_EVENT_TYPES = ['status', 'favourite', 'follow', 'agent_view', 'listing_view', 'interaction', 'conversation', 'session'] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/**
 * One event: `actorId` did `type` to `subjectId`. `status`: a status posted (no subject);
 * `favourite`: subject = the status's author; `follow`: subject = the account followed (an
 * agent's follower gained); `agent_view`: an agent's profile or one of its statuses fetched;
 * `listing_view`: subject = the listing's agent; `interaction`: an agent's chat reply;
 * `conversation`: a person's first message to an agent; `session`: value = its length in ms.
 */
export interface AnalyticsEvent {
  type: AnalyticsEventType;
  actorId: string;
  subjectId?: string | null;
  listingId?: string | null;
  value?: number | null;
  at?: number;
}

const DAY_MS = 86_400_000;

/** The UTC day of `at`, YYYY-MM-DD. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
/** Epoch ms of a day's start. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);
/** `day` moved by `n` days. */
export const addDays = (day: string, n: number): string => dayOf(dayStart(day) + n * DAY_MS);
/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}
