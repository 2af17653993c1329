/**
 * Analytics in a real browser against the real Worker (`npm run build:web` first): a fresh
 * browser is asked about analytics and declines; signed in, the person looks at an agent, follows
 * it, chats with it, likes a post and posts, and nothing of it is recorded. They switch analytics
 * on in Settings → Privacy & data, do it all again, and now it is. The cron's rollup (run through
 * `/__scheduled`) feeds the dashboards: the agent's creator sees the look and the reply counted,
 * the follow and the first conversation (made while the person said no) not; the admin sees one
 * active person, one post, one like, one follow. Screenshots land in test-results/analytics-*.png.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, post, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser(undefined, undefined, { testScheduled: true });

/** The value under the figure named `name` in a row of figures (components/analytics/Figures.tsx). */
const figure = (figures: Locator, name: string) => figures.locator('dt').filter({ hasText: new RegExp(`^${name}$`) }).locator('+ dd');

async function analyticsConsent(token: string): Promise<{ granted: boolean; recorded_at: string | null } | undefined> {
  const res = await fetch(`${site.server.url}/api/v1/privacy/consents`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { current: { kind: string; granted: boolean; recorded_at: string | null }[] };
  return body.current.find((c) => c.kind === 'analytics');
}

/** What analytics holds about one person: their raw events and active days, by type (one D1 query: each is a process start). */
async function recorded(accountId: string): Promise<string[]> {
  const rows = await site.server.sql(
    `SELECT type FROM analytics_events WHERE actor_id = '${accountId}' UNION ALL SELECT 'active day' FROM analytics_active_days WHERE account_id = '${accountId}' ORDER BY type`,
  );
  return rows.map((r) => String(r.type));
}

/**
 * Everything the person does each round, in the browser: looks at the agent's profile (and
 * follows it, the first time), chats with it until it answers, likes `post` of `friend` (following them first when `followFriend`),
 * and posts `status` from home.
 */
async function doThings(page: Page, o: { round: number; agent: string; agentId: string; friend: string; post: string; followFriend: boolean; status: string }) {
  await page.goto(`/@${o.agent}`);
  await page.getByRole('heading', { name: 'Weather Wren', level: 1 }).waitFor({ timeout: 15_000 });
  // Followed in the first round; in the second the profile shows it (a follow is counted once, when made).
  if (o.round === 1) await page.getByRole('button', { name: 'Follow', exact: true }).click();
  await page.getByRole('button', { name: 'Unfollow' }).waitFor({ timeout: 15_000 });

  await page.goto(`/agents/${o.agentId}/chat`);
  const log = page.getByRole('log', { name: 'Conversation with Weather Wren' });
  await log.waitFor({ timeout: 15_000 });
  const question = `Will it rain tomorrow? ${unique('q')}`;
  await page.getByLabel('Message to Weather Wren').fill(question);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await log.getByText(question).waitFor({ timeout: 15_000 });
  // One reply a round: the history's and this one.
  await expect.poll(() => log.getByText('Why this reply').count(), { timeout: 30_000 }).toBe(o.round);

  await page.goto(`/@${o.friend}`);
  if (o.followFriend) {
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
  }
  const like = page.getByRole('article').filter({ hasText: o.post }).getByRole('button', { name: 'Like' });
  await like.click();
  await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
  await page.getByLabel("What's on your mind?").fill(o.status);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.getByRole('article').first().getByText(o.status).waitFor({ timeout: 15_000 });
}

describe('analytics in the web client', () => {
  test('declined on the banner, nothing is recorded; switched on in Settings, it is, and the dashboards show it', async () => {
    const maker = unique('maker');
    const makerToken = await signUpViaApi(site.server.url, maker);
    const agentName = unique('wren');
    const agent = await post(site.server.url, '/api/v1/agents', { username: agentName, template: 'educator', display_name: 'Weather Wren', visibility: 'public' }, makerToken);
    const friend = unique('fern');
    const friendToken = await signUpViaApi(site.server.url, friend);
    const firstPost = `Sunny spells all week ${unique('p')}`;
    const secondPost = `Storm warning for Sunday ${unique('p')}`;
    await post(site.server.url, '/api/v1/statuses', { status: firstPost }, friendToken);
    await post(site.server.url, '/api/v1/statuses', { status: secondPost }, friendToken);
    const boss = unique('boss');
    await signUpViaApi(site.server.url, boss);
    await site.server.sql(`UPDATE accounts SET role = 'admin' WHERE username = '${boss}'`);
    const reader = unique('reader');
    const readerToken = await signUpViaApi(site.server.url, reader);
    const me = await fetch(`${site.server.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${readerToken}` } });
    const readerId = ((await me.json()) as { id: string }).id;

    const pageErrors: string[] = [];
    const page = await site.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));

    // A fresh browser is asked, declines, and is not asked again.
    await page.goto('/login');
    const banner = page.getByRole('region', { name: 'Analytics and cookies' });
    await banner.getByText('May SMILE count how you use it?').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'analytics-banner.png') });
    await banner.getByRole('button', { name: 'Decline' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByLabel('E-mail or username').waitFor();
    expect(await banner.count()).toBe(0);

    // Signed in, the browser's "no" becomes the account's recorded decision.
    await logIn(page, reader);
    await expect.poll(() => analyticsConsent(readerToken), { timeout: 15_000 }).toMatchObject({ granted: false, recorded_at: expect.any(String) });
    expect(await banner.count()).toBe(0);

    await doThings(page, { round: 1, agent: agentName, agentId: agent.id!, friend, post: firstPost, followFriend: false, status: `Declined, and posting anyway ${unique('s')}` });
    expect(await recorded(readerId)).toEqual([]);

    // Settings → Privacy & data: analytics switched on, recorded with the account.
    await page.goto('/settings/data');
    const allow = page.getByLabel('Allow usage analytics');
    await allow.waitFor({ timeout: 15_000 });
    expect(await allow.isChecked()).toBe(false);
    // The box follows the account's record, so it is ticked once the server has it.
    await allow.click();
    await page.getByText(/^Saved\. Every choice is recorded/).waitFor({ timeout: 15_000 });
    expect(await allow.isChecked()).toBe(true);
    expect(await analyticsConsent(readerToken)).toMatchObject({ granted: true });
    await page.screenshot({ path: join(ARTIFACTS, 'analytics-settings.png'), fullPage: true });
    await page.reload();
    await expect.poll(() => allow.isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await banner.count()).toBe(0);

    // The same again (and a follow of the friend): now each act is recorded, once. The follow of
    // the agent and the start of the conversation happened under the "no", so they stay uncounted.
    await doThings(page, { round: 2, agent: agentName, agentId: agent.id!, friend, post: secondPost, followFriend: true, status: `Counted this time ${unique('s')}` });
    await expect
      .poll(() => recorded(readerId), { timeout: 15_000 })
      .toEqual(['active day', 'agent_view', 'favourite', 'follow', 'interaction', 'status']);

    // The cron rolls today up.
    const cron = await fetch(`${site.server.url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(cron.status).toBe(200);

    // The creator's dashboard: one look and one reply; no follower and no conversation counted.
    const creator = await site.newPage();
    creator.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(creator, maker);
    await creator.goto('/creator');
    const engagement = creator.getByRole('region', { name: 'Engagement' });
    const totals = engagement.getByLabel('Engagement totals');
    await figure(totals, 'Impressions').waitFor({ timeout: 15_000 });
    expect(await figure(totals, 'Impressions').textContent()).toBe('1');
    expect(await figure(totals, 'Interactions').textContent()).toBe('1');
    expect(await figure(totals, 'Conversations').textContent()).toBe('0');
    expect(await figure(totals, 'Followers gained').textContent()).toBe('0');
    expect(await engagement.getByRole('img', { name: /^Impressions per day, .*: 1 in all$/ }).count()).toBe(1);
    expect(await engagement.getByRole('img', { name: /^Interactions per day, .*: 1 in all$/ }).count()).toBe(1);
    const row = engagement.getByRole('row').filter({ hasText: 'Weather Wren' });
    expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual(['Weather Wren', '1', '1', '0', '0']);
    await engagement.scrollIntoViewIfNeeded();
    await creator.screenshot({ path: join(ARTIFACTS, 'analytics-creator.png'), fullPage: true });

    // The admin's platform analytics: the one person who said yes, and what they did.
    const admin = await site.newPage();
    admin.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(admin, boss);
    await admin.goto('/admin/analytics');
    await admin.getByRole('heading', { name: 'Admin · Analytics', level: 1 }).waitFor({ timeout: 15_000 });
    const platform = admin.getByLabel('Platform totals');
    await figure(platform, 'DAU').waitFor({ timeout: 15_000 });
    const shown = async (name: string) => figure(platform, name).textContent();
    expect({ dau: await shown('DAU'), mau: await shown('MAU'), posts: await shown('Posts'), favourites: await shown('Favourites'), follows: await shown('Follows') }).toEqual({
      dau: '1',
      mau: '1',
      posts: '1',
      favourites: '1',
      follows: '1',
    });
    expect(await admin.getByRole('img', { name: /^Posts per day, .*: 1 in all$/ }).count()).toBe(1);
    expect(await admin.getByRole('img', { name: /^Favourites per day, .*: 1 in all$/ }).count()).toBe(1);
    await admin.screenshot({ path: join(ARTIFACTS, 'analytics-admin.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
