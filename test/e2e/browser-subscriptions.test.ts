/**
 * Subscriptions and pay-per-interaction in a real browser against the real Worker (`npm run
 * build:web` first), with the offline test provider: a buyer subscribes to an agent with the
 * test card, sees the subscription active in My purchases, cancels it (it runs to the period
 * end), resumes it and changes its card, and finds the month's invoice; buys 2 replies of a per-interaction agent and sees them
 * left, then pays for its replies monthly instead (a metered subscription) and sees the month's
 * usage and changes its limit; and trying to chat with a paid agent not bought is sent to its listing.
 */
import type { Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { logIn, publishAgentListing, signUpViaApi, typeTestCard, unique, useBrowser } from './browser';

const site = useBrowser(undefined, undefined, { testScheduled: true });
/** A payment crosses the Worker, the ledger's Postgres and the test provider: on a loaded machine that takes a while. */
const paying = { timeout: 60_000 };
/** A long date as the page writes it (`longDate`), whatever the browser's language. */
const LONG_DATE = String.raw`\S+ \S+,? \d{4}`;

async function get(path: string, token: string) {
  const res = await fetch(`${site.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** A creator's agent, listed and published with the given pricing. */
async function listedAgent(token: string, name: string, pricing: { pricing_model: string; price: number }) {
  const { id: listingId, title, agentId } = await publishAgentListing(site.server.url, token, name, pricing);
  return { agentId, listingId, title };
}

describe('subscriptions and replies in the web client', () => {
  test('a buyer subscribes, cancels, resumes and changes the card, and finds the invoice; buys 2 replies, then pays for replies monthly; a paid agent not bought points to its listing', async () => {
    const creatorToken = await signUpViaApi(site.server.url, unique('ada'));
    const buyerName = unique('bea');
    const buyerToken = await signUpViaApi(site.server.url, buyerName);
    const tutor = await listedAgent(creatorToken, `Tutor ${unique('t')}`, { pricing_model: 'subscription', price: 999 });
    const oracle = await listedAgent(creatorToken, `Oracle ${unique('o')}`, { pricing_model: 'per_interaction', price: 25 });
    const scribe = await listedAgent(creatorToken, `Scribe ${unique('s')}`, { pricing_model: 'purchase', price: 500 });

    // The ledger's Postgres boots on the first money call: start it now, not under the first payment.
    expect(await get('/api/v1/payments/subscriptions', buyerToken)).toEqual([]);

    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    const sent: Request[] = [];
    page.on('request', (r) => sent.push(r));
    await logIn(page, buyerName);

    // Subscribe: the first month now, then monthly.
    await page.goto(`/marketplace/${tutor.listingId}`);
    const checkout = page.getByRole('region', { name: 'Checkout' });
    await checkout.getByText('EUR 9.99 today, then EUR 9.99 every month, cancel any time.').waitFor();
    await (await typeTestCard(page, '4242 4242 4242 4242')).getByRole('button', { name: 'Subscribe for EUR 9.99 a month' }).click();
    const subscribed = page.getByRole('status').filter({ hasText: 'Subscribed:' });
    await subscribed.getByText(new RegExp(`visa •••• 4242 · Active · Renews on ${LONG_DATE} for EUR 9\\.99`)).waitFor(paying);
    const subscribes = sent.filter((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/market/listings/${tutor.listingId}/subscribe`));
    expect(subscribes.map((r) => r.postDataJSON())).toEqual([{ payment_method: 'pm_card_visa' }]);
    expect(subscribes[0]!.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

    // My purchases: active; canceled, it runs to the period end; resumed, it renews again.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My purchases/ }).click();
    const item = page.getByRole('region', { name: 'Subscriptions' }).getByRole('listitem', { name: `Subscription to ${tutor.title}` });
    await item.getByText('Active', { exact: true }).waitFor();
    await item.getByText(new RegExp(`^Renews on ${LONG_DATE} for EUR 9\\.99$`)).waitFor();
    await item.getByRole('button', { name: 'Cancel at period end' }).click();
    await item.getByText(new RegExp(`^Canceled: ends on ${LONG_DATE}$`)).waitFor(paying);
    expect(await get('/api/v1/payments/subscriptions', buyerToken)).toMatchObject([{ listing_id: tutor.listingId, state: 'active', cancel_at_period_end: true }]);
    await page.screenshot({ path: 'test-results/subscriptions-canceled.png', fullPage: true });
    await item.getByRole('button', { name: 'Resume' }).click();
    await item.getByText(new RegExp(`^Renews on ${LONG_DATE} for EUR 9\\.99$`)).waitFor(paying);
    await item.getByRole('button', { name: 'Cancel at period end' }).waitFor();

    // Another card for the next renewals.
    await item.getByRole('button', { name: 'Update card' }).click();
    await (await typeTestCard(page, '5555 5555 5555 4444')).getByRole('button', { name: 'Use this card' }).click();
    await item.getByText('Card: mastercard •••• 4444').waitFor(paying);
    expect(await get('/api/v1/payments/subscriptions', buyerToken)).toMatchObject([{ state: 'active', cancel_at_period_end: false, card: { brand: 'mastercard', last4: '4444' } }]);

    // The month's invoice, issued by the reconciliation job (the cron, every 5 minutes).
    expect((await fetch(`${site.server.url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`)).status).toBe(200);
    const [month] = ((await get('/api/v1/payments/orders', buyerToken)) as { id: string; listing_id: string; invoice: { number: string } | null }[]).filter((o) => o.listing_id === tutor.listingId);
    expect(month?.invoice).toEqual({ id: expect.stringMatching(/^in_test_/), number: expect.stringMatching(/^TEST-\d{4}$/), url: null });
    await page.reload();
    await page.getByRole('listitem', { name: `Order ${month!.id}` }).getByText(`Invoice ${month!.invoice!.number}`).waitFor();

    // Two replies of a per-interaction agent: price × 2, one order, then 2 left.
    await page.goto(`/marketplace/${oracle.listingId}`);
    await page.getByText('0 replies left').waitFor();
    await page.getByLabel('Replies to buy').fill('2');
    await page.getByText('EUR 0.25 × 2 = EUR 0.50.', { exact: false }).waitFor();
    await (await typeTestCard(page, '4242 4242 4242 4242')).getByRole('button', { name: 'Pay EUR 0.50 for 2 replies' }).click();
    await page.getByRole('status').filter({ hasText: 'Paid:' }).getByText(/EUR 0\.50 with visa •••• 4242 for .* \(2 replies\)/).waitFor(paying);
    await page.getByText('2 replies left').waitFor(paying);
    const packs = sent.filter((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/market/listings/${oracle.listingId}/checkout`));
    expect(packs.map((r) => r.postDataJSON())).toEqual([{ payment_method: 'pm_card_visa', interactions: 2 }]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My purchases/ }).click();
    await page.getByRole('region', { name: 'Replies' }).getByRole('listitem', { name: `Replies of ${oracle.title}` }).getByText('2 replies left').waitFor();

    // Or the replies on the monthly bill: nothing charged now, at most 5 a month.
    await page.goto(`/marketplace/${oracle.listingId}`);
    await page.getByLabel('Pay monthly for what you use').check();
    await page.getByLabel('Most replies a month').fill('5');
    await page.getByText('at most 5 replies, EUR 1.25 a month', { exact: false }).waitFor();
    await (await typeTestCard(page, '4242 4242 4242 4242')).getByRole('button', { name: 'Start paying monthly' }).click();
    await page.getByRole('status').filter({ hasText: 'Paying monthly:' }).getByText(/This month: 0 of 5 replies used, EUR 0\.00 so far · Active/).waitFor(paying);
    const metered = sent.filter((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/market/listings/${oracle.listingId}/subscribe`));
    expect(metered.map((r) => r.postDataJSON())).toEqual([{ payment_method: 'pm_card_visa', usage_limit: 5 }]);
    // Three replies: the pack's two first, then one on the bill.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${site.server.url}/api/v1/agents/${oracle.agentId}/chat`, { method: 'POST', headers: { authorization: `Bearer ${buyerToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'One idea, please' }) });
      expect(res.status).toBe(200);
      await res.text();
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My purchases/ }).click();
    const usage = page.getByRole('region', { name: 'Subscriptions' }).getByRole('listitem', { name: `Subscription to ${oracle.title}` });
    await usage.getByText('This month: 1 of 5 replies used, EUR 0.25 so far').waitFor();
    await usage.getByText(new RegExp(`^This month's replies are billed on ${LONG_DATE}$`)).waitFor();
    await usage.getByLabel('Most replies a month').fill('8');
    await usage.getByRole('button', { name: 'Save limit' }).click();
    await usage.getByText('This month: 1 of 8 replies used, EUR 0.25 so far').waitFor(paying);
    await page.screenshot({ path: 'test-results/subscriptions-my-purchases.png', fullPage: true });

    // A paid agent not bought: the chat says where to get it.
    await page.goto(`/agents/${scribe.agentId}/chat`);
    await page.getByLabel(`Message to ${scribe.title}`).fill('Hello, can you help?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'This agent is sold on the marketplace.' });
    await notice.waitFor(paying);
    await notice.getByRole('link', { name: 'See its listing' }).click();
    await page.getByRole('heading', { name: scribe.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/marketplace/${scribe.listingId}`);
    expect(pageErrors).toEqual([]);
  });
});
