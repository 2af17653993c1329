/**
 * Chats in a real browser (`npm run build:web` first), against the chats API and room socket of
 * docs/chat.md: two people in two browser contexts start a chat, see each other's messages live,
 * the typing indicator, the read receipt, a reaction and a picture; a dropped connection catches up on what
 * was sent meanwhile; a chat with an agent streams its 🤖 reply into the page. Screenshots land
 * in test-results/chat-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, png, post, setDisplayName, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

type Recorded = Window & { __chat?: { sockets: WebSocket[]; sawStream: boolean } };

/** Keeps the page's chat room sockets (so the test can drop one) and notes whether a streaming 🤖 bubble with text ever showed. */
async function recordChat(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log = { sockets: [] as WebSocket[], sawStream: false };
    (window as Recorded).__chat = log;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/api/v1/chats/')) log.sockets.push(this);
      }
    };
    new MutationObserver(() => {
      const bubble = document.querySelector('.chat-streaming .chat-text');
      if (bubble && bubble.textContent && bubble.textContent !== '…') log.sawStream = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const openSockets = (page: Page) => page.evaluate(() => (window as Recorded).__chat!.sockets.filter((s) => s.readyState === WebSocket.OPEN).length);

async function person(name: string): Promise<{ username: string; token: string }> {
  const username = unique(name.toLowerCase().split(' ')[0]!);
  const token = await signUpViaApi(site.server.url, username);
  await setDisplayName(site.server.url, token, name);
  return { username, token };
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('chats in the web client', () => {
  test('two people chat live: typing, read receipt, reaction, a picture, and catching up after a drop', async () => {
    const ana = await person('Ana Lovelace');
    const ben = await person('Ben Franklin');
    const a = await site.newPage();
    const b = await site.newPage();
    await recordChat(b);
    const errors: string[] = [];
    for (const p of [a, b]) p.on('pageerror', (err) => errors.push(err.stack ?? err.message));
    await logIn(a, ana.username);
    await logIn(b, ben.username);

    // Ana starts the chat by picking Ben in "New chat".
    await a.getByRole('link', { name: 'Chats' }).first().click();
    await a.getByRole('button', { name: 'New chat' }).click();
    const dialog = a.getByRole('dialog', { name: 'New chat' });
    await dialog.getByLabel('People and agents').fill(ben.username);
    await dialog.getByRole('button', { name: 'Add Ben Franklin' }).click({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Start chat' }).click();
    await a.getByRole('heading', { name: 'Ben Franklin' }).waitFor({ timeout: 15_000 });
    await send(a, 'Hello Ben!');
    const aLog = a.getByRole('log', { name: 'Messages' });
    await aLog.getByText('Hello Ben!').waitFor({ timeout: 15_000 });
    await expect.poll(() => aLog.getByText('Sending…').count(), { timeout: 15_000 }).toBe(0);

    // Ben's list shows the chat with its unread count and the last message; he opens it.
    await b.goto('/chats');
    const row = b.getByRole('link', { name: 'Ana Lovelace, 1 unread' });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.textContent()).toContain('Hello Ben!');
    await b.screenshot({ path: join(ARTIFACTS, 'chat-list.png'), fullPage: true });
    await row.click();
    const bLog = b.getByRole('log', { name: 'Messages' });
    await bLog.getByText('Hello Ben!').waitFor({ timeout: 15_000 });
    await expect.poll(() => openSockets(b), { timeout: 15_000 }).toBe(1);

    // Ben has read it: Ana sees the receipt. Then Ana writes again and Ben sees it live.
    await aLog.getByText('Seen by Ben Franklin').waitFor({ timeout: 15_000 });
    await send(a, 'Are you there?');
    await bLog.getByText('Are you there?').waitFor({ timeout: 15_000 });

    // Ben types: Ana sees it; Ben sends, Ana sees the message and reacts to it.
    await b.getByLabel('Message', { exact: true }).pressSequentially('Yes, he', { delay: 30 });
    await aLog.getByText('Ben Franklin is typing…').waitFor({ timeout: 15_000 });
    await b.getByLabel('Message', { exact: true }).fill('Yes, here!');
    await b.getByRole('button', { name: 'Send', exact: true }).click();
    const reply = aLog.getByRole('listitem', { name: 'Ben Franklin: Yes, here!' });
    await reply.waitFor({ timeout: 15_000 });
    await expect.poll(() => aLog.getByText('Ben Franklin is typing…').count(), { timeout: 10_000 }).toBe(0);
    await reply.getByRole('button', { name: 'Add a reaction' }).click();
    await reply.getByRole('button', { name: 'React 🎉' }).click();
    await bLog.getByRole('button', { name: '🎉 1' }).waitFor({ timeout: 15_000 });

    // A picture: uploaded with progress before the send, shown to Ben with the message.
    await a.locator('.chat-composer input[type=file]').setInputFiles({ name: 'sky.png', mimeType: 'image/png', buffer: png(32, 32, [90, 160, 230]) });
    await a.getByText('Uploaded').waitFor({ timeout: 15_000 });
    await send(a, 'Look at this sky');
    await bLog.getByRole('listitem', { name: 'Ana Lovelace: Look at this sky' }).getByRole('img').waitFor({ timeout: 15_000 });
    await a.screenshot({ path: join(ARTIFACTS, 'chat-room.png'), fullPage: true });

    // Ben's network drops; Ana sends through REST meanwhile; Ben's page catches up by itself.
    const chatId = new URL(a.url()).pathname.split('/').at(-1)!;
    await b.context().setOffline(true);
    await b.evaluate(() => (window as Recorded).__chat!.sockets.at(-1)!.close());
    await b.getByText('Offline, reconnecting…').waitFor({ timeout: 10_000 });
    await post(site.server.url, `/api/v1/chats/${chatId}/messages`, { client_id: 'away-1', text: 'Sent while you were away' }, ana.token);
    await post(site.server.url, `/api/v1/chats/${chatId}/messages`, { client_id: 'away-2', text: 'And one more' }, ana.token);
    await b.context().setOffline(false);
    await bLog.getByText('And one more').waitFor({ timeout: 30_000 });
    const texts = await bLog.locator('.chat-room-message .chat-text').allTextContents();
    expect(texts.filter((t) => t === 'Sent while you were away')).toHaveLength(1);
    expect(texts.slice(-2)).toEqual(['Sent while you were away', 'And one more']);
    await send(b, 'Back online');
    await aLog.getByText('Back online').waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  test("an agent's reply streams into the page as a 🤖 bubble, then stays as its message", async () => {
    const cleo = await person('Cleo Tide');
    const agent = await post(site.server.url, '/api/v1/agents', { username: unique('tide'), template: 'educator', display_name: 'Professor Tide', style: 'humorous', visibility: 'public' }, cleo.token);
    const agentAccount = (agent as unknown as { account: { id: string } }).account.id;
    const chat = await post(site.server.url, '/api/v1/chats', { account_ids: [agentAccount] }, cleo.token);

    const page = await site.newPage();
    await recordChat(page);
    await logIn(page, cleo.username);
    await page.goto(`/chats/${chat.id}`);
    await page.getByRole('heading', { name: 'Professor Tide 🤖' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(1);
    await send(page, 'Why are there two tides a day?');
    const log = page.getByRole('log', { name: 'Messages' });
    const answer = log.locator('.chat-room-message.chat-by-agent:not(.chat-streaming)');
    await answer.waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as Recorded).__chat!.sawStream)).toBe(true);
    await expect.poll(() => log.locator('.chat-streaming').count()).toBe(0);
    expect(await answer.locator('.chat-author').textContent()).toBe('Professor Tide 🤖');
    expect((await answer.locator('.chat-text').textContent())?.length).toBeGreaterThan(0);
    // The quote of the question it answers.
    expect(await answer.locator('.chat-quote-text').textContent()).toBe('Why are there two tides a day?');
    await page.screenshot({ path: join(ARTIFACTS, 'chat-agent.png'), fullPage: true });
  });
});
