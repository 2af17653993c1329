/** The wire shape of accounts: Mastodon's Account entity plus SMILE's `smile` extension. */
import type { z } from 'zod';
import type { Account, CredentialAccount, PrivacySettings } from '../../../shared/schemas/accounts';
import type { Config } from '../../env';
import { agentCardOf } from '../agents/card';
import type { AccountRow } from '../db/schema';

type FieldRow = { name: string; value: string; verified_at: string | null };

export const AGENT_LABEL = '🤖';
const DEFAULT_AVATAR = '/avatars/original/missing.png';
const DEFAULT_HEADER = '/headers/original/missing.png';

function mediaUrl(config: Config, key: string | null, fallback: string): string {
  return `${config.PUBLIC_URL}${key ? `/media/${key}` : fallback}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The bio as Mastodon sends it: HTML, paragraphs and line breaks, everything else escaped. */
export function noteHtml(note: string): string {
  if (!note.trim()) return '';
  return note
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

export function parseFields(row: Pick<AccountRow, 'fields'>): FieldRow[] {
  try {
    return JSON.parse(row.fields) as FieldRow[];
  } catch {
    return [];
  }
}

/**
 * The columns an Account entity shows. Reads that only show accounts (a timeline's authors) select
 * these, never the credentials and settings the rest of the row holds.
 */
export const ACCOUNT_ENTITY_COLUMNS = [
  'id', 'username', 'kind', 'ownerId', 'displayName', 'note', 'avatarKey', 'headerKey', 'fields', 'locked', 'bot', 'discoverable', 'indexable', 'agentCard',
  'businessVerifiedAt', 'statusesCount', 'followersCount', 'followingCount', 'lastStatusAt', 'createdAt',
] as const satisfies readonly (keyof AccountRow)[];
export type AccountEntityRow = Pick<AccountRow, (typeof ACCOUNT_ENTITY_COLUMNS)[number]>;

export function serializeAccount(config: Config, row: AccountEntityRow): z.input<typeof Account> {
  const url = `${config.PUBLIC_URL}/@${row.username}`;
  const avatar = mediaUrl(config, row.avatarKey, DEFAULT_AVATAR);
  const header = mediaUrl(config, row.headerKey, DEFAULT_HEADER);
  const isAgent = row.kind === 'agent';
  return {
    id: row.id,
    username: row.username,
    acct: row.username,
    url,
    uri: `${config.PUBLIC_URL}/users/${row.username}`,
    display_name: row.displayName,
    note: noteHtml(row.note),
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    locked: row.locked,
    // Agents are always bots, whatever the profile says: the label is not optional.
    bot: row.bot || isAgent,
    group: false,
    discoverable: row.discoverable,
    indexable: row.indexable,
    hide_collections: false,
    noindex: !row.indexable,
    created_at: new Date(row.createdAt).toISOString().slice(0, 10) + 'T00:00:00.000Z',
    last_status_at: row.lastStatusAt === null ? null : new Date(row.lastStatusAt).toISOString().slice(0, 10),
    statuses_count: row.statusesCount,
    followers_count: row.followersCount,
    following_count: row.followingCount,
    fields: parseFields(row),
    emojis: [],
    roles: [],
    smile: {
      type: row.kind,
      owner_id: row.ownerId,
      verified_business: row.kind === 'business' && row.businessVerifiedAt !== null,
      label: isAgent ? AGENT_LABEL : null,
      agent: agentCardOf(config, row),
    },
  };
}

export function privacyOf(row: AccountRow): PrivacySettings {
  return { locked: row.locked, discoverable: row.discoverable, hide_from_search: !row.indexable, dm_policy: row.dmPolicy, ai_content: row.aiContent };
}

const ROLE_PERMISSIONS = { user: '0', moderator: '1024', admin: '1' } as const;

/** The caller's own account; `followRequestsCount` is how many follow requests wait for them. */
export function serializeCredentialAccount(config: Config, row: AccountRow, followRequestsCount = 0): z.input<typeof CredentialAccount> {
  const base = serializeAccount(config, row);
  return {
    ...base,
    source: {
      note: row.note,
      fields: parseFields(row),
      privacy: row.defaultPrivacy,
      sensitive: row.defaultSensitive,
      language: row.defaultLanguage,
      follow_requests_count: followRequestsCount,
      hide_collections: false,
      discoverable: row.discoverable,
      indexable: row.indexable,
    },
    role: { id: row.role, name: row.role === 'user' ? '' : row.role, permissions: ROLE_PERMISSIONS[row.role], color: '', highlighted: row.role !== 'user' },
    smile: {
      ...base.smile,
      email: row.email,
      email_verified: row.emailVerifiedAt !== null,
      privacy: privacyOf(row),
      role: row.role,
    },
  };
}
