/**
 * What no response of the matrix may carry: password hashes, anyone's tokens or second-factor
 * secrets, another person's e-mail, the owner's non-public texts shown to anyone else, and
 * the content of people who blocked the caller or whom the caller blocked.
 */
import { env } from 'cloudflare:test';
import type { Caller, Seen, World } from './authorization-matrix';

/**
 * Contracts whose answer may name an e-mail address: `self` only the caller's own (credential
 * endpoints), `admin` anyone's to an administrator, `staff` to a moderator or an administrator
 * (user management).
 */
export const EMAIL_ALLOWED: Record<string, 'self' | 'admin' | 'staff'> = {
  'get /api/v1/accounts/verify_credentials': 'self',
  'patch /api/v1/accounts/update_credentials': 'self',
  'get /api/v1/business/verification': 'self',
  'get /api/v1/admin/business_verifications': 'admin',
  'post /api/v1/admin/business_verifications/:id/approve': 'admin',
  'post /api/v1/admin/business_verifications/:id/reject': 'admin',
  // User management: moderators and admins find people by e-mail (docs/admin.md).
  'get /api/v1/admin/accounts': 'staff',
  'get /api/v1/admin/accounts/:id': 'staff',
  'post /api/v1/admin/accounts/:id/action': 'staff',
  'post /api/v1/admin/accounts/:id/unsuspend': 'staff',
  'put /api/v1/admin/accounts/:id/role': 'admin',
};

/** The caller's own lists of whom they block or mute: naming those people there is their purpose. */
const OWN_BLOCK_LISTS = new Set(['get /api/v1/blocks', 'get /api/v1/mutes']);

export interface Secrets {
  /** Strings no response may ever contain, with what they are. */
  never: Map<string, string>;
  /** Each person's e-mail, by caller class (people who are no caller map to null). */
  emails: Map<string, Caller | null>;
}

/** Collects the world's secrets. */
export async function collectSecrets(w: World): Promise<Secrets> {
  const never = new Map<string, string>();
  const emails = new Map<string, Caller | null>();
  const { secret, recoveryCodes } = w.mfa;
  never.set(secret, 'a TOTP secret');
  for (const code of recoveryCodes) never.set(code, 'a recovery code');
  const people = { owner: w.owner, other: w.other, moderator: w.moderator, admin: w.admin, friend: w.friend, bystander: w.bystander };
  for (const [name, p] of Object.entries(people)) {
    never.set(p.token, `${name}'s access token`);
    never.set(p.refreshToken, `${name}'s refresh token`);
    never.set(p.app.clientSecret, `${name}'s app client secret`);
    emails.set(p.email.toLowerCase(), name === 'friend' || name === 'bystander' ? null : (name as Caller));
    const row = await env.DB.prepare('SELECT password_hash AS h FROM accounts WHERE id = ?').bind(p.id).first<{ h: string | null }>();
    if (row?.h) never.set(row.h, `${name}'s password hash`);
  }
  return { never, emails };
}

/** The leaks in one response, as sentences; each rule applied counts one check. */
export function leaksIn(s: Seen, secrets: Secrets, w: World, blocked: Set<string>): { leaks: string[]; checks: number } {
  const leaks: string[] = [];
  const text = s.text;
  const lower = text.toLowerCase();
  let checks = 0;
  const where = `${s.key} as ${s.caller}`;
  checks++;
  if (/password_?hash|passwordHash|pbkdf2-sha256\$/i.test(text)) leaks.push(`${where}: a password hash field`);
  for (const [value, what] of secrets.never) {
    checks++;
    if (text.includes(value)) leaks.push(`${where}: ${what}`);
  }
  for (const [email, whose] of secrets.emails) {
    checks++;
    if (!lower.includes(email)) continue;
    const rule = EMAIL_ALLOWED[s.key];
    const ok = (rule === 'self' && whose === s.caller) || (rule === 'admin' && s.caller === 'admin') || (rule === 'staff' && (s.caller === 'admin' || s.caller === 'moderator'));
    if (!ok) leaks.push(`${where}: the e-mail of ${whose ?? 'a bystander'}`);
  }
  if (s.caller !== 'owner') {
    for (const secret of w.secrets) {
      checks++;
      if (text.includes(secret)) leaks.push(`${where}: the owner's non-public text "${secret}"`);
    }
  }
  if (s.caller === 'other' && !OWN_BLOCK_LISTS.has(s.key)) {
    for (const b of blocked) {
      checks++;
      if (text.includes(b)) leaks.push(`${where}: blocked content "${b}"`);
    }
  }
  return { leaks, checks };
}
