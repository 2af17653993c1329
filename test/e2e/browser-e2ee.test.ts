/**
 * End-to-end encrypted chats in a real browser (`npm run build:web` first), docs/e2ee.md: two
 * people in two browser contexts start an encrypted chat, each browser makes its own device key,
 * they exchange messages and both read them, their safety numbers match; the server's copy is an
 * envelope only; a browser added later says which messages it cannot open. Screenshots land in
 * test-results/e2ee-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, setDisplayName, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

async function person(name: string): Promise<{ username: string; token: string; id: string }> {
  const username = unique(name.toLowerCase().split(' ')[0]!);
  const token = await signUpViaApi(site.server.url, username);
  await setDisplayName(site.server.url, token, name);
  const me = (await (await fetch(`${site.server.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  return { username, token, id: me.id };
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const get = async (path: string, token: string) => (await fetch(`${site.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<any>;

async function safetyNumberOn(page: Page, accountId: string): Promise<string> {
  await page.getByRole('button', { name: /End-to-end encrypted/ }).click();
  const code = page.getByRole('dialog', { name: 'Safety numbers' }).locator(`.safety-number[data-account="${accountId}"]`);
  await code.waitFor({ timeout: 15_000 });
  const text = (await code.textContent())!;
  await page.keyboard.press('Escape');
  return text;
}

describe('end-to-end encrypted chats in the web client', () => {
  test('two browsers exchange encrypted messages, see the same safety number, and the server holds only envelopes', async () => {
    const ana = await person('Ana Lovelace');
    const ben = await person('Ben Franklin');
    const a = await site.newPage();
    const b = await site.newPage();
    const errors: string[] = [];
    for (const p of [a, b]) p.on('pageerror', (err) => errors.push(err.stack ?? err.message));
    await logIn(a, ana.username);
    await logIn(b, ben.username);

    // Ana starts an encrypted chat with Ben.
    await a.getByRole('link', { name: 'Chats' }).first().click();
    await a.getByRole('button', { name: 'New chat' }).click();
    const dialog = a.getByRole('dialog', { name: 'New chat' });
    await dialog.getByLabel('People and agents').fill(ben.username);
    await dialog.getByRole('button', { name: 'Add Ben Franklin' }).click({ timeout: 15_000 });
    await dialog.getByLabel('End-to-end encrypted').check();
    await dialog.getByText('Agents cannot be members').waitFor();
    await dialog.getByRole('button', { name: 'Start chat' }).click();
    await a.getByRole('heading', { name: 'Ben Franklin' }).waitFor({ timeout: 15_000 });
    await a.getByRole('button', { name: '🔒 End-to-end encrypted' }).waitFor();
    const chatId = new URL(a.url()).pathname.split('/').at(-1)!;

    // Ben opens it: his browser makes and publishes its device key.
    await b.goto(`/chats/${chatId}`);
    await b.getByRole('heading', { name: 'Ana Lovelace' }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await get(`/api/v1/e2ee/devices?account_ids=${ben.id}`, ana.token)).length, { timeout: 15_000 }).toBe(1);

    const secret = `Meet me at the old mill at ${unique('t')}`;
    await send(a, secret);
    const aLog = a.getByRole('log', { name: 'Messages' });
    const bLog = b.getByRole('log', { name: 'Messages' });
    await bLog.getByRole('listitem', { name: `Ana Lovelace: ${secret}` }).waitFor({ timeout: 20_000 });
    await aLog.getByRole('listitem', { name: `You: ${secret}` }).waitFor({ timeout: 20_000 });
    await send(b, 'Agreed, see you there');
    await aLog.getByRole('listitem', { name: 'Ben Franklin: Agreed, see you there' }).waitFor({ timeout: 20_000 });
    await b.screenshot({ path: join(ARTIFACTS, 'e2ee-room.png'), fullPage: true });

    // Both see the same safety number for each other.
    const onAna = await safetyNumberOn(a, ben.id);
    const onBen = await safetyNumberOn(b, ana.id);
    expect(onAna).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(onBen).toBe(onAna);

    // The server's copy: envelopes, no text; nothing of the plaintext anywhere in the answer.
    const history = await get(`/api/v1/chats/${chatId}/messages`, ana.token);
    expect(history).toHaveLength(2);
    for (const m of history) expect(m).toMatchObject({ text: '', envelope: { v: 1, sender_device: expect.any(String), ciphertext: expect.any(String) } });
    const raw = JSON.stringify(history) + JSON.stringify(await get('/api/v1/chats', ben.token));
    expect(raw).not.toContain('old mill');
    expect(raw).not.toContain('see you there');

    // Ben on a new browser: a new device, which was not there when these were sent.
    const b2 = await site.newPage();
    await logIn(b2, ben.username);
    await b2.goto(`/chats/${chatId}`);
    // Each message is opened (and found unopenable) on its own: the two notices may come one after the other.
    await expect.poll(() => b2.getByText('This message was sent before this device was added').count(), { timeout: 20_000 }).toBe(2);
    await b2.screenshot({ path: join(ARTIFACTS, 'e2ee-new-device.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
