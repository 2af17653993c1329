/**
 * Explore, hashtags and editing in the web client, in a real browser against the real Worker
 * (`npm run build:web` first): a newcomer signs up, follows a suggested agent from Explore,
 * posts with an image, likes the agent's post, hears that the agent liked theirs, finds an
 * account and a hashtag by searching, then edits and deletes their own posts.
 * Screenshots land in test-results/explore-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, png, post, setDisplayName, signUpInBrowser, signUpViaApi, unique, useBrowser } from './browser';

const harness = useBrowser();

/**
 * An AI agent owned by `ownerUsername`. No endpoint creates agents yet (the agents issue adds
 * one), so it signs up as a person and becomes an agent in the database, as the demo data's
 * agents are; the token it got at sign-up keeps working for posting and liking.
 */
async function createAgent(username: string, displayName: string, ownerUsername: string): Promise<string> {
  const { server } = harness;
  const token = await signUpViaApi(server.url, username);
  await setDisplayName(server.url, token, displayName);
  await server.sql(`UPDATE accounts SET kind = 'agent', bot = 1, owner_id = (SELECT id FROM accounts WHERE username = '${ownerUsername}') WHERE username = '${username}'`);
  return token;
}

describe('explore, hashtags and editing in the web client', () => {
  test('follow a suggested agent, post, like, hear back, search, then edit and delete', async () => {
    const { server, newPage } = harness;
    const owner = unique('rosa');
    const ownerToken = await signUpViaApi(server.url, owner);
    await setDisplayName(server.url, ownerToken, 'Rosa Baker');
    const agentToken = await createAgent(unique('chef'), 'Chef Remy', owner);
    await post(server.url, '/api/v1/statuses', { status: 'Overnight proofing gives an open, glossy crumb #sourdough' }, agentToken);
    await post(server.url, '/api/v1/statuses', { status: 'Morning loaves are out #bakery' }, ownerToken);

    // Someone new signs up in the browser.
    const me = unique('dana');
    const page = await newPage();
    await signUpInBrowser(page, me);

    // Explore suggests the agent, labelled 🤖, and following it updates the button in place.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Explore' }).click();
    const agents = page.getByRole('region', { name: 'Suggested agents' });
    const chef = agents.getByRole('listitem').filter({ hasText: 'Chef Remy' });
    await chef.waitFor({ timeout: 15_000 });
    expect(await chef.getByRole('img', { name: 'AI agent' }).textContent()).toBe('🤖');
    expect(await agents.getByText('Rosa Baker').count()).toBe(0);
    await chef.getByRole('button', { name: 'Follow Chef Remy' }).click();
    await chef.getByRole('button', { name: 'Unfollow Chef Remy' }).waitFor();
    const trendingTags = page.getByRole('region', { name: 'Trending hashtags' });
    expect(await trendingTags.getByRole('link', { name: /#sourdough/ }).textContent()).toContain('1 post this week');
    await page.getByRole('region', { name: 'Trending posts' }).getByText('Overnight proofing gives an open').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'explore-discover.png'), fullPage: true });

    // The People tab suggests the person, and the directory lists who posted lately.
    await page.getByRole('navigation', { name: 'Explore sections' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('region', { name: 'Suggested people' }).getByRole('button', { name: 'Follow Rosa Baker' }).waitFor({ timeout: 15_000 });
    const directory = page.getByRole('region', { name: 'Active on SMILE' });
    await directory.getByRole('listitem').filter({ hasText: 'Chef Remy' }).getByRole('button', { name: 'Unfollow Chef Remy' }).waitFor();

    // Home now has the agent's post; like it.
    await nav.getByRole('link', { name: 'Home', exact: true }).click();
    const agentPost = page.getByRole('article', { name: 'Post by Chef Remy' });
    await agentPost.getByText('Overnight proofing gives an open').waitFor({ timeout: 15_000 });
    expect(await agentPost.getByRole('img', { name: 'AI agent' }).isVisible()).toBe(true);
    expect(await agentPost.getByRole('button', { name: 'More actions' }).count()).toBe(0);
    const like = agentPost.getByRole('button', { name: 'Like' });
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');

    // Post with an image; it tops the home feed.
    await page.getByLabel("What's on your mind?").fill('My starter is alive #sourdough');
    await page.getByLabel('Attach images or videos').setInputFiles({ name: 'starter.png', mimeType: 'image/png', buffer: png(480, 320, [236, 214, 170]) });
    await page.getByText('Uploaded', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Alt text for starter.png').fill('A jar of bubbly starter');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = page.getByRole('article', { name: `Post by ${me}` }).first();
    await mine.getByText('My starter is alive').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('article').first().getAttribute('aria-label')).toBe(`Post by ${me}`);
    const image = mine.getByRole('img', { name: 'A jar of bubbly starter' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);

    // The agent likes it back; the notification names the agent, with its label.
    const id = (await mine.locator('a.status-time').getAttribute('href'))!.split('/').pop()!;
    await post(server.url, `/api/v1/statuses/${id}/favourite`, {}, agentToken);
    await page.reload();
    const bell = nav.getByRole('link', { name: /Notifications/ });
    await bell.getByLabel('1 unread').waitFor({ timeout: 15_000 });
    await bell.click();
    const note = page.getByRole('article', { name: 'Chef Remy liked your post' });
    await note.waitFor({ timeout: 15_000 });
    expect(await note.getByRole('img', { name: 'AI agent' }).isVisible()).toBe(true);
    expect(await note.getByText('My starter is alive').isVisible()).toBe(true);

    // Search finds the agent (already followed) and the hashtag; the hashtag opens its timeline.
    await nav.getByRole('link', { name: 'Explore' }).click();
    const searchBox = page.getByRole('searchbox', { name: 'Search SMILE' });
    await searchBox.fill('chef');
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await accounts.getByRole('button', { name: 'Unfollow Chef Remy' }).waitFor({ timeout: 15_000 });
    expect(await accounts.getByRole('img', { name: 'AI agent' }).count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?q=chef');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-search.png'), fullPage: true });
    await searchBox.fill('#sourd');
    await page.getByRole('region', { name: 'Posts' }).getByText('My starter is alive').waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Hashtags' }).getByRole('link', { name: /#sourdough/ }).click();
    await page.getByRole('heading', { name: '#sourdough', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tags/sourdough');
    await expect.poll(() => page.getByRole('article').count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-tag.png'), fullPage: true });

    // A hashtag inside a post opens its timeline in the app, without reloading the page.
    await nav.getByRole('link', { name: 'Home', exact: true }).click();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await mine.getByRole('link', { name: '#sourdough' }).click();
    await page.getByRole('heading', { name: '#sourdough', level: 1 }).waitFor();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await page.goBack();

    // The menu of one's own post works from the keyboard.
    const more = mine.getByRole('button', { name: 'More actions' });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More actions' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Edit');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);

    // Edit: the dialog starts from the source text; the card changes in place and shows its history.
    await more.click();
    await menu.getByRole('menuitem', { name: 'Edit' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit post' });
    const text = editor.getByLabel('Text of your post');
    await expect.poll(() => text.inputValue(), { timeout: 15_000 }).toBe('My starter is alive #sourdough');
    await text.fill('My starter is alive and bubbly #sourdough');
    await editor.getByRole('button', { name: 'Save' }).click();
    // (the dialog sits inside the card, and its textarea's text is the new text too)
    await expect.poll(() => editor.count(), { timeout: 15_000 }).toBe(0);
    expect(await mine.getByText('My starter is alive and bubbly').isVisible()).toBe(true);
    expect(await mine.getByRole('img', { name: 'A jar of bubbly starter' }).isVisible()).toBe(true);
    await mine.getByRole('button', { name: 'Edited' }).click();
    const history = page.getByRole('dialog', { name: 'Edit history' });
    const versions = history.getByRole('listitem');
    await expect.poll(() => versions.count(), { timeout: 15_000 }).toBe(2);
    expect(await versions.first().textContent()).toContain('and bubbly');
    expect(await versions.last().textContent()).toMatch(/^Original.*My starter is alive #sourdough$/);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-edit-history.png') });
    await page.keyboard.press('Escape');
    expect(await history.count()).toBe(0);
    await page.reload();
    await mine.getByText('My starter is alive and bubbly').waitFor({ timeout: 15_000 });
    expect(await mine.getByRole('button', { name: 'Edited' }).isVisible()).toBe(true);

    // Delete from the feed: after the confirmation the card leaves the list.
    await page.getByLabel("What's on your mind?").fill('A thought that will not last');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const fleeting = page.getByRole('article').filter({ hasText: 'A thought that will not last' });
    await fleeting.waitFor({ timeout: 15_000 });
    await fleeting.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this post?' });
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => fleeting.count(), { timeout: 15_000 }).toBe(0);

    // Delete from the post's own page: it goes home, and the post is gone for good.
    await mine.locator('a.status-time').click();
    await page.getByRole('heading', { name: `Post by ${me}` }).waitFor();
    await page.getByRole('article', { name: `Post by ${me}` }).getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this post?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: `Welcome, ${me}!` }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await agentPost.waitFor();
    expect(await page.getByText('My starter is alive').count()).toBe(0);
    expect((await fetch(`${server.url}/api/v1/statuses/${id}`)).status).toBe(404);

    // Explore on a 375 px phone: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/explore');
    await page.getByRole('region', { name: 'Suggested agents' }).waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Trending posts' }).getByRole('article').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-mobile.png'), fullPage: true });
  });
});
