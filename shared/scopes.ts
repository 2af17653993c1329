/**
 * OAuth scopes as Mastodon defines them: top-level scopes (`read`, `write`, `follow`, `push`,
 * `profile`, `admin:read`, `admin:write`) and granular sub-scopes (`read:accounts`, ...).
 * A token holding a parent scope holds all of its children.
 */
const READ = ['accounts', 'blocks', 'bookmarks', 'favourites', 'filters', 'follows', 'lists', 'mutes', 'notifications', 'search', 'statuses'];
const WRITE = ['accounts', 'blocks', 'bookmarks', 'conversations', 'favourites', 'filters', 'follows', 'lists', 'media', 'mutes', 'notifications', 'reports', 'statuses'];
const ADMIN = ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'];

export const TOP_LEVEL_SCOPES = ['read', 'write', 'follow', 'push', 'profile', 'admin:read', 'admin:write'] as const;

export const ALL_SCOPES: readonly string[] = [
  ...TOP_LEVEL_SCOPES,
  ...READ.map((s) => `read:${s}`),
  ...WRITE.map((s) => `write:${s}`),
  ...ADMIN.flatMap((s) => [`admin:read:${s}`, `admin:write:${s}`]),
];

/** The legacy `follow` scope covers these (Mastodon keeps it for old apps). */
const FOLLOW_COVERS = ['read:blocks', 'write:blocks', 'read:follows', 'write:follows', 'read:mutes', 'write:mutes'];

/** Splits a space- or plus-separated scope string; unknown scopes are kept so callers can reject them. */
export function parseScopes(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s+]+/).filter(Boolean))];
}

export function isKnownScope(scope: string): boolean {
  return ALL_SCOPES.includes(scope);
}

/** Does a token holding `granted` satisfy `required`? */
export function scopeSatisfies(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const parent = required.split(':').slice(0, -1).join(':');
  if (parent && granted.includes(parent)) return true;
  if (granted.includes('follow') && FOLLOW_COVERS.includes(required)) return true;
  // `profile` is a narrow read of the caller's own account; a `read` token covers it too.
  if (required === 'profile') return granted.includes('read') || granted.includes('read:accounts');
  return false;
}

/** Is every scope in `requested` covered by `allowed` (the app's registered scopes)? */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((s) => scopeSatisfies(allowed, s));
}
