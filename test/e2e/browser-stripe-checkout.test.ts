/**
 * Checkout with Stripe in a real browser against the real Worker (`npm run build:web` first): the
 * Worker runs the Stripe provider against the local stand-in for api.stripe.com
 * (test/stripe-stand-in.ts), and Stripe.js — unreachable offline — is served in place of
 * js.stripe.com by a stand-in of its documented API (stripe-js-stand-in.ts), whose card Element is
 * an iframe of js.stripe.com as Stripe's is, so the page's Content-Security-Policy is exercised.
 * A buyer is stopped by Stripe.js on an incomplete number, declined by Stripe, then pays; only
 * `pm_…` ids reach SMILE and Stripe charges them; no card number ever goes to SMILE. Without
 * Stripe.js (offline) the form says so and can try again; Plans takes the same card form.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { listenStripeStandIn, type RecordedRequest } from '../stripe-stand-in';
import { logIn, publishAgentListing, signUpViaApi, unique, useBrowser } from './browser';
import { CARD_FRAME, CARD_FRAME_URL, CHALLENGE_FRAME, CHALLENGE_FRAME_URL, STRIPE_JS } from './stripe-js-stand-in';

const stripeApi = await listenStripeStandIn();
afterAll(() => stripeApi.close());
const PUBLISHABLE_KEY = 'pk_test_standin0123456789';
const site = useBrowser(undefined, [], {
  vars: {
    PAYMENTS_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: stripeApi.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: 'whsec_standin_0123456789abcdef',
    STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    STRIPE_API_BASE: stripeApi.STRIPE_API_BASE,
  },
});
/** A payment crosses the Worker, the ledger's Postgres and Stripe's stand-in: on a loaded machine that takes a while. */
const paying = { timeout: 60_000 };
const STRIPE_JS_FILES = /^https:\/\/js\.stripe\.com\/v3/;

async function get(path: string, token: string) {
  const res = await fetch(`${site.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * Serves the Stripe.js stand-in at js.stripe.com for every page of `context`, its 3-D Secure page at
 * hooks.stripe.com, and hands what that page sends to api.stripe.com to the API stand-in.
 */
async function serveStripeJs(context: BrowserContext) {
  await context.route(STRIPE_JS_FILES, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/v3' || path === '/v3/') return route.fulfill({ contentType: 'text/javascript', body: STRIPE_JS });
    if (path === new URL(CARD_FRAME_URL).pathname) return route.fulfill({ contentType: 'text/html', body: CARD_FRAME });
    return route.fulfill({ status: 404 });
  });
  await context.route(CHALLENGE_FRAME_URL + '*', (route) => route.fulfill({ contentType: 'text/html', body: CHALLENGE_FRAME }));
  await context.route('https://api.stripe.com/__stand-in/authenticate', async (route) => {
    const res = await fetch(`${stripeApi.STRIPE_API_BASE}/__stand-in/authenticate`, { method: 'POST', body: route.request().postData() ?? '' });
    await route.fulfill({ status: res.status, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: await res.text() });
  });
}

/** Types a card into the card Element's iframe. */
async function typeCard(page: Page, number: string, expiry = '12 / 34', cvc = '123') {
  const frame = page.frameLocator('iframe[title="Secure card payment input frame"]');
  await frame.getByLabel('Credit or debit card number').fill(number);
  await frame.getByLabel('Credit or debit card expiration date').fill(expiry);
  await frame.getByLabel('Credit or debit card CVC/CVV').fill(cvc);
}

describe('checkout with Stripe Elements', () => {
  test('Stripe.js refuses an incomplete number, Stripe declines a card, then a card pays: only pm_ ids reach SMILE, Stripe charges them, and no card number is sent to SMILE', async () => {
    const creatorToken = await signUpViaApi(site.server.url, unique('ada'));
    const buyerName = unique('shop');
    const buyerToken = await signUpViaApi(site.server.url, buyerName);
    const title = `Copy ${unique('w')}`;
    const listing = await publishAgentListing(site.server.url, creatorToken, title, { pricing_model: 'purchase', price: 1999 });
    // The ledger's Postgres boots on the first money call: start it now, not under the first payment.
    expect(await get('/api/v1/payments/orders', buyerToken)).toEqual([]);

    const page = await site.newPage();
    await serveStripeJs(page.context());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    const sent: Request[] = [];
    page.on('request', (r) => sent.push(r));
    await logIn(page, buyerName);
    await page.goto(`/marketplace/${listing.id}`);

    const checkout = page.getByRole('region', { name: 'Checkout' });
    const card = checkout.getByRole('form', { name: 'Card' });
    await card.getByRole('group', { name: 'Card details' }).waitFor();
    const pay = card.getByRole('button', { name: 'Pay EUR 19.99' });
    await expect.poll(() => pay.isEnabled()).toBe(true);
    // The test provider's form is not there: no number field of the page's own, no test cards list.
    expect(await checkout.getByText('4242 4242 4242 4242 succeeds').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Card number' }).count()).toBe(0);

    // Stripe.js came from js.stripe.com (the stand-in), and its card Element is a frame of js.stripe.com.
    expect(sent.filter((r) => r.url() === 'https://js.stripe.com/v3')).toHaveLength(1);
    // The button waits for Stripe.js, not for the Element's frame to load: polled.
    await expect.poll(() => page.frames().filter((f) => f.url().startsWith(CARD_FRAME_URL)).length).toBe(1);
    await expect.poll(() => card.getByRole('group', { name: 'Card details' }).getAttribute('class')).toContain('StripeElement');

    // Stripe.js's own check: nothing is sent to SMILE.
    await typeCard(page, '4242 4242');
    await pay.click();
    await card.getByRole('alert').getByText('Your card number is incomplete.').waitFor();

    // Stripe declines the card: SMILE shows Stripe's message and grants nothing.
    await typeCard(page, '4000 0000 0000 0002');
    await pay.click();
    await checkout.getByRole('alert').getByText('Payment declined: Your card was declined.').waitFor(paying);
    expect(await get('/api/v1/market/entitlements', buyerToken)).toEqual([]);

    await typeCard(page, '4242 4242 4242 4242');
    await pay.click();
    const receipt = page.getByRole('status').filter({ hasText: 'Paid:' });
    await receipt.getByText(/Held in escrow until \w+/).waitFor(paying);
    await receipt.getByText('visa •••• 4242').waitFor();

    // SMILE got the payment method ids, one attempt each, and nothing else about the card.
    const checkouts = sent.filter((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/market/listings/${listing.id}/checkout`));
    expect(checkouts.map((r) => r.postDataJSON())).toEqual([{ payment_method: 'pm_card_visa_chargeDeclined' }, { payment_method: 'pm_card_visa' }]);
    const toSmile = sent.filter((r) => r.url().startsWith(site.server.url));
    expect(toSmile.length).toBeGreaterThan(5);
    for (const r of toSmile) {
      const seen = `${r.url()} ${r.postData() ?? ''}`.replace(/[\s-]/g, '');
      for (const digits of ['4242424242424242', '4000000000000002', '42424242']) expect(seen).not.toContain(digits);
    }

    // Stripe was asked to charge exactly those payment methods, for these orders.
    const orders = (await get('/api/v1/payments/orders', buyerToken)) as { id: string; state: string }[];
    expect(orders.map((o) => o.state)).toEqual(['succeeded', 'failed']);
    const intents = (await (await fetch(`${stripeApi.STRIPE_API_BASE}/__stand-in/requests?path=/v1/payment_intents`)).json()) as RecordedRequest[];
    const charged = orders.map((o) => intents.filter((r) => r.form['metadata[order_id]'] === o.id).map((r) => [r.form.payment_method, r.form.amount, r.form.confirm]));
    expect(charged).toEqual([[['pm_card_visa', '1999', 'true']], [['pm_card_visa_chargeDeclined', '1999', 'true']]]);
    const entitlements = (await get('/api/v1/market/entitlements', buyerToken)) as { listing_id: string }[];
    expect(entitlements.map((e) => e.listing_id)).toEqual([listing.id]);
    expect(pageErrors).toEqual([]);
  });

  test("3-D Secure: Stripe.js shows the bank's challenge; failed, the payment is declined with Stripe's reason; completed, it pays", async () => {
    const creatorToken = await signUpViaApi(site.server.url, unique('ada'));
    const buyerName = unique('bea');
    const buyerToken = await signUpViaApi(site.server.url, buyerName);
    const listing = await publishAgentListing(site.server.url, creatorToken, `Guard ${unique('g')}`, { pricing_model: 'purchase', price: 1500 });
    expect(await get('/api/v1/payments/orders', buyerToken)).toEqual([]);

    const page = await site.newPage();
    await serveStripeJs(page.context());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, buyerName);
    await page.goto(`/marketplace/${listing.id}`);
    const checkout = page.getByRole('region', { name: 'Checkout' });
    const pay = checkout.getByRole('form', { name: 'Card' }).getByRole('button', { name: 'Pay EUR 15.00' });
    await expect.poll(() => pay.isEnabled()).toBe(true);
    await expect.poll(() => page.frames().filter((f) => f.url().startsWith(CARD_FRAME_URL)).length).toBe(1);
    await typeCard(page, '4000 0027 6000 3184');

    const challenge = page.frameLocator('iframe[title="3D Secure authentication"]');
    await pay.click();
    await challenge.getByRole('button', { name: 'Fail authentication' }).click(paying);
    await checkout.getByRole('alert').getByText('Payment declined: We are unable to authenticate your payment method.', { exact: false }).waitFor(paying);

    await pay.click();
    await challenge.getByRole('button', { name: 'Complete authentication' }).click(paying);
    await page.getByRole('status').filter({ hasText: 'Paid:' }).getByText('visa •••• 3184').waitFor(paying);

    // Stripe was asked on session (for Stripe.js to finish), and SMILE read each outcome back from Stripe.
    const orders = (await get('/api/v1/payments/orders', buyerToken)) as { id: string; state: string; failure: { code: string } | null }[];
    expect(orders.map((o) => [o.state, o.failure?.code ?? null])).toEqual([
      ['succeeded', null],
      ['failed', 'authentication_required'],
    ]);
    const intents = (await (await fetch(`${stripeApi.STRIPE_API_BASE}/__stand-in/requests?path=/v1/payment_intents`)).json()) as RecordedRequest[];
    for (const o of orders) expect(intents.filter((r) => r.form['metadata[order_id]'] === o.id).map((r) => r.form.use_stripe_sdk)).toEqual(['true']);
    expect(pageErrors).toEqual([]);
  });

  test('without Stripe.js (offline) the card form says so and takes no card, then loads on "Try again"; Plans pays through the same form', async () => {
    const name = unique('pia');
    const token = await signUpViaApi(site.server.url, name);
    expect(await get('/api/v1/payments/orders', token)).toEqual([]);
    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await page.context().route(STRIPE_JS_FILES, (route) => route.abort('internetdisconnected'));
    await logIn(page, name);
    await page.goto('/settings/plans');
    await page.getByRole('button', { name: 'Choose Creator Pro' }).click();

    const card = page.getByRole('form', { name: 'Card' });
    await card.getByRole('alert').getByText('Stripe’s card form could not be loaded from js.stripe.com. Check your connection and try again.').waitFor();
    expect(await card.getByRole('button', { name: /^Pay / }).isDisabled()).toBe(true);

    // Back online: the next try adds the script again.
    await page.context().unrouteAll();
    await serveStripeJs(page.context());
    await card.getByRole('button', { name: 'Try again' }).click();
    const pay = card.getByRole('button', { name: /^Pay .* a month$/ });
    await expect.poll(() => pay.isEnabled()).toBe(true);
    expect(await card.getByRole('alert').count()).toBe(0);
    await typeCard(page, '4242 4242 4242 4242');
    await pay.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your plan: Creator Pro' }).count(), paying).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
