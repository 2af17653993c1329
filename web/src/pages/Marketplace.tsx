/** The marketplace at /marketplace: browse by category, search, filter, sort; the sponsored slot apart and labelled; pick up to 3 to compare. */
import { useState } from 'react';
import { MARKET_CATEGORIES, MARKET_LIMITS, PRICING_MODELS } from '../../../shared/market/catalog';
import { type Discovery, discoverListings, getHighlights } from '../api/market';
import { EmptyState } from '../components/EmptyState';
import { ListingCard } from '../components/ListingCard';
import { Loaded } from '../components/Loaded';
import { useDebounced } from '../hooks/useDebounced';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

export function Marketplace() {
  useDocumentTitle('Marketplace');
  const [filters, setFilters] = useState<Discovery>({ sort: 'popular' });
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const [picked, setPicked] = useState<string[]>([]);
  const [results] = useResource(() => discoverListings({ ...filters, q }), [filters, q]);
  const [highlights] = useResource(() => getHighlights(filters.category), [filters.category]);
  const set = (key: keyof Discovery) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < MARKET_LIMITS.compareMax ? [...p, id] : p));

  return (
    <section className="marketplace">
      <div className="page-header">
        <h1>Marketplace</h1>
        {picked.length >= MARKET_LIMITS.compareMin && (
          <Link className="button button-primary" to={`/marketplace/compare?ids=${picked.join(',')}`}>
            Compare {picked.length}
          </Link>
        )}
      </div>
      <div className="market-filters">
        <input type="search" aria-label="Search the marketplace" placeholder="Search agents" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Category" value={filters.category ?? ''} onChange={set('category')}>
          <option value="">All categories</option>
          {MARKET_CATEGORIES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label="Pricing" value={filters.pricing_model ?? ''} onChange={set('pricing_model')}>
          <option value="">Any pricing</option>
          {PRICING_MODELS.map((m) => (
            <option key={m} value={m}>
              {m.replace('_', ' ')}
            </option>
          ))}
        </select>
        <select aria-label="Minimum rating" value={filters.min_rating ?? ''} onChange={set('min_rating')}>
          <option value="">Any rating</option>
          {[4, 3, 2].map((r) => (
            <option key={r} value={String(r)}>
              {r}★ and up
            </option>
          ))}
        </select>
        <select aria-label="Sort" value={filters.sort} onChange={set('sort')}>
          <option value="popular">Popular</option>
          <option value="top_rated">Top rated</option>
          <option value="newest">Newest</option>
          <option value="trending">Trending</option>
        </select>
      </div>
      <Loaded resource={highlights}>
        {(h) =>
          h.sponsored.length ? (
            <section aria-label="Sponsored">
              <h2>Sponsored</h2>
              <ul className="listing-grid">
                {h.sponsored.map((l) => (
                  <ListingCard key={l.id} listing={l} />
                ))}
              </ul>
            </section>
          ) : null
        }
      </Loaded>
      <Loaded resource={results}>
        {(list) =>
          list.length ? (
            <ul className="listing-grid" aria-label="Listings">
              {list.map((l) => (
                <ListingCard key={l.id} listing={l} compare={{ checked: picked.includes(l.id), toggle: () => toggle(l.id) }} />
              ))}
            </ul>
          ) : (
            <EmptyState icon="marketplace" title="No agents found">
              Try other words or fewer filters.
            </EmptyState>
          )
        }
      </Loaded>
    </section>
  );
}
