/**
 * Settings → Plans in a real browser against the real Worker (`npm run build:web` first), with
 * the offline test provider: a Creator Pro subscriber sees what switching to Business costs today,
 * pays it and is on Business; then chooses Creator Pro (it waits for the month's end, nothing
 * charged) and calls that off with "Keep Business"; then gives the plan a new card and finds the
 * invoices of the month and the upgrade. A card whose
 * bank asks for 3-D Secure buys a plan, and upgrades it, through the test bank's challenge.
 */
import { describe, expect, test } from 'vitest';
import { logIn, signUpViaApi, typeTestCard, unique, useBrowser } from './browser';

const site = useBrowser(undefined, undefined, { testScheduled: true });
/** A payment crosses the Worker, the ledger's Postgres and the test provider: on a loaded machine that takes a while. */
const paying = { timeout: 60_000 };

async function api(path: string, token: string, init: { method?: string; body?: object; key?: string } = {}) {
  const res = await fetch(`${site.server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.key ? { 'Idempotency-Key': init.key } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

describe('changing plan in the web client', () => {
  test('an upgrade shows its charge and takes effect; a downgrade waits and can be called off; the card changes', async () => {
    const name = unique('pia');
    const token = await signUpViaApi(site.server.url, name);
    await api('/api/v1/payments/tiers/creator_pro/subscribe', token, { method: 'POST', body: { payment_method: 'pm_card_visa' }, key: crypto.randomUUID() });

    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, name);
    await page.goto('/settings/plans');
    await expect.poll(() => page.getByRole('heading', { name: 'Your plan: Creator Pro' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Switch to Business' }).click();
    const upgrade = page.getByRole('group', { name: 'Switch to Business' });
    const quoted = (await upgrade.getByRole('button', { name: /^Pay .* and switch$/ }).textContent())!;
    // Nearly the whole month is left: nearly the whole difference, 49.99 − 9.99.
    expect(quoted).toMatch(/^Pay USD (39\.\d\d|40\.00) and switch$/);
    expect(await upgrade.textContent()).toContain(`You pay ${quoted.slice(4, -11)} today for the rest of this month`);
    await upgrade.getByRole('button', { name: quoted }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your plan: Business' }).count(), paying).toBe(1);
    const after = await api('/api/v1/payments/tiers', token);
    expect(after.subscription).toMatchObject({ tier: 'business', price: 4999, next_tier: null });

    await page.getByRole('button', { name: 'Switch to Creator Pro' }).click();
    const downgrade = page.getByRole('group', { name: 'Switch to Creator Pro' });
    expect(await downgrade.textContent()).toContain('Nothing is charged now.');
    await downgrade.getByRole('button', { name: /^Switch on / }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Switching to Creator Pro on' }).count(), paying).toBe(1);
    expect((await api('/api/v1/payments/tiers', token)).subscription).toMatchObject({ tier: 'business', next_tier: 'creator_pro' });

    await page.getByRole('button', { name: 'Keep Business' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Switching to Creator Pro on' }).count(), paying).toBe(0);
    expect((await api('/api/v1/payments/tiers', token)).subscription).toMatchObject({ tier: 'business', next_tier: null });

    // A new card for the renewals. (The plan reloads after "Keep Business": its card shows again once loaded.)
    await page.getByText('Card: visa •••• 4242').waitFor(paying);
    await page.getByRole('button', { name: 'Update card' }).click();
    await (await typeTestCard(page, '5555 5555 5555 4444')).getByRole('button', { name: 'Use this card' }).click();
    await page.getByText('Card: mastercard •••• 4444').waitFor(paying);
    expect((await api('/api/v1/payments/tiers', token)).subscription).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });

    // The first month's and the upgrade's invoices, issued by the reconciliation job (the cron, every 5 minutes).
    expect((await fetch(`${site.server.url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`)).status).toBe(200);
    await page.reload();
    const invoices = page.getByRole('region', { name: 'Invoices' }).getByRole('listitem');
    await expect.poll(() => invoices.allTextContents()).toEqual([
      expect.stringMatching(/^TEST-\d{4} · SMILE Business: upgrade from Creator Pro, for the rest of the month · USD (39\.\d\d|40\.00) · /),
      expect.stringMatching(/^TEST-\d{4} · SMILE Creator Pro: monthly plan · USD 9\.99 · /),
    ]);
    await page.screenshot({ path: 'test-results/plans-invoices.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test("a card whose bank asks for 3-D Secure buys a plan once the bank's challenge is completed, also when confirmed later, and upgrades it the same way", async () => {
    const name = unique('pia');
    const token = await signUpViaApi(site.server.url, name);
    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, name);
    await page.goto('/settings/plans');
    await page.getByRole('button', { name: 'Choose Creator Pro' }).click();
    const pay = (await typeTestCard(page, '4000 0027 6000 3184')).getByRole('button', { name: 'Pay USD 9.99 a month' });
    await pay.click();
    const bank = page.getByRole('dialog', { name: 'Confirm the payment with your bank' });
    await bank.getByRole('button', { name: 'Fail authentication' }).click(paying);
    await page.getByRole('alert').getByText('Payment declined: We are unable to authenticate your payment method.', { exact: false }).waitFor(paying);
    expect((await api('/api/v1/payments/tiers', token)).current).toMatchObject({ tier: 'free' });

    await pay.click();
    await bank.getByRole('button', { name: 'Complete authentication' }).click(paying);
    await expect.poll(() => page.getByRole('heading', { name: 'Your plan: Creator Pro' }).count(), paying).toBe(1);
    expect(await api('/api/v1/payments/tiers', token)).toMatchObject({ current: { tier: 'creator_pro' }, subscription: { state: 'active', card: { last4: '3184' }, next_action: null } });

    // The same card's bank asks again for the upgrade's charge.
    await page.getByRole('button', { name: 'Switch to Business' }).click();
    const upgrade = page.getByRole('group', { name: 'Switch to Business' });
    await upgrade.getByRole('button', { name: /^Pay .* and switch$/ }).click();
    await upgrade.getByRole('dialog', { name: 'Confirm the payment with your bank' }).getByRole('button', { name: 'Complete authentication' }).click(paying);
    await expect.poll(() => page.getByRole('heading', { name: 'Your plan: Business' }).count(), paying).toBe(1);

    // Left waiting for the bank (the tab closed), the first month is confirmed from the page later.
    const later = unique('lea');
    const laterToken = await signUpViaApi(site.server.url, later);
    await api('/api/v1/payments/tiers/business/subscribe', laterToken, { method: 'POST', body: { payment_method: 'pm_card_authenticationRequired' }, key: crypto.randomUUID() });
    const again = await site.newPage();
    again.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(again, later);
    await again.goto('/settings/plans');
    const waiting = again.getByRole('group', { name: 'Confirm the first month with your bank' });
    await waiting.waitFor(paying);
    expect(await again.getByRole('button', { name: 'Cancel at the end of the month' }).count()).toBe(0);
    await waiting.getByRole('button', { name: 'Confirm with your bank' }).click(paying);
    await waiting.getByRole('dialog', { name: 'Confirm the payment with your bank' }).getByRole('button', { name: 'Complete authentication' }).click(paying);
    await expect.poll(() => again.getByRole('heading', { name: 'Your plan: Business' }).count(), paying).toBe(1);
    expect((await api('/api/v1/payments/tiers', laterToken)).subscription).toMatchObject({ state: 'active', period: 1 });
    expect(pageErrors).toEqual([]);
  });
});
