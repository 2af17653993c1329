/**
 * Reviews: only an account that has (or had) the agent may review its listing, once (PUT
 * replaces); the creator may reply once to each. The text is screened inline by the moderation
 * classifier; a review has no pending state to show its author, so anything it would not allow
 * is a 422 to reword, as for profiles. The listing's rating aggregates are recomputed from the
 * reviews in the same batch as the write, so they are never out of step.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReplyBody, ReviewBody } from '../../../shared/schemas/market';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db, Services } from '../context';
import { agents } from '../db/agents';
import { type ReviewRow, marketListings, marketReviews } from '../db/market';
import { type AccountRow, accounts } from '../db/schema';
import { conflict, forbidden, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { classifyText } from '../moderation/classifier';
import { everEntitled } from './entitlements.service';
import { visibleListing } from './listings.service';

type Deps = Pick<Services, 'db'>;

export interface LoadedReview {
  review: ReviewRow;
  account: AccountRow;
}

function screen(field: string, text: string): void {
  const verdict = classifyText(text);
  if (verdict.action !== 'allow') throw invalidField(field, verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
}

const selectReviews = (db: Db) => db.select({ review: marketReviews, account: accounts }).from(marketReviews).innerJoin(accounts, eq(accounts.id, marketReviews.accountId));

const countOf = (listingId: string, rating?: number) =>
  sql<number>`(SELECT count(*) FROM ${marketReviews} r WHERE r.listing_id = ${listingId}${rating === undefined ? sql`` : sql` AND r.rating = ${rating}`})`;

/** The listing's rating aggregates, recomputed from its reviews: one statement for the review's batch. */
const recountRatings = (db: Db, listingId: string) =>
  db
    .update(marketListings)
    .set({
      ratingCount: countOf(listingId),
      ratingSum: sql`(SELECT coalesce(sum(rating), 0) FROM ${marketReviews} r WHERE r.listing_id = ${listingId})`,
      rating1: countOf(listingId, 1),
      rating2: countOf(listingId, 2),
      rating3: countOf(listingId, 3),
      rating4: countOf(listingId, 4),
      rating5: countOf(listingId, 5),
    })
    .where(eq(marketListings.id, listingId));

const isUniqueViolation = (err: unknown) => err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String((err as { cause?: unknown }).cause)}`);

/**
 * Writes the viewer's review of a listing they have. `create` refuses a second review (409);
 * `replace` writes or replaces it (the creator's reply stays).
 */
export async function writeReview(deps: Deps, viewerId: string, listingId: string, body: z.output<typeof ReviewBody>, mode: 'create' | 'replace'): Promise<LoadedReview> {
  const { agent } = await visibleListing(deps, viewerId, listingId);
  if (agent.ownerId === viewerId) throw forbidden('You cannot review your own listing');
  if (!(await everEntitled(deps.db, viewerId, listingId))) throw forbidden('Only accounts that have this agent can review it');
  screen('text', body.text);
  const now = Date.now();
  const insert = deps.db.insert(marketReviews).values({ id: newId(now), listingId, accountId: viewerId, rating: body.rating, text: body.text, createdAt: now, updatedAt: now });
  const write = mode === 'create' ? insert : insert.onConflictDoUpdate({ target: [marketReviews.listingId, marketReviews.accountId], set: { rating: body.rating, text: body.text, updatedAt: now } });
  const mine = and(eq(marketReviews.listingId, listingId), eq(marketReviews.accountId, viewerId));
  try {
    await deps.db.batch([write, recountRatings(deps.db, listingId)]);
  } catch (err) {
    if (mode === 'create' && isUniqueViolation(err)) throw conflict('You have already reviewed this listing; edit your review with PUT');
    throw err;
  }
  const [row] = await selectReviews(deps.db).where(mine).limit(1);
  return row!;
}

/** The creator's one reply to a review of their listing: 403 for anyone else, 409 the second time. */
export async function replyToReview(deps: Deps, viewerId: string, reviewId: string, body: z.output<typeof ReplyBody>): Promise<LoadedReview> {
  const [found] = await deps.db
    .select({ listingId: marketReviews.listingId, ownerId: agents.ownerId })
    .from(marketReviews)
    .innerJoin(marketListings, eq(marketListings.id, marketReviews.listingId))
    .innerJoin(agents, eq(agents.accountId, marketListings.agentId))
    .where(eq(marketReviews.id, reviewId))
    .limit(1);
  if (!found) throw notFound();
  await visibleListing(deps, viewerId, found.listingId);
  if (found.ownerId !== viewerId) throw forbidden('Only the creator of the listing can reply to its reviews');
  screen('text', body.text);
  const [updated] = await deps.db
    .update(marketReviews)
    .set({ reply: body.text, repliedAt: Date.now() })
    .where(and(eq(marketReviews.id, reviewId), isNull(marketReviews.reply)))
    .returning({ id: marketReviews.id });
  if (!updated) throw conflict('You have already replied to this review');
  const [row] = await selectReviews(deps.db).where(eq(marketReviews.id, reviewId)).limit(1);
  return row!;
}

/** A listing's reviews the viewer may see, newest first, paged by id. */
export async function listingReviews(deps: Deps, viewerId: string | null, listingId: string, q: PageQuery): Promise<LoadedReview[]> {
  await visibleListing(deps, viewerId, listingId);
  const p = page(marketReviews.id, q);
  const rows = await selectReviews(deps.db).where(and(eq(marketReviews.listingId, listingId), p.where)).orderBy(p.order).limit(p.limit);
  return newestFirst(p, rows);
}
