import { z } from 'zod';
import { Account } from './accounts';
import { FormBoolean, FormInt, Id, StringList } from './common';
import { PageQuery } from './pagination';

/** Mastodon's Relationship entity: how the caller stands towards one account. */
export const Relationship = z
  .object({
    id: Id,
    following: z.boolean(),
    /** Reblogs of this account in the caller's home timeline (of the follow, or of the pending request). */
    showing_reblogs: z.boolean(),
    notifying: z.boolean(),
    /** Languages the caller follows this account in; null for all. */
    languages: z.array(z.string()).nullable(),
    followed_by: z.boolean(),
    blocking: z.boolean(),
    blocked_by: z.boolean(),
    muting: z.boolean(),
    muting_notifications: z.boolean(),
    requested: z.boolean(),
    requested_by: z.boolean(),
    domain_blocking: z.boolean(),
    endorsed: z.boolean(),
    note: z.string(),
  })
  .meta({ id: 'Relationship' });
export type Relationship = z.infer<typeof Relationship>;

/** An account in the caller's mutes list, with when the mute ends (Mastodon's `mute_expires_at`). */
export const MutedAccount = Account.extend({ mute_expires_at: z.string().nullable() }).meta({ id: 'MutedAccount' });

const Language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code');

/** Absent options keep what an existing follow or request has; new ones default as in Mastodon. */
export const FollowBody = z.object({
  reblogs: FormBoolean.optional(),
  notify: FormBoolean.optional(),
  /** `languages[]`; an empty list means every language. */
  languages: StringList.pipe(z.array(Language).max(100)).optional(),
});

export const MuteBody = z.object({
  notifications: FormBoolean.optional().default(true),
  /** Seconds until the mute ends; 0 (the default) mutes indefinitely. */
  duration: FormInt.pipe(z.number().int().min(0).max(10 * 365 * 24 * 3600)).optional().default(0),
});

/** `id[]=1&id[]=2`, or one `id`. */
export const RelationshipsQuery = z.object({
  id: StringList.pipe(z.array(Id).max(100)),
  with_suspended: FormBoolean.optional(),
});

export const AccountIdParams = z.object({ id: Id });
export const AccountListQuery = PageQuery;
