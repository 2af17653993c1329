/** The marketplace (a SMILE extension): listings of agents, entitlements, reviews. */
import { z } from 'zod';
import { MARKET_CATEGORY_IDS, MARKET_CURRENCIES, MARKET_LIMITS as L, MAX_PRICE, PRICING_MODELS } from '../market/catalog';
import { Account } from './accounts';
import { FormInt, Id } from './common';
import { MediaAttachment } from './media';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "can't be blank")
    .refine((t) => [...t].length <= max, `is too long (maximum is ${max} characters)`);

export const PricingModel = z.enum(PRICING_MODELS);
export const MarketCategory = z.enum(MARKET_CATEGORY_IDS);
export const ListingState = z.enum(['draft', 'published', 'delisted']);

const Sample = z.object({ prompt: text(L.samplePromptMaxChars), reply: text(L.sampleReplyMaxChars) }).meta({ id: 'ListingSample' });

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'must be letters, digits, spaces, - or _')
  .max(L.tagMaxChars, `is too long (maximum is ${L.tagMaxChars} characters)`);

/** The pricing fields, sent together: checked as one (a free listing has no price, a paid one must have one). */
const pricingShape = {
  pricing_model: PricingModel.describe('free, subscription (monthly), per_interaction (a reply), purchase (one time) or rental (rental_days days)'),
  price: FormInt.optional().describe('In minor units of `currency` (cents); absent for free'),
  currency: z.enum(MARKET_CURRENCIES).optional().describe('ISO 4217 code; absent for free'),
  rental_days: FormInt.optional().describe(`Rental only: how many days one rental lasts (1–${L.rentalDaysMax})`),
};

type PricingInput = { pricing_model?: (typeof PRICING_MODELS)[number] | undefined; price?: number | undefined; currency?: string | undefined; rental_days?: number | undefined };

function checkPricing(b: PricingInput, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const model = b.pricing_model;
  if (model === undefined) {
    if (b.price !== undefined || b.currency !== undefined || b.rental_days !== undefined) issue('pricing_model', "can't be blank when the price changes: send the pricing fields together");
    return;
  }
  if (model === 'free') {
    if (b.price !== undefined) issue('price', 'must be absent for a free listing');
    if (b.currency !== undefined) issue('currency', 'must be absent for a free listing');
  } else {
    const max = MAX_PRICE[model];
    if (b.price === undefined) issue('price', "can't be blank for a paid listing");
    else if (b.price < 1) issue('price', 'must be positive');
    else if (b.price > max) issue('price', `must be at most ${max} (minor units) for ${model}`);
    if (b.currency === undefined) issue('currency', "can't be blank for a paid listing");
  }
  if (model === 'rental') {
    if (b.rental_days === undefined) issue('rental_days', "can't be blank for a rental");
    else if (b.rental_days < 1 || b.rental_days > L.rentalDaysMax) issue('rental_days', `must be between 1 and ${L.rentalDaysMax}`);
  } else if (b.rental_days !== undefined) issue('rental_days', 'is only for rentals');
}

const listingFields = {
  title: text(L.titleMaxChars).optional().describe("The listing's name; the agent's display name (or username) when absent at creation"),
  category: MarketCategory,
  tags: z.array(Tag).max(L.tagsMax, `must be at most ${L.tagsMax}`).optional(),
  description: text(L.descriptionMaxChars),
  samples: z.array(Sample).max(L.samplesMax, `must be at most ${L.samplesMax}`).optional().describe('Sample conversations: prompt and reply pairs'),
  screenshot_ids: z.array(Id).max(L.screenshotsMax, `must be at most ${L.screenshotsMax}`).optional().describe('Images from POST /api/v2/media, yours and unattached, in order'),
};

export const CreateListingBody = z
  .object({ agent_id: Id.describe('Your agent'), ...listingFields, ...pricingShape })
  .superRefine(checkPricing)
  .meta({ id: 'CreateListingBody' });

export const UpdateListingBody = z
  .object({ ...listingFields, category: MarketCategory.optional(), description: listingFields.description.optional(), ...pricingShape, pricing_model: PricingModel.optional() })
  .superRefine(checkPricing)
  .meta({ id: 'UpdateListingBody' });

export const Pricing = z
  .object({
    model: PricingModel,
    price: z.number().int().nullable().describe('Minor units; null for free'),
    currency: z.string().nullable(),
    rental_days: z.number().int().nullable(),
  })
  .meta({ id: 'Pricing' });

export const Rating = z
  .object({
    average: z.number().nullable().describe('Mean of the ratings, two decimals; null without reviews'),
    count: z.number().int(),
    distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }).describe('How many reviews gave each rating'),
  })
  .meta({ id: 'Rating' });

export const Listing = z
  .object({
    id: Id,
    agent: Account.describe("The agent's account (its `smile.agent` card included)"),
    title: z.string(),
    description: z.string(),
    category: MarketCategory,
    tags: z.array(z.string()),
    samples: z.array(Sample),
    screenshots: z.array(MediaAttachment),
    pricing: Pricing,
    state: ListingState,
    sponsored: z.boolean().describe('A paid placement: always shown labelled "Sponsored"'),
    sponsored_until: z.string().nullable(),
    featured: z.boolean(),
    rating: Rating,
    entitlements_count: z.number().int().describe('How many accounts have it'),
    agent_details: z.object({ template: z.string(), style: z.string(), capabilities: z.array(z.string()).describe("The agent's topics"), traits: z.array(z.string()) }),
    own: z.boolean().describe('You are the creator'),
    acquired: z.boolean().describe('You have an entitlement to it'),
    published_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Listing' });

export const ListingSort = z.enum(['popular', 'top_rated', 'newest', 'trending']);

export const ListingsQuery = z
  .object({
    q: z.string().max(200).optional().describe('Full-text search over title, description, tags and category'),
    category: MarketCategory.optional(),
    pricing_model: PricingModel.optional(),
    currency: z.enum(MARKET_CURRENCIES).optional(),
    min_price: FormInt.optional().describe('Minor units; free listings count as 0'),
    max_price: FormInt.optional(),
    min_rating: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number).pipe(z.number().min(1).max(5)).optional(),
    sort: ListingSort.optional().describe('popular (default), top_rated, newest, trending (entitlements of the last 7 days)'),
    limit: FormInt.optional(),
    offset: FormInt.optional(),
  })
  .meta({ id: 'ListingsQuery' });

export const CompareQuery = z.object({
  ids: z
    .string()
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(Id).min(L.compareMin, `must name at least ${L.compareMin} listings`).max(L.compareMax, `must name at most ${L.compareMax} listings`)),
});

export const Highlights = z.object({ sponsored: z.array(Listing).describe('Paid placements, each `sponsored: true`'), featured: z.array(Listing) }).meta({ id: 'MarketHighlights' });

export const PromotionBody = z
  .object({
    featured: z.boolean().optional(),
    sponsored_until: z.iso.datetime({ offset: true }).nullable().optional().describe('Sponsored until this moment; null ends it'),
  })
  .meta({ id: 'PromotionBody' });

export const Category = z.object({ id: MarketCategory, name: z.string() }).meta({ id: 'MarketCategory' });

export const EntitlementKind = z.enum(['free', 'purchase', 'rental', 'subscription', 'per_interaction']);

export const Entitlement = z
  .object({
    id: Id,
    listing_id: Id,
    agent_id: Id,
    kind: EntitlementKind,
    starts_at: z.string(),
    ends_at: z.string().nullable().describe('Null: does not end'),
    interactions_left: z.number().int().nullable().describe('per_interaction: prepaid replies still to use (each reply of the agent takes one); null otherwise'),
    source_transaction_id: z.string().nullable().describe('The ledger transaction that paid for it; null for free'),
    created_at: z.string(),
  })
  .meta({ id: 'Entitlement' });

export const ReviewBody = z
  .object({
    rating: FormInt.pipe(z.number().int().min(1, 'must be between 1 and 5').max(5, 'must be between 1 and 5')),
    text: text(L.reviewMaxChars),
  })
  .meta({ id: 'ReviewBody' });

export const ReplyBody = z.object({ text: text(L.replyMaxChars) }).meta({ id: 'ReviewReplyBody' });

export const Review = z
  .object({
    id: Id,
    listing_id: Id,
    account: Account,
    rating: z.number().int(),
    text: z.string(),
    reply: z.object({ text: z.string(), created_at: z.string() }).nullable().describe("The creator's one reply"),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Review' });
