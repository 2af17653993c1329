/**
 * Live updates in the web client from the streaming API, in a real browser against the real
 * Worker (`npm run build:web` first): new posts wait behind a "new posts" button while the
 * reader is scrolled down, edits and deletes change the feed in place, the notifications badge
 * rises without a reload, a dropped socket comes back, and anonymous visitors see the public
 * timeline live. Screenshots land in test-results/live-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, post, setDisplayName, signUpInBrowser, signUpViaApi, unique, useBrowser } from './browser';

const harness = useBrowser({ width: 1280, height: 700 });

/** What the page's WebSockets did, recorded by the script `recordSockets` installs. */
interface SocketLog {
  sockets: WebSocket[];
  sent: string[];
}
type WithLog = Window & { __live?: SocketLog };

/** Wraps the page's WebSocket so the test can count sockets, see subscribe frames and drop a socket. */
async function recordSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: SocketLog = { sockets: [], sent: [] };
    (window as WithLog).__live = log;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        log.sockets.push(this);
      }
      override send(data: string) {
        log.sent.push(data);
        super.send(data);
      }
    };
  });
}

const openSockets = (page: Page) => page.evaluate(() => (window as WithLog).__live!.sockets.filter((s) => s.readyState === WebSocket.OPEN).length);
const socketCount = (page: Page) => page.evaluate(() => (window as WithLog).__live!.sockets.length);
const subscribeFrames = (page: Page, stream: string) => page.evaluate((s) => (window as WithLog).__live!.sent.filter((f) => f.includes('"subscribe"') && f.includes(`"${s}"`)).length, stream);

/** Waits until the page's socket is open and subscribed to `stream` (`times` subscribe frames sent), and the server has read the frame. */
async function subscribed(page: Page, stream: string, times = 1): Promise<void> {
  await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => subscribeFrames(page, stream), { timeout: 15_000 }).toBeGreaterThanOrEqual(times);
  await new Promise((r) => setTimeout(r, 300));
}

async function call(method: 'PUT' | 'DELETE', path: string, token: string, body?: object): Promise<void> {
  const res = await fetch(`${harness.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
}

async function accountId(token: string): Promise<string> {
  const res = await fetch(`${harness.server.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { id: string }).id;
}

/** The access token the web client stored for the signed-in user. */
const browserToken = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('smile.session')!) as { accessToken: string }).accessToken);

/** Signs someone up in the browser and has them follow `followee` through the API; resolves with their token. */
async function readerFollowing(page: Page, followeeToken: string): Promise<string> {
  await recordSockets(page);
  await signUpInBrowser(page, unique('ana'));
  const token = await browserToken(page);
  await post(harness.server.url, `/api/v1/accounts/${await accountId(followeeToken)}/follow`, {}, token);
  return token;
}

describe('live updates in the web client', () => {
  test('new posts wait behind a button, edits and deletes apply in place, and the badge rises live', async () => {
    const { server, newPage } = harness;
    const bobToken = await signUpViaApi(server.url, unique('bob'));
    await setDisplayName(server.url, bobToken, 'Bob Live');
    const cleoToken = await signUpViaApi(server.url, unique('cleo'));

    const page = await newPage();
    const myToken = await readerFollowing(page, bobToken);
    await subscribed(page, 'user');

    // At the top of the page, posts go straight into the feed: here, my own, posted elsewhere.
    let mine = '';
    for (let i = 1; i <= 6; i++) mine = (await post(server.url, '/api/v1/statuses', { status: `Note to self number ${i}` }, myToken)).id!;
    await page.getByRole('article').filter({ hasText: 'Note to self number 6' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('article').count(), { timeout: 15_000 }).toBe(6);
    expect(await page.getByRole('button', { name: /new post/ }).count()).toBe(0);

    // Scrolled down, Bob's post waits behind the button instead of moving the feed.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    const scrolledTo = await page.evaluate(() => window.scrollY);
    const bobs = await post(server.url, '/api/v1/statuses', { status: 'Live from the workshop 🔨' }, bobToken);
    const button = page.getByRole('button', { name: '1 new post' });
    await button.waitFor({ timeout: 10_000 });
    expect(await page.getByText('Live from the workshop').count()).toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolledTo);
    expect(await button.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'live-new-posts.png') });

    // Clicking it puts the post on top.
    await button.click();
    const bobsCard = page.getByRole('article', { name: 'Post by Bob Live' });
    await bobsCard.getByText('Live from the workshop 🔨').waitFor();
    expect(await page.getByRole('article').first().getAttribute('aria-label')).toBe('Post by Bob Live');
    expect(await page.getByRole('button', { name: /new post/ }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'live-shown.png') });

    // Bob edits it: the card changes in place. Then he deletes it: the card goes.
    await call('PUT', `/api/v1/statuses/${bobs.id}`, bobToken, { status: 'Live from the workshop, now with sawdust' });
    await bobsCard.getByText('Live from the workshop, now with sawdust').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('article').first().getAttribute('aria-label')).toBe('Post by Bob Live');
    await call('DELETE', `/api/v1/statuses/${bobs.id}`, bobToken);
    await expect.poll(() => bobsCard.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByRole('article').count()).toBe(6);

    // Cleo likes one of my posts: the bell shows it without a reload.
    const bell = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ });
    expect(await bell.getByLabel(/unread/).count()).toBe(0);
    await post(server.url, `/api/v1/statuses/${mine}/favourite`, {}, cleoToken);
    await bell.getByLabel('1 unread').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'live-badge.png') });

    // The notifications page shows it; while it is open, the next one arrives at the top.
    await bell.click();
    await page.getByRole('article', { name: /liked your post/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => bell.getByLabel(/unread/).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    await post(server.url, `/api/v1/statuses/${mine}/reblog`, {}, cleoToken);
    await page.getByRole('article', { name: /shared your post/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('article').count()).toBe(2);

    // The feed, the badge and the notifications page shared one socket.
    expect(await socketCount(page)).toBe(1);
  });

  test('a dropped socket comes back, catches up on what it missed, and keeps streaming', async () => {
    const { server, newPage } = harness;
    const bobToken = await signUpViaApi(server.url, unique('bob'));
    await setDisplayName(server.url, bobToken, 'Bob Again');
    const page = await newPage();
    await readerFollowing(page, bobToken);
    await subscribed(page, 'user');

    await post(server.url, '/api/v1/statuses', { status: 'Before the drop' }, bobToken);
    await page.getByText('Before the drop').waitFor({ timeout: 10_000 });

    // The network goes and the connection drops with it; Bob posts while it is gone.
    await page.context().setOffline(true);
    await page.evaluate(() => (window as WithLog).__live!.sockets[0]!.close());
    await post(server.url, '/api/v1/statuses', { status: 'While you were away' }, bobToken);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await page.getByText('While you were away').count()).toBe(0);
    expect(await openSockets(page)).toBe(0);

    // Back online, the client reconnects at once, subscribes again and fetches what it missed.
    await page.context().setOffline(false);
    await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(1);
    await subscribed(page, 'user', 2);
    await page.getByText('While you were away').waitFor({ timeout: 10_000 });

    // The new socket streams as the first did.
    await post(server.url, '/api/v1/statuses', { status: 'After the drop' }, bobToken);
    await page.getByText('After the drop').waitFor({ timeout: 10_000 });
    const texts = await page.getByRole('article').allTextContents();
    expect(texts.map((t) => ['After the drop', 'While you were away', 'Before the drop'].find((s) => t.includes(s)))).toEqual(['After the drop', 'While you were away', 'Before the drop']);
    await page.screenshot({ path: join(ARTIFACTS, 'live-reconnected.png') });
  });

  test('an anonymous visitor sees the public timeline live, without a token', async () => {
    const { server, newPage } = harness;
    const page = await newPage();
    await recordSockets(page);
    await page.goto('/explore?tab=latest');
    await subscribed(page, 'public:local');
    const text = `Hello, everyone ${unique('x')}`;
    await post(server.url, '/api/v1/statuses', { status: text }, await signUpViaApi(server.url, unique('eve')));
    await page.getByRole('article').first().getByText(text).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as WithLog).__live!.sockets[0]!.protocol)).toBe('');
  });
});
