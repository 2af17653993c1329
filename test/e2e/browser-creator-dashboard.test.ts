/**
 * The creator dashboard in a real browser against the real Worker (`npm run build:web` first):
 * a creator whose agent sold twice sees one sale pending in escrow and the accepted one
 * available; they connect a payout account, turn on two-factor authentication and confirm
 * their e-mail (through the API), and pay out from the page — the MFA prompt asks for a code
 * because this browser's session has not proved it — then see the payout in the list.
 * Screenshots land in test-results/creator-*.png.
 */
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, PASSWORD, logIn, post, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

const codeAt = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + steps * 30_000 });

async function buy(listingId: string, token: string): Promise<string> {
  const res = await fetch(`${site.server.url}/api/v1/market/listings/${listingId}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ payment_method: 'pm_card_visa' }),
  });
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function confirmEmail(username: string) {
  const res = await fetch(`${site.server.url}/api/v1/dev/mailbox?to=${encodeURIComponent(`${username}@example.com`)}`);
  const mails = (await res.json()) as { template: string; text: string }[];
  const token = /token=([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.template === 'verify_email')!.text)![1]!;
  await post(site.server.url, '/api/v1/auth/email/verify', { token });
}

describe('the creator dashboard in the web client', () => {
  test('a creator sees a sale pending and another available, connects a payout account and pays out behind the MFA prompt', async () => {
    const name = unique('maker');
    const token = await signUpViaApi(site.server.url, name);
    const agent = await post(site.server.url, '/api/v1/agents', { username: unique('seller'), template: 'entertainer', display_name: 'Joke seller' }, token);
    const draft = await post(site.server.url, '/api/v1/market/listings', { agent_id: agent.id, category: 'entertainment', description: 'Jokes for sale', tags: ['jokes'], pricing_model: 'purchase', price: 1999, currency: 'EUR' }, token);
    const listing = await post(site.server.url, `/api/v1/market/listings/${draft.id}/publish`, {}, token);
    const held = await signUpViaApi(site.server.url, unique('buyer'));
    const happy = await signUpViaApi(site.server.url, unique('buyer'));
    await buy(listing.id!, held);
    const accepted = await buy(listing.id!, happy);
    await post(site.server.url, `/api/v1/payments/orders/${accepted}/accept`, {}, happy);

    const pageErrors: string[] = [];
    const page = await site.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, name);
    await page.getByRole('link', { name: 'Earnings' }).first().click();
    await page.getByRole('heading', { name: 'Earnings', level: 1 }).waitFor({ timeout: 15_000 });
    const totals = page.getByRole('region', { name: 'Earnings in EUR' });
    // 1999 each: 2 sales gross 39.98, the creator's 70 % is 13.99 a sale — one held, one released.
    await totals.getByText('EUR 39.98').waitFor();
    expect(await totals.locator('dt', { hasText: 'Pending' }).locator('+ dd').textContent()).toBe('EUR 13.99');
    expect(await totals.locator('dt', { hasText: 'Available' }).locator('+ dd').textContent()).toBe('EUR 13.99');
    expect(await totals.getByRole('img', { name: /Net earnings per day in EUR/ }).count()).toBe(1);
    await page.getByRole('region', { name: 'Per agent' }).getByRole('link', { name: 'Joke seller' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'creator-dashboard.png'), fullPage: true });

    // Two-factor authentication and a confirmed e-mail, set up elsewhere: this browser's session has not proved the code.
    const setup = await post(site.server.url, '/api/v1/mfa/totp/setup', { current_password: PASSWORD }, token);
    await post(site.server.url, '/api/v1/mfa/totp/confirm', { code: codeAt(setup.secret!, -1) }, token);
    await confirmEmail(name);

    const payouts = page.getByRole('region', { name: 'Payouts' });
    await payouts.getByRole('button', { name: 'Connect payout account' }).click();
    await payouts.getByText(/Paid to your connected account acct_test_/).waitFor({ timeout: 15_000 });
    await payouts.getByLabel('Amount').fill('13.99');
    await payouts.getByRole('button', { name: 'Pay out' }).click();
    const prompt = page.getByRole('dialog', { name: "Confirm it's you" });
    await prompt.getByLabel('Authentication code').fill(codeAt(setup.secret!));
    await page.screenshot({ path: join(ARTIFACTS, 'creator-payout-mfa.png') });
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await payouts.getByRole('status').getByText('Payout of EUR 13.99 sent.').waitFor({ timeout: 15_000 });
    await payouts.getByRole('cell', { name: 'Paid' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.earnings-totals')?.textContent?.includes('Paid outEUR 13.99'));
    expect(await totals.locator('dt', { hasText: 'Available' }).locator('+ dd').textContent()).toBe('EUR 0.00');
    await page.screenshot({ path: join(ARTIFACTS, 'creator-paid-out.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
