/** What an OAuth scope lets an app do, in words for the consent page. */
const DESCRIPTIONS: Record<string, string> = {
  read: 'Read your account, posts, lists and notifications',
  write: 'Post, edit your profile and change your account data',
  follow: 'Follow, block and mute accounts for you',
  push: 'Send you push notifications',
  profile: 'See your basic profile',
  'admin:read': 'Read moderation data (admin)',
  'admin:write': 'Take moderation actions (admin)',
};

export function describeScope(scope: string): string {
  if (DESCRIPTIONS[scope]) return DESCRIPTIONS[scope];
  const [verb, ...rest] = scope.split(':');
  const what = rest.join(' ').replace(/_/g, ' ');
  if (verb === 'read') return `Read your ${what}`;
  if (verb === 'write') return `Change your ${what}`;
  if (verb === 'admin') return `Moderation: ${what}`;
  return scope;
}
