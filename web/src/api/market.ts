/** The marketplace: discovery, listings, compare, getting a free listing, reviews, listing your agent. */
import { api, apiPage, publicApi } from './client';
import type { Entitlement, Listing, MarketHighlights, Review } from './types';

const listingPath = (id: string) => `/api/v1/market/listings/${encodeURIComponent(id)}`;

export interface Discovery {
  q?: string;
  category?: string;
  pricing_model?: string;
  min_rating?: string;
  sort?: string;
}

const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as Record<string, string>;

export const discoverListings = (d: Discovery) => publicApi<Listing[]>('/api/v1/market/listings', { query: { ...defined(d), limit: '40' } });
export const getHighlights = (category?: string) => publicApi<MarketHighlights>('/api/v1/market/highlights', { query: defined({ category }) });
export const getListing = (id: string) => publicApi<Listing>(listingPath(id));
export const compareListings = (ids: string[]) => publicApi<Listing[]>('/api/v1/market/compare', { query: { ids: ids.join(',') } });
export const acquireListing = (id: string) => api<Entitlement>(`${listingPath(id)}/get`, { method: 'POST' });
/** All the viewer's entitlements, every page (a buyer holds a handful: one per purchase, rental, pack or paid month). */
export async function allEntitlements(): Promise<Entitlement[]> {
  const all: Entitlement[] = [];
  for (let path: string | null = '/api/v1/market/entitlements?limit=40'; path; ) {
    const page: { data: Entitlement[]; next: string | null } = await apiPage<Entitlement[]>(path);
    all.push(...page.data);
    path = page.data.length > 0 ? page.next : null;
  }
  return all;
}

export const listReviews = (id: string) => publicApi<Review[]>(`${listingPath(id)}/reviews`, { query: { limit: '40' } });
export const writeReview = (id: string, body: { rating: number; text: string }, method: 'POST' | 'PUT') => api<Review>(`${listingPath(id)}/reviews`, { method, body });
export const myListings = () => api<Listing[]>('/api/v1/market/listings/mine', { query: { limit: '40' } });

export interface ListingDraft {
  title: string;
  category: string;
  description: string;
  tags: string[];
  pricing_model: string;
  price?: number;
  currency?: string;
  rental_days?: number;
}

/** Creates the agent's listing (or updates the one it has), then publishes it. */
export async function listAgentInMarket(agentId: string, existing: Listing | undefined, draft: ListingDraft): Promise<Listing> {
  const listing = existing ? await api<Listing>(listingPath(existing.id), { method: 'PATCH', body: { ...draft } }) : await api<Listing>('/api/v1/market/listings', { body: { agent_id: agentId, ...draft } });
  return api<Listing>(`${listingPath(listing.id)}/publish`, { method: 'POST' });
}
