/**
 * Consents: every decision is a new row (kind, granted, the version of the document in force,
 * the time), never an update, so the history is the record. The current state of a kind is its
 * newest row; a kind never decided has its default (`CONSENT_DEFAULTS`).
 */
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { CONSENT_KINDS, CONSENT_VERSIONS, type ConsentKind, type UpdateConsentsBody } from '../../../shared/schemas/privacy';
import type { Db } from '../context';
import { type ConsentRow, consents } from '../db/privacy';
import { newId } from '../lib/ids';
import { forgetPersonWrites } from '../analytics/forget';
import { forgetActiveMark } from '../analytics/track';

/** Nothing is assumed: no marketing or analytics without a yes, and no opt-out of selling until asked (there is no selling to opt out of: docs/privacy.md). */
export const CONSENT_DEFAULTS: Record<ConsentKind, boolean> = { terms: false, privacy_policy: false, marketing: false, analytics: false, do_not_sell: false };

export function consentHistory(db: Db, accountId: string): Promise<ConsentRow[]> {
  return db.select().from(consents).where(eq(consents.accountId, accountId)).orderBy(desc(consents.id));
}

/** The newest decision of each kind (or the default), from the history. */
export function currentConsents(history: ConsentRow[]) {
  return CONSENT_KINDS.map((kind) => {
    const row = history.find((r) => r.kind === kind);
    return { kind, granted: row?.granted ?? CONSENT_DEFAULTS[kind], version: row?.version ?? CONSENT_VERSIONS[kind], recordedAt: row?.createdAt ?? null };
  });
}

/**
 * Records the decisions in the body, each against the version in force now; one batch. A "no"
 * to analytics also deletes what analytics holds about the person (their raw rows), in the same batch.
 */
export async function recordConsents(db: Db, accountId: string, body: z.output<typeof UpdateConsentsBody>, now = Date.now()): Promise<void> {
  const given = CONSENT_KINDS.flatMap((kind) => (body[kind] === undefined ? [] : [{ kind, granted: body[kind]! }]));
  const rows = given.map((g) => ({ id: newId(now), accountId, kind: g.kind, granted: g.granted, version: CONSENT_VERSIONS[g.kind], createdAt: now }));
  await db.batch([db.insert(consents).values(rows), ...(body.analytics === false ? forgetPersonWrites(db, accountId) : [])]);
  // The day's active mark was skipped without consent; a "yes" now counts today's next request.
  if (body.analytics !== undefined) forgetActiveMark(accountId);
}

