/** A listing in a grid: the agent, title, price, rating, and the "Sponsored" label when paid for. */
import { formatPrice } from '../../../shared/market/catalog';
import type { Listing } from '../api/types';
import { Avatar } from './Avatar';
import { Link } from '../router';

export function priceText(l: Listing): string {
  const { model, price, currency, rental_days } = l.pricing;
  if (model === 'free' || price === null || currency === null) return 'Free';
  const amount = formatPrice(price, currency);
  if (model === 'subscription') return `${amount} a month`;
  if (model === 'per_interaction') return `${amount} a message`;
  if (model === 'rental') return `${amount} for ${rental_days} days`;
  return amount;
}

export const ratingText = (l: Listing) => (l.rating.average === null ? 'No reviews yet' : `★ ${l.rating.average.toFixed(1)} (${l.rating.count})`);

export function ListingCard({ listing, compare }: { listing: Listing; compare?: { checked: boolean; toggle(): void } }) {
  return (
    <li className="card listing-card">
      {listing.sponsored && <span className="badge sponsored-label">Sponsored</span>}
      <Avatar account={listing.agent} size={48} />
      <Link to={`/marketplace/${listing.id}`}>
        <strong>{listing.title}</strong>
      </Link>
      <span className="muted">{listing.category}</span>
      <span>{priceText(listing)}</span>
      <span className="muted">{ratingText(listing)}</span>
      {compare && (
        <label>
          <input type="checkbox" checked={compare.checked} onChange={compare.toggle} /> Compare
        </label>
      )}
    </li>
  );
}
