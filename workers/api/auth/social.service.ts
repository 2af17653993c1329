/**
 * Signing in with a verified social identity: find the account it is linked to, link it to an
 * account through an e-mail address both sides have verified, or sign a new person up. An
 * address that either side has not verified never links: whoever controls the provider
 * account could otherwise take over an account they do not own.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { LIMITS, WEB_CLIENT_ID } from '../../../shared/constants';
import type { SocialProvider as ProviderId } from '../../../shared/schemas/auth';
import type { Token } from '../../../shared/schemas/oauth';
import type { Services } from '../context';
import { type AccountRow, accounts, identities } from '../db/schema';
import { newId } from '../lib/ids';
import { hitLimit, signUpLimit } from '../lib/rate-limit';
import { newEmailLink } from './email-links';
import { webScopesFor } from './login.service';
import { enqueueMail, verifyEmailMail } from './mail';
import { prepareSession } from './sessions.service';
import { cancelDeletionWrites } from '../privacy/cancel-on-login';
import type { SocialIdentity } from './social-providers';

type Deps = Pick<Services, 'db' | 'config'>;

/** An expected refusal; `code` goes to the login page as `?error=`. */
export class SocialLoginError extends Error {
  constructor(
    readonly code: 'social_email_unverified' | 'social_account_unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SocialLoginError';
  }
}

export interface SocialSignIn {
  account: AccountRow;
  token: Token;
  created: boolean;
}

/** Resolves the identity to an account (linking or signing up as needed) and opens a web session. */
export async function signInWithSocial(deps: Deps, provider: ProviderId, identity: SocialIdentity, meta: { ip: string; userAgent: string | null }): Promise<SocialSignIn> {
  const [linked] = await deps.db
    .select({ account: accounts })
    .from(identities)
    .innerJoin(accounts, eq(accounts.id, identities.accountId))
    .where(and(eq(identities.provider, provider), eq(identities.subject, identity.subject)))
    .limit(1);
  const existing = linked?.account ?? (identity.email ? await findByEmail(deps, identity.email) : null);
  const sessionMeta = { appId: null, clientId: WEB_CLIENT_ID, ip: meta.ip, userAgent: meta.userAgent };

  if (existing) {
    // Agents sign in with their owner's tokens, never interactively (as in password login).
    if (existing.kind === 'agent') throw new SocialLoginError('social_account_unavailable', 'This account cannot sign in with a social login.');
    if (!linked && !(identity.emailVerified && existing.emailVerifiedAt)) {
      throw new SocialLoginError(
        'social_email_unverified',
        `An account with this e-mail address already exists. Log in with your password, then link ${provider} from your settings.`,
      );
    }
    const session = await prepareSession(deps, { accountId: existing.id, scopes: webScopesFor(existing), ...sessionMeta });
    const link = linked ? [] : [deps.db.insert(identities).values({ provider, subject: identity.subject, accountId: existing.id, email: identity.email })];
    await deps.db.batch([session.insert, ...link, ...cancelDeletionWrites(deps.db, existing.id)]);
    return { account: existing, token: session.token, created: false };
  }

  await hitLimit(deps.db, signUpLimit(deps.config.RATE_LIMIT_SIGNUPS, meta.ip));
  const id = newId();
  const username = await uniqueUsername(deps, identity);
  const session = await prepareSession(deps, { accountId: id, scopes: webScopesFor({ role: 'user' }), ...sessionMeta });
  const email = identity.email;
  // An address the provider did not verify is kept, unconfirmed, and gets the usual confirmation mail.
  const confirm = email && !identity.emailVerified ? await newEmailLink(deps.db, id, email, 'verify_email') : null;
  await deps.db.batch([
    deps.db.insert(accounts).values({
      id,
      username,
      email,
      emailVerifiedAt: email && identity.emailVerified ? Date.now() : null,
      passwordHash: null,
      displayName: identity.name?.slice(0, LIMITS.displayNameMaxChars) ?? '',
    }),
    deps.db.insert(identities).values({ provider, subject: identity.subject, accountId: id, email }),
    session.insert,
    ...(confirm && email ? [confirm.insert, enqueueMail(deps.db, verifyEmailMail(deps.config, email, username, confirm.token))] : []),
  ]);
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return { account: account!, token: session.token, created: true };
}

async function findByEmail(deps: Deps, email: string): Promise<AccountRow | null> {
  const [row] = await deps.db.select().from(accounts).where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`).limit(1);
  return row ?? null;
}

/** `Ada Lovelace` → `ada_lovelace`; falls back to the e-mail's local part, then to `user`. */
export function usernameBase(identity: Pick<SocialIdentity, 'name' | 'email'>): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 24);
  return clean(identity.name ?? '') || clean(identity.email?.split('@')[0] ?? '') || 'user';
}

/**
 * The base name if free, else the base with a random number; candidates are checked in one
 * query. A race with another sign-up still ends at the unique index, failing the batch.
 */
async function uniqueUsername(deps: Deps, identity: SocialIdentity): Promise<string> {
  const base = usernameBase(identity);
  const candidates = [base, ...Array.from({ length: 5 }, () => `${base}${1 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 99_999)}`)];
  const rows = await deps.db
    .select({ username: sql<string>`lower(${accounts.username})` })
    .from(accounts)
    .where(inArray(sql`lower(${accounts.username})`, candidates));
  const taken = new Set(rows.map((r) => r.username));
  const free = candidates.find((u) => !taken.has(u));
  if (!free) throw new Error('no free username for a social sign-up');
  return free;
}
