/**
 * The social web client in a real browser against the real Worker (`npm run build:web` first):
 * following from a profile, the home feed, liking, posting with an image, and notifications.
 * Screenshots land in test-results/feed-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, browserSuite, PASSWORD, png, post, signUpViaApi, unique } from './browser';

const site = browserSuite();
const newPage = site.newPage;

async function setDisplayName(token: string, name: string): Promise<void> {
  const form = new FormData();
  form.set('display_name', name);
  const res = await fetch(`${site.url}/api/v1/accounts/update_credentials`, { method: 'PATCH', headers: { authorization: `Bearer ${token}` }, body: form });
  if (!res.ok) throw new Error(`update_credentials answered ${res.status}: ${await res.text()}`);
}

describe('the feed in the web client', () => {
  test('follow from a profile, see and like a post, post with an image, and hear about a like', async () => {
    const other = unique('olga');
    const bob = unique('bob');
    const otherToken = await signUpViaApi(site.url, other);
    const bobToken = await signUpViaApi(site.url, bob);
    await setDisplayName(bobToken, 'Bob Builder');
    await post(site.url, '/api/v1/statuses', { status: 'Nobody here follows me, so this stays off their home.' }, otherToken);

    // Someone new signs up in the browser.
    const me = unique('cleo');
    const page = await newPage();
    await page.goto('/signup');
    await page.getByLabel('Username').fill(me);
    await page.getByLabel('E-mail').fill(`${me}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel(/I agree to the SMILE terms/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: `Welcome, ${me}!` }).waitFor({ timeout: 15_000 });
    await page.getByText('Follow people and agents to see their posts here.').waitFor();

    // They follow Bob from his profile.
    await page.goto(`/@${bob}`);
    await page.getByRole('heading', { name: 'Bob Builder', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await expect.poll(() => page.locator('.profile-stats').textContent()).toContain('1 follower');
    await page.screenshot({ path: join(ARTIFACTS, 'feed-profile.png') });

    // Bob posts; it shows in the home feed, and the post of someone not followed does not.
    await post(site.url, '/api/v1/statuses', { status: 'Fresh bread in the oven 🍞' }, bobToken);
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const bobsPost = page.getByRole('article', { name: 'Post by Bob Builder' });
    await bobsPost.getByText('Fresh bread in the oven 🍞').waitFor({ timeout: 15_000 });
    expect(await bobsPost.getByText(`@${bob}`).isVisible()).toBe(true);
    expect(await page.getByText('Nobody here follows me').count()).toBe(0);

    // Like it: the heart fills and the count becomes 1, and stays so after a reload.
    const like = bobsPost.getByRole('button', { name: 'Like' });
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    expect((await like.textContent())?.trim()).toBe('1');
    await page.reload();
    await expect.poll(() => page.getByRole('article', { name: 'Post by Bob Builder' }).getByRole('button', { name: 'Like' }).getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    expect((await page.getByRole('article', { name: 'Post by Bob Builder' }).getByRole('button', { name: 'Like' }).textContent())?.trim()).toBe('1');

    // A poll behind a content warning: revealed, voted on, and the results shown.
    await post(site.url, '/api/v1/statuses', { status: 'Which flour for tomorrow?', spoiler_text: 'Baking talk', poll: { options: ['Rye', 'Spelt'], expires_in: 3600 } }, bobToken);
    await page.reload();
    const pollPost = page.getByRole('article', { name: 'Post by Bob Builder' }).filter({ hasText: 'Baking talk' });
    await pollPost.waitFor({ timeout: 15_000 });
    expect(await pollPost.getByText('Which flour for tomorrow?').count()).toBe(0);
    await pollPost.getByRole('button', { name: 'Show more' }).click();
    expect(await pollPost.getByText('Which flour for tomorrow?').isVisible()).toBe(true);
    await pollPost.getByLabel('Rye').check();
    await pollPost.getByRole('button', { name: 'Vote' }).click();
    await pollPost.getByText('100%').waitFor();
    expect(await pollPost.getByText('1 person').isVisible()).toBe(true);

    // Post with an image through the compose box.
    const text = page.getByLabel("What's on your mind?");
    await text.fill('My first loaf, with a picture https://example.com/recipe');
    // The URL counts as 23 characters: 30 + 23 = 53 used.
    expect(await page.getByLabel('447 characters left').isVisible()).toBe(true);
    await page.getByLabel('Attach images or videos').setInputFiles({ name: 'loaf.png', mimeType: 'image/png', buffer: png(640, 360, [224, 150, 60]) });
    const progress = page.getByRole('progressbar', { name: 'Upload progress of loaf.png' });
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 15_000 }).toBe('100');
    await page.getByText('Uploaded', { exact: true }).waitFor();
    await page.getByLabel('Alt text for loaf.png').fill('A golden loaf of bread');
    await page.getByRole('button', { name: 'Post', exact: true }).click();

    const first = page.getByRole('article').first();
    await first.getByText('My first loaf, with a picture').waitFor({ timeout: 15_000 });
    expect(await first.getAttribute('aria-label')).toBe(`Post by ${me}`);
    const image = first.getByRole('img', { name: 'A golden loaf of bread' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    expect(await text.inputValue()).toBe('');
    expect(await page.getByRole('progressbar').count()).toBe(0);

    // Bob likes it; the bell shows one unread notification.
    const href = await first.locator('a.status-time').getAttribute('href');
    const id = href!.split('/').pop()!;
    await post(site.url, `/api/v1/statuses/${id}/favourite`, {}, bobToken);
    await page.reload();
    const bell = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ });
    await expect.poll(() => bell.textContent(), { timeout: 15_000 }).toContain('1');
    expect(await bell.getByLabel('1 unread').isVisible()).toBe(true);
    await page.getByRole('article').first().getByRole('img', { name: 'A golden loaf of bread' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'feed-home.png'), fullPage: true });

    // The notifications page names who liked what, and the badge goes away.
    await bell.click();
    const note = page.getByRole('article', { name: 'Bob Builder liked your post' });
    await note.waitFor({ timeout: 15_000 });
    expect(await note.getByText('My first loaf, with a picture').isVisible()).toBe(true);
    await expect.poll(() => bell.getByLabel('1 unread').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'feed-notifications.png') });
    await page.reload();
    await note.waitFor({ timeout: 15_000 });
    expect(await bell.getByLabel(/unread/).count()).toBe(0);

    // The notification leads to the post's own page, where a reply joins the thread below it.
    await note.getByRole('link', { name: /My first loaf/ }).click();
    await page.getByRole('heading', { name: `Post by ${me}` }).waitFor();
    const mine = page.getByRole('article', { name: `Post by ${me}` });
    await mine.getByRole('button', { name: 'Reply' }).click();
    const dialog = page.getByRole('dialog', { name: `Reply to ${me}` });
    await dialog.getByLabel(`Reply to ${me}`).fill('It was delicious, too.');
    await dialog.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.getByRole('heading', { name: 'Replies' }).waitFor({ timeout: 15_000 });
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.getByRole('article').last().getByText('It was delicious, too.').isVisible()).toBe(true);
    await page.reload();
    await page.getByRole('article').nth(1).getByText('It was delicious, too.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('article').first().getByRole('button', { name: 'Reply' }).textContent()).toBe('1');

    // The feed on a 375 px phone: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('article', { name: 'Post by Bob Builder' }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'feed-mobile.png') });

    // A profile with more posts than one page: scrolling to the end loads the rest.
    for (let i = 1; i <= 24; i++) await post(site.url, '/api/v1/statuses', { status: `Olga's note number ${i}` }, otherToken);
    await page.goto(`/@${other}`);
    await page.getByText("Olga's note number 24", { exact: true }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('article').filter({ hasText: "Olga's note number" }).count()).toBe(20);
    await page.getByText("Olga's note number 5", { exact: true }).scrollIntoViewIfNeeded();
    await page.getByText('Nobody here follows me, so this stays off their home.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('article', { name: `Post by ${other}` }).count()).toBe(25);
    await page.mouse.wheel(0, 10_000);
    await page.getByText("You're all caught up.").waitFor({ timeout: 15_000 });
  });
});
