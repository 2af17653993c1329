/** How a subscription and a pack of replies read to their buyer: state, renewal, replies left. */
import { formatPrice } from '../../../shared/market/catalog';
import type { Entitlement, Subscription } from '../api/types';
import { longDate } from './orderText';

/** What it costs: a month, or (metered) a reply. */
export const monthlyPrice = (s: Subscription): string => `${formatPrice(s.price, s.currency)} ${s.billing === 'metered' ? 'a reply, billed monthly' : 'a month'}`;

/** A metered subscription's month so far: replies used, what they come to, the limit. */
export function usageText(s: Subscription): string | null {
  if (!s.usage || s.usage_limit === null) return null;
  const { interactions, amount } = s.usage;
  return `This month: ${interactions} of ${s.usage_limit} ${s.usage_limit === 1 ? 'reply' : 'replies'} used, ${formatPrice(amount, s.currency)} so far`;
}

/** The state in words, with the date that matters for it. */
export function subscriptionStateText(s: Subscription): string {
  switch (s.state) {
    case 'incomplete':
      return 'Waiting for the payment provider';
    case 'incomplete_expired':
      return 'First payment refused';
    case 'active':
      return s.cancel_at_period_end ? `Canceled: ends on ${longDate(s.current_period_end)}` : 'Active';
    case 'past_due':
      return s.billing === 'metered'
        ? `Past due: the last bill was refused; replies wait until it is paid (retried until ${longDate(s.grace_until ?? s.current_period_end)})`
        : `Past due: the last payment was refused; the agent stays yours until ${longDate(s.grace_until ?? s.current_period_end)} while it is retried`;
    case 'canceled':
      return s.ended_at ? `Canceled: ended on ${longDate(s.ended_at)}` : 'Canceled';
    case 'lapsed':
      return s.ended_at ? `Lapsed unpaid on ${longDate(s.ended_at)}` : 'Lapsed unpaid';
  }
}

/** The next charge, when one is coming; null otherwise. */
export function renewalText(s: Subscription): string | null {
  if (s.billing === 'metered') {
    if (s.state === 'active') return `This month's replies are billed on ${longDate(s.current_period_end)}`;
    if (s.state === 'past_due') return 'The unpaid bill is retried daily; a new card is tried within minutes';
    return null;
  }
  const amount = formatPrice(s.price, s.currency);
  if (s.state === 'active' && !s.cancel_at_period_end) return `Renews on ${longDate(s.current_period_end)} for ${amount}`;
  if (s.state === 'past_due') return `${amount} is retried daily; a new card is tried within minutes`;
  return null;
}

/** Replies still to use of a per-interaction listing, over all its packs in force. */
export function repliesLeft(entitlements: Entitlement[], listingId: string, now = Date.now()): number {
  return entitlements
    .filter((e) => e.listing_id === listingId && e.kind === 'per_interaction' && Date.parse(e.starts_at) <= now && (e.ends_at === null || Date.parse(e.ends_at) > now))
    .reduce((sum, e) => sum + (e.interactions_left ?? 0), 0);
}

export const repliesText = (n: number): string => `${n} ${n === 1 ? 'reply' : 'replies'} left`;
