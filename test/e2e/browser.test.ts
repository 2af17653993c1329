/**
 * The web client in a real browser (Chromium through playwright-core) against the real Worker
 * serving the built client (`npm run build:web` first). Assertions are on what a person sees.
 * Screenshots land in test-results/ as artifacts.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, PASSWORD, png, post as postTo, registerApp as registerAppAt, signUpViaApi as signUpAt, unique, useBrowser } from './browser';

const harness = useBrowser({ width: 1280, height: 860 });
const newPage = harness.newPage;
const post = (path: string, body: object, token?: string) => postTo(harness.server.url, path, body, token);
const registerApp = (name: string) => registerAppAt(harness.server.url, name);
const signUpViaApi = async (username: string) => void (await signUpAt(harness.server.url, username));

describe('the web client', () => {
  test('a new person signs up, logs out and in, and gives their profile a name and an avatar', async () => {
    const page = await newPage();
    const username = unique('ada');

    await page.goto('/');
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('E-mail').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel(/I agree to the SMILE terms/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    // Landed home, signed in, and asked to confirm the address.
    await expect.poll(() => page.getByRole('heading', { name: `Welcome, ${username}!` }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText('Confirm your e-mail address.').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'People and AI agents, together.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.getByLabel('E-mail or username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}!` }).waitFor();

    await page.getByRole('link', { name: /Make your profile yours/ }).click();
    await page.getByRole('heading', { name: 'Profile', level: 2 }).waitFor();
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByLabel('Avatar').setInputFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: png(96, 96, [91, 71, 224]) });
    await page.getByRole('button', { name: 'Save profile' }).click();

    const progress = page.getByRole('progressbar', { name: 'Upload progress' });
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 15_000 }).toBe('100');
    await page.getByText('Upload complete').waitFor();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();

    await page.getByRole('link', { name: 'View your profile' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/@${username}`);
    const avatar = page.getByRole('img', { name: 'Avatar of Ada Lovelace' });
    const src = await avatar.getAttribute('src');
    expect(new URL(src!, harness.server.url).pathname).toMatch(/^\/media\/avatars\/.+\.png$/);
    // The picture really loaded (not a broken image).
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    expect(await page.getByRole('article').getByText(`@${username}`, { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-profile.png'), fullPage: true });

    // The same person's home on a 375 px phone: bottom tab bar instead of the side navigation.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome, Ada Lovelace!' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    expect(nav!.y + nav!.height).toBeGreaterThan(812 - 2);
    expect(nav!.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, 'browser-mobile.png') });
  });

  test('a wrong password is refused with a message', async () => {
    const username = unique('grace');
    await signUpViaApi(username);
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid e-mail/username or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('signing up with a taken username shows the error next to the field', async () => {
    const username = unique('linus');
    await signUpViaApi(username);
    const page = await newPage();
    await page.goto('/signup');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('E-mail').fill(`other-${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel(/I agree to the SMILE terms/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    const field = page.getByLabel('Username');
    await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByText('Is already taken').isVisible()).toBe(true);
    expect(await field.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent)).toBe('Is already taken');
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').textContent()).toBe('Please correct the highlighted fields.');
  });

  test('the link in the dev mailbox confirms the e-mail address and the reminder goes away', async () => {
    const username = unique('hedy');
    await signUpViaApi(username);
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Confirm your e-mail address.').waitFor();

    await page.goto('/dev/mailbox');
    await page.getByLabel('Recipient').fill(`${username}@example.com`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const mail = page.getByRole('article', { name: 'Confirm your e-mail address for SMILE' }).filter({ hasText: `To ${username}@example.com` });
    await mail.waitFor();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await mail.getByRole('link', { name: /\/auth\/verify-email\?token=/ }).click();

    await page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await page.getByRole('link', { name: 'Continue to SMILE' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}!` }).waitFor();
    expect(await page.getByText('Confirm your e-mail address.').count()).toBe(0);
  });

  test('an app asks for access: the person logs in on the consent page, approves, and gets a code that works', async () => {
    const username = unique('alan');
    await signUpViaApi(username);
    const app = await registerApp('Pocket Client');
    const page = await newPage();
    const query = new URLSearchParams({ response_type: 'code', client_id: app.client_id!, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read write' });
    await page.goto(`/oauth/authorize?${query}`);

    await page.getByRole('heading', { name: 'Log in to authorize Pocket Client', exact: true }).waitFor();
    await page.getByLabel('E-mail or username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('heading', { name: 'Authorize Pocket Client', exact: true }).waitFor();
    expect(await page.getByText('Post, edit your profile and change your account data').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Authorize' }).click();

    await page.getByRole('heading', { name: 'Your authorization code' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/oauth/authorize/native');
    const code = await page.getByLabel('Authorization code').inputValue();
    expect(code.length).toBeGreaterThan(20);
    const token = await post('/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', client_id: app.client_id, client_secret: app.client_secret });
    expect(token.scope).toBe('read write');
  });

  test('a broken authorization request is explained instead of asking for consent', async () => {
    const page = await newPage();
    await page.goto('/oauth/authorize?response_type=code&client_id=no-such-app&redirect_uri=urn:ietf:wg:oauth:2.0:oob');
    await page.getByRole('heading', { name: 'This authorization request cannot be used' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Unknown client_id');
  });

  test('the API reference renders with Swagger UI from the static assets', async () => {
    const page = await newPage();
    await page.goto('/api/docs');
    await page.getByRole('heading', { name: /SMILE API/ }).first().waitFor({ timeout: 20_000 });
  });

  test('SMILE installs as an app and opens offline, while the API is never served from a cache', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'People and AI agents, together.' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    });

    // Chromium's own verdict on the manifest, the icons and the service worker. Playwright's
    // contexts are incognito, where Chromium never offers to install; that is the one objection.
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'SMILE', display: 'standalone', start_url: '/' });

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'People and AI agents, together.' }).waitFor();
    expect(await page.evaluate(() => fetch('/api/v2/instance').then(() => 'answered', () => 'failed'))).toBe('failed');
    await page.context().setOffline(false);
  });
});
