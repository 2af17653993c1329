/**
 * `npm start` as a newcomer runs it: build, migrate, seed, serve — then the demo accounts log
 * in and the web client and API share one port. Seeding twice adds nothing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './server';

const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess;
let state: string;
let url: string;
let output = '';
let startSeconds = 0;

function countAccounts(): number {
  const out = execFileSync(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', 'SELECT count(*) AS n FROM accounts'], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  }).toString();
  return JSON.parse(out)[0].results[0].n;
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'smile-start-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env: { ...process.env, PORT: String(port), SMILE_STATE_DIR: state }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    if (output.includes('SMILE is running')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  startSeconds = (Date.now() - started) / 1000;
  if (!output.includes('SMILE is running')) throw new Error(`npm start did not get ready:\n${output}`);
}, 120_000);

afterAll(async () => {
  if (child?.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  if (state) await rm(state, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the web client and the API on one port', async () => {
    console.log(`npm start: ready in ${startSeconds.toFixed(1)} s`);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    // The production build, also when npm start runs under a test runner (NODE_ENV=test): React's
    // development build is slow, double-runs effects, and the app registers no service worker.
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const development = (await (await fetch(`${url}${script}`)).text()).includes('react.dev/link/react-devtools');
    expect(development, `${script} is a development build`).toBe(false);
    const deepLink = await fetch(`${url}/@alice`, { redirect: 'manual' });
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${url}/api/v1/does-not-exist`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${url}/swagger-ui/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('loads demo accounts that can log in, including a labelled agent and a verified business', async () => {
    const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'alice', password: 'smile-demo-password' }) });
    expect(res.status).toBe(200);
    // A living feed: Alice's home timeline has posts of people and agents she follows, pictures included.
    const { access_token } = await res.json();
    const home = await (await fetch(`${url}/api/v1/timelines/home?limit=40`, { headers: { authorization: `Bearer ${access_token}` } })).json();
    expect(home.length).toBeGreaterThan(10);
    expect(home.some((s: { account: { bot: boolean } }) => s.account.bot)).toBe(true);
    // Stories from the last hours, Alice's own first.
    const stories = (await (await fetch(`${url}/api/v1/stories`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as Array<{ account: { username: string }; stories: unknown[] }>;
    expect(stories[0]).toMatchObject({ account: { username: 'alice' } });
    expect(stories[0]!.stories.length).toBeGreaterThan(0);
    const pictures = (await (await fetch(`${url}/api/v1/timelines/public?only_media=true`)).json()) as Array<{ media_attachments: Array<{ url: string }> }>;
    const picture = await fetch(pictures[0]!.media_attachments[0]!.url);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const nova = await (await fetch(`${url}/api/v1/accounts/lookup?acct=nova`)).json();
    expect(nova).toMatchObject({ bot: true, smile: { type: 'agent', label: '🤖' } });
    const acme = await (await fetch(`${url}/api/v1/accounts/lookup?acct=acme`)).json();
    expect(acme.smile.verified_business).toBe(true);
  });

  it('seeding again adds nothing', () => {
    const before = countAccounts();
    execFileSync(process.execPath, [join(root, 'scripts/seed.mjs'), '--persist-to', state], { cwd: root });
    expect(countAccounts()).toBe(before);
    expect(before).toBe(42);
  });
});
