/**
 * Privacy & data in a real browser against the real Worker (`npm run build:web` first): a person
 * exports their data and downloads the ZIP, deletes their account (password, then the date and a
 * banner), and logging in again during the grace period cancels the deletion. Screenshots land
 * in test-results/privacy-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, PASSWORD, logIn, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

describe('Settings → Privacy & data', () => {
  test('export → download → delete account → log in during the grace period → deletion cancelled', async () => {
    const name = unique('priv');
    await signUpViaApi(site.server.url, name);
    const page = await site.newPage();
    await logIn(page, name);

    await page.goto('/settings/data');
    const exporting = page.getByRole('region', { name: 'Download your data' });
    await exporting.getByRole('button', { name: 'Request an export' }).click();
    const link = exporting.getByRole('link', { name: /^Download/ });
    // The queue builds it in the background: refresh until the link is there.
    for (let i = 0; i < 60 && !(await link.isVisible()); i++) {
      const refresh = exporting.getByRole('button', { name: 'Refresh' });
      if (await refresh.isVisible()) await refresh.click();
      await page.waitForTimeout(500);
    }
    await link.waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-export.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = await download.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(saved!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    const deleting = page.getByRole('region', { name: 'Delete your account' });
    await deleting.getByLabel('Password').fill('not my password');
    await deleting.getByRole('button', { name: 'Delete my account' }).click();
    await deleting.getByText('Is incorrect').waitFor({ timeout: 15_000 });
    await deleting.getByLabel('Password').fill(PASSWORD);
    await deleting.getByRole('button', { name: 'Delete my account' }).click();
    await deleting.getByText(/will be deleted on/).waitFor({ timeout: 15_000 });
    await page.reload();
    await page.getByRole('region', { name: 'Account deletion' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-deletion-scheduled.png') });

    // A new browser logs in during the grace period: the deletion is cancelled.
    const again = await site.newPage();
    await logIn(again, name);
    await again.goto('/settings/data');
    await again.getByRole('region', { name: 'Delete your account' }).getByRole('button', { name: 'Delete my account' }).waitFor({ timeout: 15_000 });
    expect(await again.getByRole('region', { name: 'Account deletion' }).count()).toBe(0);
    await again.screenshot({ path: join(ARTIFACTS, 'privacy-deletion-cancelled.png') });
  });
});
