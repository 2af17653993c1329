/** "List in marketplace" for one of my agents: the listing's fields and pricing; saving publishes it. */
import { useState } from 'react';
import { MARKET_CATEGORIES, MARKET_CURRENCIES, PRICING_MODELS } from '../../../../shared/market/catalog';
import { listAgentInMarket } from '../../api/market';
import type { Agent, Listing } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { TextArea, TextField } from '../Field';
import { FormAlert } from '../FormAlert';
import { Link } from '../../router';

export function ListInMarketForm({ agent, listing, saved }: { agent: Agent; listing: Listing | undefined; saved(l: Listing): void }) {
  const [title, setTitle] = useState(listing?.title ?? (agent.account.display_name || agent.account.username));
  const [category, setCategory] = useState<string>(listing?.category ?? 'other');
  const [description, setDescription] = useState(listing?.description ?? '');
  const [tags, setTags] = useState(listing?.tags.join(', ') ?? '');
  const [model, setModel] = useState<string>(listing?.pricing.model ?? 'free');
  const [price, setPrice] = useState(listing?.pricing.price ? (listing.pricing.price / 100).toFixed(2) : '');
  const [currency, setCurrency] = useState(listing?.pricing.currency ?? 'USD');
  const [days, setDays] = useState(String(listing?.pricing.rental_days ?? 30));
  const action = useAction();
  const paid = model !== 'free';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const draft = {
      title,
      category,
      description,
      tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
      pricing_model: model,
      ...(paid ? { price: Math.round(Number(price) * 100), currency } : {}),
      ...(model === 'rental' ? { rental_days: Number(days) } : {}),
    };
    const l = await action.run(() => listAgentInMarket(agent.id, listing, draft));
    if (l) saved(l);
  };

  return (
    <form className="card list-in-market" onSubmit={submit} aria-label={`List ${agent.account.username} in the marketplace`}>
      <FormAlert error={action.error} fields={['title', 'category', 'description', 'tags', 'price', 'currency', 'rental_days', 'agent']} />
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={action.fieldError('title')} />
      <label>
        Category{' '}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          {MARKET_CATEGORIES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <TextArea label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={action.fieldError('description')} />
      <TextField label="Tags" hint="Separated by commas" value={tags} onChange={(e) => setTags(e.target.value)} error={action.fieldError('tags')} />
      <label>
        Pricing{' '}
        <select value={model} onChange={(e) => setModel(e.target.value)}>
          {PRICING_MODELS.map((m) => (
            <option key={m} value={m}>
              {m.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      {paid && (
        <>
          <TextField label="Price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={action.fieldError('price')} />
          <label>
            Currency{' '}
            <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {MARKET_CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {model === 'rental' && <TextField label="Rental days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={action.fieldError('rental_days')} />}
      <div className="button-row">
        <button className="button button-primary" disabled={action.busy}>
          Publish listing
        </button>
        {listing && <Link to={`/marketplace/${listing.id}`}>View listing ({listing.state})</Link>}
      </div>
    </form>
  );
}
