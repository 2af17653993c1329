/**
 * The admin panel in a real browser against the real Worker (`npm run build:web` first): an
 * admin (made one in D1, as an operator would) sees the metrics, removes a reported post with a
 * note, finds a person and suspends them, grants another Enterprise until a date, and reads the
 * actions in the audit log; the suspended
 * person's login is refused on the login page. A plain user gets no Admin link and, typing the
 * address, the server's refusal. Screenshots land in test-results/admin-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, PASSWORD, logIn, post, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

async function accountId(token: string): Promise<string> {
  const res = await fetch(`${site.server.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { id: string }).id;
}

describe('the admin panel in the web client', () => {
  test('an admin sees the metrics, removes a reported post with a note, suspends a person, grants Enterprise, and the audit log shows it all', async () => {
    const boss = unique('boss');
    await signUpViaApi(site.server.url, boss);
    await site.server.sql(`UPDATE accounts SET role = 'admin' WHERE username = '${boss}'`);
    const posterToken = await signUpViaApi(site.server.url, unique('poster'));
    const spam = `Cheap followers at spam.example ${unique('x')}`;
    const status = await post(site.server.url, '/api/v1/statuses', { status: spam }, posterToken);
    const reporter = unique('reporter');
    const reporterToken = await signUpViaApi(site.server.url, reporter);
    const complaint = `This is spam ${unique('r')}`;
    await post(site.server.url, '/api/v1/reports', { account_id: await accountId(posterToken), status_ids: [status.id], comment: complaint, category: 'spam' }, reporterToken);
    const troll = unique('troll');
    await signUpViaApi(site.server.url, troll);

    const pageErrors: string[] = [];
    const page = await site.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, boss);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Admin · Overview', level: 1 }).waitFor({ timeout: 15_000 });
    const moderation = page.getByRole('region', { name: 'Moderation' });
    const openReports = moderation.locator('dt', { hasText: 'Open reports' }).locator('+ dd');
    await openReports.waitFor();
    expect(Number(await openReports.textContent())).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-overview.png'), fullPage: true });

    // The queue: the report with its post; removed with a note, it leaves the open items.
    const tabs = page.getByRole('navigation', { name: 'Admin' });
    await tabs.getByRole('link', { name: 'Moderation queue' }).click();
    const item = page.getByRole('listitem', { name: /^Queue item / }).filter({ hasText: complaint });
    await item.getByText(spam).waitFor({ timeout: 15_000 });
    await item.getByLabel('Note').fill('Spam link: removed');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-queue.png'), fullPage: true });
    await item.getByRole('button', { name: 'Remove' }).click();
    await page.getByText(/Item \d+ is now removed\./).waitFor({ timeout: 15_000 });
    expect(await item.count()).toBe(0);
    const hidden = await fetch(`${site.server.url}/api/v1/statuses/${status.id}`, { headers: { authorization: `Bearer ${reporterToken}` } });
    expect(hidden.status).toBe(404);

    // Accounts: found by name, with e-mail, role and status; suspended with a reason.
    await tabs.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Username or e-mail').fill(troll);
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.getByRole('listitem', { name: `Account @${troll}` });
    await card.getByText(`${troll}@example.com`).waitFor({ timeout: 15_000 });
    await card.getByText('Active').waitFor();
    expect(await card.locator('.chip', { hasText: 'user' }).count()).toBe(1);
    const moderate = card.getByRole('form', { name: `Moderate @${troll}` });
    await moderate.getByLabel('Reason').fill('Harassing other members');
    await moderate.getByRole('button', { name: 'Suspend' }).click();
    await card.getByText('Suspended until lifted').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'admin-accounts.png'), fullPage: true });

    // Another person's business gets Enterprise under contract until a date; it is theirs at once.
    await page.getByLabel('Username or e-mail').fill(reporter);
    await page.getByRole('button', { name: 'Search' }).click();
    const client = page.getByRole('listitem', { name: `Account @${reporter}` });
    await client.locator('summary', { hasText: 'Plan' }).click({ timeout: 15_000 });
    await client.locator('summary', { hasText: 'Plan: Free' }).waitFor({ timeout: 15_000 });
    const plan = client.getByRole('form', { name: `Plan of @${reporter}` });
    await plan.getByLabel('Reason (the contract or the occasion)').fill('Contract ACME-42');
    await plan.getByLabel('Granted until').fill(`${new Date().getFullYear() + 1}-12-31`);
    await plan.getByRole('button', { name: 'Grant plan' }).click();
    await client.locator('summary', { hasText: /^Plan: Enterprise until .+ \(granted\)$/ }).waitFor({ timeout: 15_000 });
    await plan.getByRole('button', { name: 'End grant' }).waitFor();
    const tiers = await fetch(`${site.server.url}/api/v1/payments/tiers`, { headers: { authorization: `Bearer ${reporterToken}` } });
    expect(((await tiers.json()) as { current: unknown }).current).toEqual({ tier: 'enterprise', until: `${new Date().getFullYear() + 1}-12-31T23:59:59.000Z`, granted: true });

    // The audit log names both actions, their actor and their notes.
    await tabs.getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const suspension = log.getByRole('row').filter({ hasText: 'account.suspend' });
    await suspension.getByText('Harassing other members').waitFor({ timeout: 15_000 });
    expect(await suspension.getByRole('link', { name: `@${boss}` }).count()).toBe(1);
    await log.getByRole('row').filter({ hasText: 'moderation.remove' }).getByText('Spam link: removed').waitFor();
    await log.getByRole('row').filter({ hasText: 'account.plan' }).getByText('Contract ACME-42').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'admin-audit.png'), fullPage: true });
    expect(pageErrors).toEqual([]);

    // The suspended person cannot log in, and is told why.
    const theirs = await site.newPage();
    await theirs.goto('/login');
    await theirs.getByLabel('E-mail or username').fill(troll);
    await theirs.getByLabel('Password').fill(PASSWORD);
    await theirs.getByRole('button', { name: 'Log in' }).click();
    await theirs.getByRole('alert').getByText('This account is suspended').waitFor({ timeout: 15_000 });
  });

  test('a plain user has no Admin link and is not allowed at /admin', async () => {
    const plain = unique('plain');
    await signUpViaApi(site.server.url, plain);
    const page = await site.newPage();
    await logIn(page, plain);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-not-allowed.png') });
  });
});
