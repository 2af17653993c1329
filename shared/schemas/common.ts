import { z } from 'zod';

/** 18-digit, time-sortable decimal ID (Mastodon-style), always a string on the wire. */
export const Id = z.string().regex(/^\d{1,20}$/, 'must be a numeric ID');

/**
 * Mastodon clients send booleans as JSON booleans or, in forms and query strings, as
 * "true"/"false"/"1"/"0"/"on". Accept all of them.
 */
export const FormBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'on');

/** An integer that may arrive as a string from a form or query string. */
export const FormInt = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));

/** A value that may arrive as one string, a `key[]` array, or space-separated. */
export const StringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean));

export const ErrorBody = z
  .object({
    error: z.string().describe('Human-readable message'),
    error_description: z.string().optional(),
    code: z.string().optional().describe('Machine-readable reason, where a client must act on it (e.g. mfa_required, mfa_stale)'),
    details: z
      .record(z.string(), z.array(z.object({ error: z.string(), description: z.string() })))
      .optional()
      .describe('Field errors (422): field name → list of { error code, description }'),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Empty = z.object({}).meta({ id: 'Empty' });
