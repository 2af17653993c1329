import { z } from 'zod';
import { Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { Category, CompareQuery, CreateListingBody, Entitlement, Highlights, Listing, ListingsQuery, PromotionBody, ReplyBody, Review, ReviewBody, UpdateListingBody } from '../schemas/market';
import { endpoint } from './endpoint';

const tags = ['Marketplace'] as const;
const byId = z.object({ id: Id });

/**
 * SMILE extension: the marketplace. A listing is an agent its owner publishes with a pricing
 * model; people find it, get it (free listings; paid ones through checkout, later) and review
 * it. Mastodon has no marketplace scopes, so these use the top-level `read` and `write`.
 */
export const marketApi = {
  categories: endpoint({ method: 'get', path: '/api/v1/market/categories', summary: 'The fixed list of marketplace categories', tags, auth: 'public', response: z.array(Category) }),
  create: endpoint({ method: 'post', path: '/api/v1/market/listings', summary: 'List your agent (one listing per agent); it starts as a draft only you see', tags, auth: 'user', scope: 'write', body: CreateListingBody, response: Listing, rateLimit: 'post' }),
  discover: endpoint({ method: 'get', path: '/api/v1/market/listings', summary: 'Published listings: by category, full-text search, pricing, price range and rating, sorted popular, top-rated, newest or trending; paged by offset with a Link header. Sponsored listings are not mixed in (see highlights)', tags, auth: 'public', query: ListingsQuery, response: z.array(Listing) }),
  mine: endpoint({ method: 'get', path: '/api/v1/market/listings/mine', summary: 'Your listings in every state, newest first', tags, auth: 'user', scope: 'read', query: PageQuery, response: z.array(Listing) }),
  highlights: endpoint({ method: 'get', path: '/api/v1/market/highlights', summary: 'The sponsored slot (always labelled) and the featured listings', tags, auth: 'public', query: z.object({ category: ListingsQuery.shape.category }), response: Highlights }),
  compare: endpoint({ method: 'get', path: '/api/v1/market/compare', summary: '2 to 3 listings side by side (`ids=a,b,c`): pricing, rating, style, template and capabilities', tags, auth: 'public', query: CompareQuery, response: z.array(Listing) }),
  get: endpoint({ method: 'get', path: '/api/v1/market/listings/:id', summary: 'A listing: a draft only for its creator, a delisted one only for its creator and those who have it', tags, auth: 'public', params: byId, response: Listing }),
  update: endpoint({ method: 'patch', path: '/api/v1/market/listings/:id', summary: 'Edit your listing; pricing fields are sent together', tags, auth: 'user', scope: 'write', params: byId, body: UpdateListingBody, response: Listing }),
  publish: endpoint({ method: 'post', path: '/api/v1/market/listings/:id/publish', summary: 'Publish your listing (not while the agent is paused or private)', tags, auth: 'user', scope: 'write', params: byId, response: Listing }),
  delist: endpoint({ method: 'post', path: '/api/v1/market/listings/:id/delist', summary: 'Take your listing off the marketplace; those who have it keep it', tags, auth: 'user', scope: 'write', params: byId, response: Listing }),
  promote: endpoint({ method: 'put', path: '/api/v1/admin/market/listings/:id/promotion', summary: 'Feature a listing or sponsor it until a moment (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: PromotionBody, response: Listing }),
  acquire: endpoint({ method: 'post', path: '/api/v1/market/listings/:id/get', summary: 'Get a free listing: an entitlement at once (idempotent). Paid listings go through checkout', tags, auth: 'user', scope: 'write', params: byId, response: Entitlement }),
  entitlements: endpoint({ method: 'get', path: '/api/v1/market/entitlements', summary: 'What you have: your entitlements, newest first', tags, auth: 'user', scope: 'read', query: PageQuery, response: z.array(Entitlement) }),
  reviews: endpoint({ method: 'get', path: '/api/v1/market/listings/:id/reviews', summary: "A listing's reviews, newest first", tags, auth: 'public', params: byId, query: PageQuery, response: z.array(Review) }),
  review: endpoint({ method: 'post', path: '/api/v1/market/listings/:id/reviews', summary: 'Review a listing you have (one review per account: a second is 409, edit with PUT)', tags, auth: 'user', scope: 'write', params: byId, body: ReviewBody, response: Review }),
  editReview: endpoint({ method: 'put', path: '/api/v1/market/listings/:id/reviews', summary: 'Write or replace your review of a listing you have', tags, auth: 'user', scope: 'write', params: byId, body: ReviewBody, response: Review }),
  reply: endpoint({ method: 'post', path: '/api/v1/market/reviews/:id/reply', summary: "The creator's one reply to a review of their listing", tags, auth: 'user', scope: 'write', params: byId, body: ReplyBody, response: Review }),
} as const;
