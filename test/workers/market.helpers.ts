/** Marketplace test helpers: a creator's listing through the API, published or not. */
import { type TestUser, call, createAgent, json } from './helpers';

export const listingBody = (agentId: string, extra: Record<string, unknown> = {}) => ({
  agent_id: agentId,
  category: 'entertainment',
  description: 'Tells jokes about cats and computers',
  tags: ['jokes', 'cats'],
  samples: [{ prompt: 'Tell me a joke', reply: 'Why did the cat sit on the keyboard? To keep an eye on the mouse.' }],
  pricing_model: 'free',
  ...extra,
});

/** Creates an agent for `owner` and lists it; published unless told otherwise. */
export async function listAgent(owner: TestUser, extra: Record<string, unknown> = {}, publish = true): Promise<Record<string, any>> {
  const agent = await createAgent(owner);
  const res = await call('/api/v1/market/listings', { token: owner.token, json: listingBody(agent.id, extra) });
  if (res.status !== 200) throw new Error(`listing failed: ${res.status} ${await res.text()}`);
  const listing = await json(res);
  if (!publish) return listing;
  const pub = await call(`/api/v1/market/listings/${listing.id}/publish`, { token: owner.token, method: 'POST' });
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${await pub.text()}`);
  return json(pub);
}

export async function getListing(buyer: TestUser, id: string): Promise<Response> {
  return call(`/api/v1/market/listings/${id}/get`, { token: buyer.token, method: 'POST' });
}
