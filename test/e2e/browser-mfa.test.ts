/**
 * Two-factor authentication in a real browser against the real Worker (`npm run build:web`
 * first): a person turns it on from Settings → Account, scanning nothing — the key shown on the
 * page goes into an authenticator computed here with otpauth — saves the recovery codes, and
 * then logs in again with a code. Screenshots land in test-results/mfa-*.png.
 */
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, PASSWORD, logIn, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

const codeAt = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + steps * 30_000 });

describe('two-factor authentication in the web client', () => {
  test('enrol from the settings page with the key shown there, then log in with a code', async () => {
    const name = unique('tfa');
    await signUpViaApi(site.server.url, name);
    const page = await site.newPage();
    await logIn(page, name);

    await page.goto('/settings/account');
    const security = page.getByRole('region', { name: 'Two-factor authentication' });
    await security.getByLabel('Current password').fill(PASSWORD);
    await security.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = security.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await security.getByTestId('mfa-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: join(ARTIFACTS, 'mfa-enrol.png') });

    // A wrong code is refused in place; the right one (the previous step's, so the login below has a fresh one) turns it on.
    const code = security.getByLabel('Authentication code');
    await code.fill(String((Number(codeAt(secret, -1)) + 1) % 1_000_000).padStart(6, '0'));
    await security.getByRole('button', { name: 'Turn on' }).click();
    await security.getByText('Is incorrect').waitFor({ timeout: 15_000 });
    await code.fill(codeAt(secret, -1));
    await security.getByRole('button', { name: 'Turn on' }).click();
    const codes = security.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor({ timeout: 15_000 });
    expect(await codes.count()).toBe(10);
    await page.screenshot({ path: join(ARTIFACTS, 'mfa-recovery-codes.png') });
    await security.getByRole('button', { name: 'I have saved them' }).click();
    await security.getByText('Recovery codes left:').waitFor();
    expect(await security.locator('strong').textContent()).toBe('10');

    // A new browser logs in: the password, then a code.
    const again = await site.newPage();
    await again.goto('/login');
    await again.getByLabel('E-mail or username').fill(name);
    await again.getByLabel('Password').fill(PASSWORD);
    await again.getByRole('button', { name: 'Log in' }).click();
    const step = again.getByRole('region', { name: 'Two-factor authentication' });
    await step.getByLabel('Authentication code').fill(codeAt(secret));
    await again.screenshot({ path: join(ARTIFACTS, 'mfa-login.png') });
    await step.getByRole('button', { name: 'Log in' }).click();
    await again.getByRole('heading', { name: /^Welcome, / }).waitFor({ timeout: 15_000 });
  });
});
