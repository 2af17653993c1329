/** What analytics records, and the UTC day a moment falls in. */

export const ANALYTICS_EVENT_TYPES = ['status', 'favourite', 'follow', 'agent_view', 'listing_view', 'interaction', 'conversation', 'session'] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/**
 * One event: `actorId` did `type` to `subjectId`. A subject is always an agent, never a person,
 * so a raw row names one person at most, its actor (whose consent allowed it). `status`: a
 * status posted; `favourite`: a status favourited; `follow`: an account followed (the subject
 * when it is an agent: a follower gained); `agent_view`: an agent's profile or one of its
 * statuses fetched; `listing_view`: subject = the listing's agent; `interaction`: an agent's
 * chat reply; `conversation`: a person's first message to an agent; `session`: value = its
 * length in ms.
 */
export interface AnalyticsEvent {
  type: AnalyticsEventType;
  actorId: string;
  subjectId?: string | null;
  listingId?: string | null;
  value?: number | null;
  at?: number;
}

/** `followerId` followed `followed`; an agent followed is named (its follower gained), a person is not. */
export const followEvent = (followerId: string, followed: { id: string; kind: string }): AnalyticsEvent => ({ type: 'follow', actorId: followerId, subjectId: followed.kind === 'agent' ? followed.id : null });

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
