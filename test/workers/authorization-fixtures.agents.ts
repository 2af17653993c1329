/** Agents, their training, memory and drafts, listings and orders, each built by its owner for the matrix. */
import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { paymentOrders } from '../../workers/api/payments/schema';
import { newId } from '../../workers/api/lib/ids';
import { chat } from './agent-chat.helpers';
import { asOwner, type Fixture, type World } from './authorization-matrix';
import { type TestUser, call, createAgent, json, unique } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { buy, paidListing } from './payments.helpers';
import { settled, upload } from './training.helpers';


export async function agent(w: World, visibility: 'public' | 'private' = 'public'): Promise<Fixture> {
  const a = await createAgent(w.owner, { visibility });
  return { params: { id: a.id }, read: asOwner(w, `/api/v1/agents/${a.id}`) };
}
export const privateAgent = (w: World) => agent(w, 'private');

/** A training file the queue has ingested, of the owner's agent. */
export async function trainingFile(w: World): Promise<Fixture> {
  const f = await agent(w);
  const text = `The lighthouse keeper's secret recipe ${unique('r')} uses saffron.`;
  w.secrets.add(text);
  const file = await json(await upload(w.owner, f.params.id!, 'notes.txt', text));
  await settled(w.owner, f.params.id!, file.id);
  return { params: { id: f.params.id!, fileId: file.id }, query: 'q=lighthouse', read: asOwner(w, `/api/v1/agents/${f.params.id}/training`) };
}

export const trainingUpload = () => {
  const fd = new FormData();
  fd.set('file', new File(['Lighthouses guide ships at night.'], 'more.txt'));
  return fd;
};

/** The owner's conversation with their own private agent. */
export async function privateChat(w: World): Promise<Fixture> {
  const f = await privateAgent(w);
  await chat(w.owner, f.params.id!, 'I live in York.');
  w.secrets.add('I live in York').add('You live in York');
  return { params: f.params, body: { message: 'Hello there' }, read: asOwner(w, `/api/v1/agents/${f.params.id}/memory`) };
}

/** A fact the friend's public agent remembers about the owner. */
export async function fact(w: World): Promise<Fixture> {
  const a = await createAgent(w.friend);
  await chat(w.owner, a.id, 'I live in York.');
  w.secrets.add('I live in York').add('You live in York');
  const memory = await json(await call(`/api/v1/agents/${a.id}/memory`, { token: w.owner.token }));
  return { params: { id: a.id, factId: memory.facts[0].id }, body: { text: 'You live in Whitby' }, read: asOwner(w, `/api/v1/agents/${a.id}/memory`) };
}

/** A draft of the owner's approve-first agent, written as the posting job leaves one. */
export async function draft(w: World): Promise<Fixture> {
  const f = await agent(w);
  const id = newId();
  const text = `Draft about lighthouses ${unique('d')}`;
  w.secrets.add(text);
  await env.DB.prepare("INSERT INTO agent_posts (id, agent_id, slot_at, state, text, topic, moderation_action) VALUES (?, ?, ?, 'draft', ?, 'lighthouses', 'allow')")
    .bind(id, f.params.id, Date.now() - 60_000, text)
    .run();
  return { params: { id: f.params.id!, draftId: id }, body: { text: 'Lighthouses, edited' }, read: asOwner(w, `/api/v1/agents/${f.params.id}/drafts`) };
}

/** The owner's listing: a draft unless `publish`. */
export async function listing(w: World, publish = false): Promise<Fixture> {
  const l = await listAgent(w.owner, {}, publish);
  return { params: { id: l.id }, read: asOwner(w, `/api/v1/market/listings/${l.id}`) };
}
export const publishedListing = (w: World) => listing(w, true);

/** The owner's published listing after an admin took it off the marketplace. */
export async function delistedListing(w: World): Promise<Fixture> {
  const f = await publishedListing(w);
  const res = await call(`/api/v1/admin/market/listings/${f.params.id}/delist`, { token: w.admin.token, json: { reason: 'matrix' } });
  if (res.status !== 200) throw new Error(`delist: ${res.status} ${await res.text()}`);
  return f;
}

/** A review by the friend of the owner's free listing: the owner, its creator, may reply. */
export async function review(w: World): Promise<Fixture> {
  const l = await listAgent(w.owner);
  await call(`/api/v1/market/listings/${l.id}/get`, { token: w.friend.token, method: 'POST' });
  const res = await call(`/api/v1/market/listings/${l.id}/reviews`, { token: w.friend.token, json: { rating: 4, text: 'Good jokes' } });
  if (res.status !== 200) throw new Error(`review: ${res.status} ${await res.text()}`);
  const r = await json(res);
  return { params: { id: r.id }, body: { text: 'Thank you' }, read: asOwner(w, `/api/v1/market/listings/${l.id}/reviews`) };
}

async function order(buyer: TestUser, creator: TestUser): Promise<string> {
  const l = await paidListing(creator);
  const res = await buy(buyer, l.id);
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${await res.text()}`);
  await outOfVelocityWindow(buyer);
  return (await json(res)).id;
}

/**
 * The matrix's owner buys more in a few seconds than the fraud rules let an account buy in an
 * hour (one order or subscription per contract that needs one): its orders are moved back past
 * the rules' hour, which is not what is tested here.
 */
async function outOfVelocityWindow(buyer: TestUser): Promise<void> {
  await ledgerDb().update(paymentOrders).set({ createdAt: sql`${paymentOrders.createdAt} - interval '2 hours'` }).where(eq(paymentOrders.buyerAccountId, buyer.id));
}

/** An order the owner placed (as buyer) on the friend's paid listing. */
export async function boughtOrder(w: World): Promise<Fixture> {
  const id = await order(w.owner, w.friend);
  return { params: { id }, body: { reason: 'Not as described' }, read: asOwner(w, `/api/v1/payments/orders/${id}`) };
}

/** The owner's order, disputed by the owner: the money waits for an admin's decision. */
export async function disputedOrder(w: World): Promise<Fixture> {
  const f = await boughtOrder(w);
  const res = await call(`/api/v1/payments/orders/${f.params.id}/dispute`, { token: w.owner.token, json: { reason: 'Not as described' } });
  if (res.status !== 200) throw new Error(`dispute: ${res.status} ${await res.text()}`);
  return { ...f, body: { outcome: 'refund', reason: 'matrix' } };
}

/** An order the friend placed on the owner's paid listing: the owner, its creator, may refund. */
export async function soldOrder(w: World): Promise<Fixture> {
  const id = await order(w.friend, w.owner);
  return { params: { id }, body: { reason: 'Sorry' }, read: asOwner(w, `/api/v1/payments/orders/${id}`) };
}

/** The owner's subscription to one of the friend's two subscription listings. */
export async function subscription(w: World): Promise<Fixture> {
  const monthly = { pricing_model: 'subscription', price: 500, currency: 'EUR' };
  const [first, second] = [await listAgent(w.friend, monthly), await listAgent(w.friend, { ...monthly, price: 300 })];
  const res = await call(`/api/v1/market/listings/${first.id}/subscribe`, { token: w.owner.token, json: { payment_method: 'pm_card_visa' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  await outOfVelocityWindow(w.owner);
  const id = (await json(res)).id as string;
  return { params: { id }, headers: { 'Idempotency-Key': crypto.randomUUID() }, body: { listing_id: second.id }, read: asOwner(w, `/api/v1/payments/subscriptions/${id}`) };
}

/** The owner's metered subscription to the friend's per-interaction listing. */
export async function meteredSubscription(w: World): Promise<Fixture> {
  const listing = await listAgent(w.friend, { pricing_model: 'per_interaction', price: 20, currency: 'EUR' });
  const res = await call(`/api/v1/market/listings/${listing.id}/subscribe`, { token: w.owner.token, json: { payment_method: 'pm_card_visa', usage_limit: 10 }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  const id = (await json(res)).id as string;
  return { params: { id }, body: { usage_limit: 50 }, read: asOwner(w, `/api/v1/payments/subscriptions/${id}`) };
}

/** The same, cancelled: a cancellation the owner may undo. */
export async function cancelledSubscription(w: World): Promise<Fixture> {
  const f = await subscription(w);
  await call(`/api/v1/payments/subscriptions/${f.params.id}/cancel`, { token: w.owner.token, json: {} });
  return f;
}
