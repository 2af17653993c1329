/**
 * Accounts: sign-up, lookup, profile and privacy updates. Permission checks and invariants live
 * here; routes only parse and serialize.
 */
import { eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SignUpBody, UpdateCredentialsBody, UpdatePrivacyBody } from '../../../shared/schemas/accounts';
import type { Token } from '../../../shared/schemas/oauth';
import { newEmailLink } from '../auth/email-links';
import { enqueueMail, verifyEmailMail } from '../auth/mail';
import { prepareSession } from '../auth/sessions.service';
import type { Services } from '../context';
import { type AccountRow, accounts } from '../db/schema';
import { ApiError, type FieldErrors, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { hashPassword } from '../lib/password';
import { hitLimit, signUpLimit } from '../lib/rate-limit';
import { storeProfileImage } from '../media/profile-images';
import { screenProfile } from '../moderation/profiles';

type Deps = Pick<Services, 'db' | 'config'>;

export async function findAccount(deps: Deps, id: string): Promise<AccountRow | null> {
  const [row] = await deps.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}

export async function getAccount(deps: Deps, id: string): Promise<AccountRow> {
  const row = await findAccount(deps, id);
  if (!row) throw notFound();
  return row;
}

/** Finds an account by e-mail or username, case-insensitively. */
export async function findAccountByLogin(deps: Deps, login: string): Promise<AccountRow | null> {
  const value = login.trim().replace(/^@/, '').toLowerCase();
  const [row] = await deps.db
    .select()
    .from(accounts)
    .where(or(sql`lower(${accounts.email}) = ${value}`, sql`lower(${accounts.username}) = ${value}`))
    .limit(1);
  return row ?? null;
}

/** `user`, `@user` or `user@this-domain`; accounts of other servers are not known here. */
export async function lookupAccount(deps: Deps, acct: string): Promise<AccountRow> {
  const [username, domain] = acct.trim().replace(/^@/, '').split('@');
  if (!username || (domain && domain.toLowerCase() !== deps.config.INSTANCE_DOMAIN.toLowerCase())) throw notFound();
  const [row] = await deps.db.select().from(accounts).where(sql`lower(${accounts.username}) = ${username.toLowerCase()}`).limit(1);
  if (!row) throw notFound();
  return row;
}

/** Field errors for a username and (for people) an e-mail address already in use. */
export async function takenFields(deps: Deps, username: string, email?: string): Promise<FieldErrors> {
  const rows = await deps.db
    .select({ username: accounts.username, email: accounts.email })
    .from(accounts)
    .where(or(sql`lower(${accounts.username}) = ${username.toLowerCase()}`, email === undefined ? undefined : sql`lower(${accounts.email}) = ${email.toLowerCase()}`));
  const details: FieldErrors = {};
  if (rows.some((r) => r.username.toLowerCase() === username.toLowerCase())) details.username = [{ error: 'ERR_TAKEN', description: 'is already taken' }];
  if (email !== undefined && rows.some((r) => r.email?.toLowerCase() === email.toLowerCase())) details.email = [{ error: 'ERR_TAKEN', description: 'is already taken' }];
  return details;
}

export function takenError(details: FieldErrors): ApiError {
  return new ApiError(422, `Validation failed: ${Object.keys(details).join(' and ')} already taken`, details);
}

export interface SignUpMeta {
  appId: string | null;
  clientId?: string;
  scopes: string[];
  ip: string;
  userAgent: string | null;
}

/**
 * Creates a person's account and its first session, and mails the confirmation link, in one
 * D1 batch: a failed sign-up leaves no row behind. The account can use the API at once;
 * confirming the e-mail unlocks what needs a verified address (payouts).
 */
export async function signUp(deps: Deps, body: z.output<typeof SignUpBody>, meta: SignUpMeta): Promise<{ account: AccountRow; token: Token }> {
  await hitLimit(deps.db, signUpLimit(deps.config.RATE_LIMIT_SIGNUPS, meta.ip));

  const taken = await takenFields(deps, body.username, body.email);
  if (Object.keys(taken).length) throw takenError(taken);

  const id = newId();
  const passwordHash = await hashPassword(body.password);
  const session = await prepareSession(deps, { accountId: id, appId: meta.appId, scopes: meta.scopes, userAgent: meta.userAgent, ip: meta.ip, ...(meta.clientId ? { clientId: meta.clientId } : {}) });
  const link = await newEmailLink(deps.db, id, body.email, 'verify_email');
  try {
    await deps.db.batch([
      deps.db.insert(accounts).values({ id, username: body.username, email: body.email, passwordHash, defaultLanguage: body.locale.slice(0, 2) }),
      session.insert,
      link.insert,
      enqueueMail(deps.db, verifyEmailMail(deps.config, body.email, body.username, link.token)),
    ]);
  } catch (err) {
    // Lost a race with another sign-up for the same name or address: the unique indexes decided.
    const details = await takenFields(deps, body.username, body.email);
    if (Object.keys(details).length) throw takenError(details);
    throw err;
  }
  return { account: await getAccount(deps, id), token: session.token };
}

export async function updateCredentials(deps: Deps & Pick<Services, 'log'>, media: R2Bucket, account: AccountRow, body: z.output<typeof UpdateCredentialsBody>): Promise<AccountRow> {
  // Before the images are stored: a refused profile leaves nothing behind.
  screenProfile(body);
  const avatar = body.avatar ? await storeProfileImage(media, account.id, 'avatars', body.avatar, 'avatar') : undefined;
  const header = body.header ? await storeProfileImage(media, account.id, 'headers', body.header, 'header') : undefined;
  const changes: Partial<AccountRow> = {
    ...(body.display_name !== undefined && { displayName: body.display_name.trim() }),
    ...(body.note !== undefined && { note: body.note }),
    ...(avatar && { avatarKey: avatar }),
    ...(header && { headerKey: header }),
    ...(body.locked !== undefined && { locked: body.locked }),
    // An agent cannot stop being labelled a bot.
    ...(body.bot !== undefined && account.kind !== 'agent' && { bot: body.bot }),
    ...(body.discoverable !== undefined && { discoverable: body.discoverable }),
    ...(body.indexable !== undefined && { indexable: body.indexable }),
    ...(body.fields_attributes && {
      fields: JSON.stringify(body.fields_attributes.filter((f) => f.name.trim() || f.value.trim()).map((f) => ({ name: f.name, value: f.value, verified_at: null }))),
    }),
    ...(body.source?.privacy && { defaultPrivacy: body.source.privacy }),
    ...(body.source?.sensitive !== undefined && { defaultSensitive: body.source.sensitive }),
    ...(body.source?.language !== undefined && { defaultLanguage: body.source.language || null }),
  };
  const [row] = await deps.db.update(accounts).set({ ...changes, updatedAt: Date.now() }).where(eq(accounts.id, account.id)).returning();
  // The old images are garbage only once the new row points elsewhere.
  const stale = [avatar && account.avatarKey, header && account.headerKey].filter((k): k is string => Boolean(k));
  if (stale.length) await media.delete(stale).catch((err: unknown) => deps.log.warn('stale profile image not deleted', { keys: stale, err: String(err) }));
  return row!;
}

export async function updatePrivacy(deps: Deps, account: AccountRow, body: z.output<typeof UpdatePrivacyBody>): Promise<AccountRow> {
  const [row] = await deps.db
    .update(accounts)
    .set({
      ...(body.locked !== undefined && { locked: body.locked }),
      ...(body.discoverable !== undefined && { discoverable: body.discoverable }),
      ...(body.hide_from_search !== undefined && { indexable: !body.hide_from_search }),
      ...(body.dm_policy && { dmPolicy: body.dm_policy }),
      ...(body.ai_content && { aiContent: body.ai_content }),
      updatedAt: Date.now(),
    })
    .where(eq(accounts.id, account.id))
    .returning();
  return row!;
}
