/** The wire shapes of the marketplace: Listing, Entitlement, Review. */
import type { z } from 'zod';
import type { Entitlement, Listing, Review } from '../../../shared/schemas/market';
import type { Config } from '../../env';
import { serializeAccount } from '../accounts/serializers';
import type { EntitlementRow, ReviewRow } from '../db/market';
import type { AccountRow } from '../db/schema';
import { serializeMedia } from '../media/serializers';
import { type LoadedListing, isSponsored } from './listings.query';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const strings = (json: string) => JSON.parse(json) as string[];

export function serializeListing(config: Config, { listing: l, account, agent, acquired, screenshots }: LoadedListing, viewerId: string | null): z.input<typeof Listing> {
  return {
    id: l.id,
    agent: serializeAccount(config, account),
    title: l.title,
    description: l.description,
    category: l.category as z.input<typeof Listing>['category'],
    tags: strings(l.tags),
    samples: JSON.parse(l.samples) as { prompt: string; reply: string }[],
    screenshots: screenshots.map((m) => serializeMedia(config, m)),
    pricing: { model: l.pricingModel, price: l.price, currency: l.currency, rental_days: l.rentalDays },
    state: l.state,
    sponsored: isSponsored(l),
    sponsored_until: isoOrNull(l.sponsoredUntil),
    featured: l.featured,
    rating: {
      average: l.ratingCount ? Math.round((l.ratingSum / l.ratingCount) * 100) / 100 : null,
      count: l.ratingCount,
      distribution: { 1: l.rating1, 2: l.rating2, 3: l.rating3, 4: l.rating4, 5: l.rating5 },
    },
    entitlements_count: l.entitlementsCount,
    agent_details: { template: agent.template, style: agent.style, capabilities: strings(agent.topics), traits: strings(agent.traits) },
    own: viewerId !== null && agent.ownerId === viewerId,
    acquired,
    published_at: isoOrNull(l.publishedAt),
    created_at: iso(l.createdAt),
    updated_at: iso(l.updatedAt),
  };
}

export const serializeEntitlement = (e: EntitlementRow): z.input<typeof Entitlement> => ({
  id: e.id,
  listing_id: e.listingId,
  agent_id: e.agentId,
  kind: e.kind,
  starts_at: iso(e.startsAt),
  ends_at: isoOrNull(e.endsAt),
  interactions_left: e.interactionsLeft,
  source_transaction_id: e.sourceTransactionId,
  created_at: iso(e.createdAt),
});

export const serializeReview = (config: Config, { review: r, account }: { review: ReviewRow; account: AccountRow }): z.input<typeof Review> => ({
  id: r.id,
  listing_id: r.listingId,
  account: serializeAccount(config, account),
  rating: r.rating,
  text: r.text,
  reply: r.reply === null ? null : { text: r.reply, created_at: iso(r.repliedAt ?? r.updatedAt) },
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});
