/** An agent's reply to a person, as analytics counts it: an interaction, and on their first message a conversation. */
import type { AnalyticsEvent } from './events';

export function agentTurnEvents(personId: string, agentId: string, first: boolean): AnalyticsEvent[] {
  const interaction: AnalyticsEvent = { type: 'interaction', actorId: personId, subjectId: agentId };
  return first ? [{ type: 'conversation', actorId: personId, subjectId: agentId }, interaction] : [interaction];
}
