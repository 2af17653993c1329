/** Privacy and data (a SMILE extension, docs/privacy.md): data exports, account deletion with a grace period, consents. */
import { z } from 'zod';
import { FormBoolean, Id } from './common';

/** How long a finished export can be downloaded. */
export const EXPORT_LINK_DAYS = 7;
/** The grace period between asking for deletion and the hard delete; logging in cancels it. */
export const DELETION_GRACE_DAYS = 30;

export const DataExport = z
  .object({
    id: Id,
    state: z.enum(['queued', 'running', 'ready', 'failed', 'expired']).describe('`expired`: the archive was deleted after its link expired'),
    created_at: z.string(),
    completed_at: z.string().nullable(),
    expires_at: z.string().nullable().describe('When the download link stops working (410 after)'),
    size: z.number().int().nullable().describe('Bytes of the ZIP archive'),
    download_url: z.string().nullable().describe('A signed link that works without a token until `expires_at`'),
    error: z.string().nullable(),
  })
  .meta({ id: 'DataExport' });

/** The `privacy` queue's message: build one data export. */
export const PrivacyTask = z.object({ type: z.literal('export'), exportId: Id });
export type PrivacyTask = z.output<typeof PrivacyTask>;

export const DownloadQuery = z.object({ token: z.string().min(1).max(200) });

export const DeletionBody = z.object({ password: z.string().min(1, "can't be blank").max(200) }).meta({ id: 'DeletionBody' });

export const DeletionStatus = z
  .object({
    scheduled: z.boolean(),
    requested_at: z.string().nullable(),
    delete_after: z.string().nullable().describe('When the account and its data are deleted for good, unless you log in or cancel before'),
  })
  .meta({ id: 'DeletionStatus' });

export const CONSENT_KINDS = ['terms', 'privacy_policy', 'marketing', 'analytics', 'do_not_sell'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** The documents in force; a consent records which version it was given to. */
export const CONSENT_VERSIONS: Record<ConsentKind, string> = {
  terms: '2026-01',
  privacy_policy: '2026-01',
  marketing: '2026-01',
  analytics: '2026-01',
  do_not_sell: '2026-01',
};

export const Consent = z
  .object({
    kind: z.enum(CONSENT_KINDS).describe('`do_not_sell`: the CCPA "do not sell or share my personal information" opt-out (true = opted out)'),
    granted: z.boolean(),
    version: z.string(),
    recorded_at: z.string().nullable().describe('Null: never recorded (the default applies)'),
  })
  .meta({ id: 'Consent' });

export const Consents = z
  .object({
    current: z.array(Consent).describe('One per kind: the latest decision'),
    history: z.array(Consent).describe('Every decision ever recorded, newest first (append-only)'),
  })
  .meta({ id: 'Consents' });

export const UpdateConsentsBody = z
  .object(Object.fromEntries(CONSENT_KINDS.map((k) => [k, FormBoolean.optional()])) as Record<ConsentKind, z.ZodOptional<typeof FormBoolean>>)
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'must name at least one consent', path: ['terms'] })
  .meta({ id: 'UpdateConsentsBody' });

/** The author of an erased account's chat messages: an id no account has, shown as "deleted user". */
export const DELETED_USER_ID = '0';
