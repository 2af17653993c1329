/** Business accounts: a person asks for verification, an admin approves or rejects. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BusinessVerification, BusinessVerificationBody } from '../../../shared/schemas/auth';
import type { Services } from '../context';
import { type AccountRow, accounts, businessVerifications } from '../db/schema';
import { conflict, notFound } from '../lib/errors';
import { newId } from '../lib/ids';

type Deps = Pick<Services, 'db'>;
type Row = typeof businessVerifications.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function serializeVerification(row: Row): z.input<typeof BusinessVerification> {
  return {
    id: row.id,
    account_id: row.accountId,
    legal_name: row.legalName,
    website: row.website,
    country: row.country,
    registration_number: row.registrationNumber,
    contact_email: row.contactEmail,
    status: row.status,
    reason: row.reason,
    created_at: iso(row.createdAt)!,
    reviewed_at: iso(row.reviewedAt),
  };
}

export async function requestVerification(deps: Deps, account: AccountRow, body: z.output<typeof BusinessVerificationBody>): Promise<Row> {
  if (account.kind === 'agent') throw conflict('Agents cannot become business accounts');
  if (account.businessVerifiedAt) throw conflict('This account is already a verified business');
  const [pending] = await deps.db.select({ id: businessVerifications.id }).from(businessVerifications).where(and(eq(businessVerifications.accountId, account.id), eq(businessVerifications.status, 'pending'))).limit(1);
  if (pending) throw conflict('A verification request is already waiting for review');
  const [row] = await deps.db
    .insert(businessVerifications)
    .values({ id: newId(), accountId: account.id, legalName: body.legal_name, website: body.website, country: body.country, registrationNumber: body.registration_number, contactEmail: body.contact_email })
    .returning();
  return row!;
}

export async function latestVerification(deps: Deps, account: AccountRow): Promise<Row> {
  const [row] = await deps.db.select().from(businessVerifications).where(eq(businessVerifications.accountId, account.id)).orderBy(desc(businessVerifications.id)).limit(1);
  if (!row) throw notFound('No business verification request');
  return row;
}

export async function listVerifications(deps: Deps, status?: Row['status']): Promise<Row[]> {
  const query = deps.db.select().from(businessVerifications).orderBy(desc(businessVerifications.id)).limit(200);
  return status ? query.where(eq(businessVerifications.status, status)) : query;
}

/** Approving makes the account a verified business in the same batch; only a pending request can be reviewed. */
export async function reviewVerification(deps: Deps, reviewer: AccountRow, id: string, approve: boolean, reason?: string): Promise<Row> {
  const now = Date.now();
  const review = deps.db
    .update(businessVerifications)
    .set({ status: approve ? 'approved' : 'rejected', reviewerId: reviewer.id, reviewedAt: now, reason: reason ?? null })
    .where(and(eq(businessVerifications.id, id), eq(businessVerifications.status, 'pending')))
    .returning();
  // Runs in the same batch, and only touches the account if this very review approved it.
  const promote = deps.db
    .update(accounts)
    .set({ kind: 'business', businessVerifiedAt: now, updatedAt: now })
    .where(sql`${accounts.id} = (SELECT account_id FROM business_verifications WHERE id = ${id} AND status = 'approved' AND reviewed_at = ${now} AND reviewer_id = ${reviewer.id})`);
  const [[row]] = approve ? await deps.db.batch([review, promote]) : [await review];
  if (!row) {
    const [exists] = await deps.db.select({ id: businessVerifications.id }).from(businessVerifications).where(eq(businessVerifications.id, id)).limit(1);
    throw exists ? conflict('This request has already been reviewed') : notFound();
  }
  return row;
}
