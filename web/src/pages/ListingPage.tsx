/** One listing at /marketplace/:id: description, samples, screenshots, pricing, "Get", checkout, subscribe or buy replies, reviews with their distribution. */
import { useState } from 'react';
import { acquireListing, getListing, listReviews, writeReview } from '../api/market';
import type { Listing, Order, Review } from '../api/types';
import { Avatar } from '../components/Avatar';
import { PurchaseCheckout } from '../components/checkout/Checkout';
import { OrderReceipt } from '../components/checkout/OrderReceipt';
import { PerInteractionCheckout } from '../components/checkout/PerInteractionCheckout';
import { SubscribeCheckout } from '../components/checkout/SubscribeCheckout';
import { TextArea } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { priceText, ratingText } from '../components/ListingCard';
import { Loaded } from '../components/Loaded';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';
import { useSession } from '../auth/SessionProvider';

function Distribution({ listing }: { listing: Listing }) {
  const { count, distribution } = listing.rating;
  return (
    <dl className="rating-distribution" aria-label="Rating distribution">
      {([5, 4, 3, 2, 1] as const).map((n) => (
        <div key={n}>
          <dt>{n}★</dt>
          <dd>
            <meter min={0} max={Math.max(count, 1)} value={distribution[n]} /> {distribution[n]}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ReviewForm({ listing, mine, done }: { listing: Listing; mine: Review | undefined; done(): void }) {
  const [rating, setRating] = useState(mine?.rating ?? 5);
  const [text, setText] = useState(mine?.text ?? '');
  const action = useAction();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await action.run(() => writeReview(listing.id, { rating, text }, mine ? 'PUT' : 'POST'))) done();
  };
  return (
    <form className="card review-form" onSubmit={submit} aria-label="Your review">
      <FormAlert error={action.error} fields={['rating', 'text']} />
      <label>
        Rating{' '}
        <select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {n}★
            </option>
          ))}
        </select>
      </label>
      <TextArea label="Review" value={text} onChange={(e) => setText(e.target.value)} error={action.fieldError('text')} />
      <button className="button button-primary" disabled={action.busy}>
        {mine ? 'Update review' : 'Post review'}
      </button>
    </form>
  );
}

/** A free or bought agent already had: the way to it. (Subscriptions and packs of replies run out: their panels say what is left instead.) */
const Owned = ({ listing }: { listing: Listing }) => (
  <p>
    You have this agent. <Link to={`/agents/${listing.agent.id}/chat`}>Chat with it</Link>
  </p>
);

export function ListingPage({ id }: { id: string }) {
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [listing] = useResource(() => getListing(id), [id, version]);
  const [reviews] = useResource(() => listReviews(id), [id, version]);
  const getting = useAction();
  const [paid, setPaid] = useState<Order | null>(null);
  useDocumentTitle(listing.state === 'ready' ? listing.data.title : 'Marketplace');
  const refresh = () => setVersion((v) => v + 1);
  const me = session.account?.id;

  return (
    <Loaded resource={listing}>
      {(l) => (
        <article className="listing-page">
          <header className="page-header">
            <Avatar account={l.agent} size={64} />
            <div>
              <h1>{l.title}</h1>
              {l.sponsored && <span className="badge sponsored-label">Sponsored</span>}
              <p className="muted">
                <Link to={`/@${l.agent.acct}`}>@{l.agent.acct}</Link> · {l.category} · {l.agent_details.template} · {l.agent_details.style}
              </p>
              <p aria-label="Average rating">{ratingText(l)}</p>
            </div>
          </header>
          <section className="card">
            <h2>Pricing</h2>
            <p className="listing-price">{priceText(l)}</p>
            {paid ? (
              <OrderReceipt order={paid} listing={l} />
            ) : l.own ? (
              <p className="muted">This is your listing ({l.state}).</p>
            ) : l.pricing.model === 'free' ? (
              l.acquired ? (
                <Owned listing={l} />
              ) : (
                <>
                  <FormAlert error={getting.error} />
                  <button className="button button-primary" disabled={getting.busy || !me} onClick={async () => (await getting.run(() => acquireListing(l.id))) && refresh()}>
                    Get
                  </button>
                </>
              )
            ) : !me ? (
              <p>
                <Link to="/login">Log in</Link> to buy this agent.
              </p>
            ) : l.pricing.model === 'subscription' ? (
              <SubscribeCheckout listing={l} />
            ) : l.pricing.model === 'per_interaction' ? (
              <PerInteractionCheckout listing={l} />
            ) : l.acquired ? (
              <Owned listing={l} />
            ) : (
              <PurchaseCheckout
                listing={l}
                onPaid={(order) => {
                  setPaid(order);
                  refresh();
                }}
              />
            )}
          </section>
          <section className="card">
            <h2>About</h2>
            <p className="listing-description">{l.description}</p>
            {l.tags.length > 0 && <p className="muted">{l.tags.map((t) => `#${t}`).join(' ')}</p>}
          </section>
          {l.samples.length > 0 && (
            <section className="card">
              <h2>Sample conversations</h2>
              {l.samples.map((s, i) => (
                <dl key={i} className="listing-sample">
                  <dt>You</dt>
                  <dd>{s.prompt}</dd>
                  <dt>{l.title}</dt>
                  <dd>{s.reply}</dd>
                </dl>
              ))}
            </section>
          )}
          {l.screenshots.length > 0 && (
            <section className="card listing-screenshots">
              <h2>Screenshots</h2>
              {l.screenshots.map((m) => (
                <img key={m.id} src={m.preview_url ?? m.url ?? undefined} alt={m.description || 'Screenshot'} />
              ))}
            </section>
          )}
          <section className="card" aria-label="Reviews">
            <h2>Reviews</h2>
            <Distribution listing={l} />
            <Loaded resource={reviews}>
              {(list) => (
                <>
                  {l.acquired && !l.own && <ReviewForm key={version} listing={l} mine={list.find((r) => r.account.id === me)} done={refresh} />}
                  <ul className="review-list">
                    {list.map((r) => (
                      <li key={r.id} className="review">
                        <strong>{'★'.repeat(r.rating)}</strong> <span className="muted">@{r.account.acct}</span>
                        <p>{r.text}</p>
                        {r.reply && <p className="review-reply">Creator: {r.reply.text}</p>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Loaded>
          </section>
          <p>
            <Link to="/marketplace">Back to the marketplace</Link>
          </p>
        </article>
      )}
    </Loaded>
  );
}
