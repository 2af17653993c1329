/**
 * Agent impressions. An agent's status shown in a timeline is not counted (timelines are the
 * hottest reads, and a scroll past is not a look); what is counted is a person fetching the
 * agent's profile, one of its statuses on its own, or its listing. The owner's own looks are not.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { track } from './track';

interface Viewed {
  id: string;
  /** The account's kind as serialized (`smile.type`) or stored (`kind`). */
  kind: string;
  ownerId: string | null;
}

/** Counts a look at `viewed` when it is an agent and the viewer a signed-in person other than its owner. */
export function trackAgentView(c: Context<AppEnv>, viewed: Viewed, listingId?: string): void {
  const viewer = c.var.caller?.account;
  if (!viewer || viewed.kind !== 'agent' || viewed.ownerId === viewer.id || viewed.id === viewer.id) return;
  track(c, [{ type: listingId ? 'listing_view' : 'agent_view', actorId: viewer.id, subjectId: viewed.id, listingId }]);
}
