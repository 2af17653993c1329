/**
 * Shared by the browser tests: a server and one Chromium (through playwright-core) per test
 * file, a hand-built PNG, sign-ups in the browser and through the API the way a third-party
 * app does them. A file that needs nothing of the server runs on the run's shared one
 * (shared-server.ts); a file with start options (a cron, other vars) gets its own.
 */
import { mkdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RunningServer, type SharedServer, type StartOptions, sharedServer, startServer } from './server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
export const PASSWORD = 'correct horse battery';

/** `extraArgs`: flags only some files need (a fake camera for the live tests). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync', ...extraArgs],
  });
}

export interface BrowserHarness {
  /** The file's server; there once its tests run. */
  readonly server: SharedServer;
  /** A page in a fresh browser context (no cookies, no storage) with the server as base URL. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Starts the browser (and the file's own server, with `serverOptions` — `testScheduled` for the
 * files that run the cron) before a file's tests and stops them after: call at the top of the file.
 */
export function useBrowser(defaultViewport = { width: 1280, height: 900 }, extraArgs: string[] = [], serverOptions?: StartOptions): BrowserHarness {
  let server: SharedServer | undefined;
  let ownServer: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  // What the Content-Security-Policy refused (Chromium reports each as a console error "Refused to …"):
  // a test whose page broke a rule of the policy fails, so the policy cannot silently break the app.
  const refusals: string[] = [];
  afterEach(() => {
    const seen = refusals.splice(0);
    if (seen.length) throw new Error(`The Content-Security-Policy refused:\n${seen.join('\n')}`);
  });
  // The requests the file's pages sent and had no answer to yet, printed with the server's last
  // lines when a test fails: a page load that waits 30 s for "load" names what it waited for.
  const inFlight = new Map<Request, number>();
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') {
      const now = Date.now();
      const waiting = [...inFlight].map(([r, at]) => `  ${r.method()} ${r.url()} — ${((now - at) / 1000).toFixed(1)} s`);
      console.error(`"${ctx.task.name}" failed. Unanswered requests:\n${waiting.join('\n') || '  none'}\nThe server's last lines:\n${server?.output().slice(-3000)}`);
    }
    inFlight.clear();
  });
  beforeAll(async () => {
    server = serverOptions ? (ownServer = await startServer(serverOptions)) : sharedServer();
    browser = await launchBrowser(extraArgs);
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await ownServer?.stop();
  });
  const harness: BrowserHarness = {
    get server() {
      if (!server) throw new Error('The server starts in beforeAll.');
      return server;
    },
    async newPage(viewport = defaultViewport) {
      if (!browser) throw new Error('The browser starts in beforeAll.');
      const context = await browser.newContext({ viewport, baseURL: harness.server.url });
      contexts.push(context);
      const page = await context.newPage();
      page.on('request', (r) => inFlight.set(r, Date.now()));
      page.on('requestfinished', (r) => inFlight.delete(r));
      page.on('requestfailed', (r) => inFlight.delete(r));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|^Refused to/.test(msg.text())) refusals.push(`${page.url()}: ${msg.text()}`);
      });
      return page;
    },
  };
  return harness;
}

/** A solid-colour PNG, built by hand so the test needs no image files. */
export function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** A JSON POST; throws with the answer when it is not 2xx. */
export async function post(baseUrl: string, path: string, body: object, token?: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

/** A new agent of the creator behind `token`, listed on the marketplace in EUR and published; resolves with the listing's id and title and the agent's id. */
export async function publishAgentListing(
  baseUrl: string,
  token: string,
  name: string,
  listing: { pricing_model: string; price: number; description?: string; tags?: string[] },
): Promise<{ id: string; title: string; agentId: string }> {
  const agent = await post(baseUrl, '/api/v1/agents', { username: unique('bot'), template: 'educator', display_name: name }, token);
  const created = await post(baseUrl, '/api/v1/market/listings', { agent_id: agent.id, category: 'business', description: `${name} helps small shops`, currency: 'EUR', ...listing }, token);
  await post(baseUrl, `/api/v1/market/listings/${created.id}/publish`, {}, token);
  return { id: created.id!, title: created.title!, agentId: agent.id! };
}

/** Registers an out-of-band OAuth app, as a command-line Mastodon client would. */
export const registerApp = (baseUrl: string, name: string) => post(baseUrl, '/api/v1/apps', { client_name: name, redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow push' });

/** Signs an account up through the API, the way a third-party app would; resolves with its access token. */
export async function signUpViaApi(baseUrl: string, username: string): Promise<string> {
  const app = await registerApp(baseUrl, 'e2e');
  const token = await post(baseUrl, '/oauth/token', { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write follow push' });
  const user = await post(baseUrl, '/api/v1/accounts', { username, email: `${username}@example.com`, password: PASSWORD, agreement: true, locale: 'en' }, token.access_token);
  return user.access_token!;
}

/** Sets an account's display name through the API. */
export async function setDisplayName(baseUrl: string, token: string, name: string): Promise<void> {
  const form = new FormData();
  form.set('display_name', name);
  const res = await fetch(`${baseUrl}/api/v1/accounts/update_credentials`, { method: 'PATCH', headers: { authorization: `Bearer ${token}` }, body: form });
  if (!res.ok) throw new Error(`update_credentials answered ${res.status}: ${await res.text()}`);
}

/** Signs up on the web client's sign-up page and waits for the home page to greet the newcomer. */
export async function signUpInBrowser(page: Page, username: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('E-mail').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel(/I agree to the SMILE terms/).check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: `Welcome, ${username}!` }).waitFor({ timeout: 15_000 });
}

/** Fills the offline test provider's card form (Stripe's test numbers: 4242…, 5555…, 4000 0000 0000 0002 declines); the form, to press its button. */
export async function typeTestCard(page: Page, number: string) {
  const card = page.getByRole('form', { name: 'Card' });
  await card.getByLabel('Card number').fill(number);
  await card.getByLabel('Expiry (MM/YY)').fill('12/34');
  await card.getByLabel('CVC').fill('123');
  return card;
}

/** Logs in on the web client's login page and waits for the home page. */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail or username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /^Welcome, / }).waitFor({ timeout: 15_000 });
}
