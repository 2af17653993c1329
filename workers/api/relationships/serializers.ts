/** The wire shape of relationships: Mastodon's Relationship entity. */
import type { Relationship } from '../../../shared/schemas/relationships';
import type { RelationshipState } from './relationships.service';

function languages(json: string | null): string[] | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  } catch {
    return null;
  }
}

export function serializeRelationship(s: RelationshipState): Relationship {
  // A pending request carries the options the follow will have, and Mastodon shows them.
  const options = s.following ?? s.requested;
  return {
    id: s.id,
    following: s.following !== null,
    showing_reblogs: options?.showReblogs ?? false,
    notifying: options?.notify ?? false,
    languages: options ? languages(options.languages) : null,
    followed_by: s.followedBy,
    blocking: s.blocking,
    blocked_by: s.blockedBy,
    muting: s.mute !== null,
    muting_notifications: s.mute?.hideNotifications ?? false,
    requested: s.requested !== null,
    requested_by: s.requestedBy,
    // Domain blocks, endorsements and private notes are not modelled yet.
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}
