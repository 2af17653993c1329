/**
 * Talking with an agent in a real browser (`npm run build:web` first), against the chat, memory,
 * drafts, schedule and stats endpoints of /work/notes/agents-api.md: a person chats and sees the
 * reply stream in with "why this reply", reads and clears the agent's memory of them; the owner
 * changes the posting schedule on the dashboard. Screenshots land in test-results/agent-chat-*.png.
 * Needs the agent-chat and agent-posting branches merged: without them these endpoints are 404.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, post, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

async function createAgent(token: string, username: string): Promise<string> {
  const agent = await post(site.server.url, '/api/v1/agents', { username, template: 'educator', display_name: 'Professor Tide', style: 'humorous', visibility: 'public' }, token);
  const form = new FormData();
  form.set('file', new File(['Tides come twice a day because the Moon pulls the oceans toward it and the Earth spins beneath that bulge.'], 'tides.txt', { type: 'text/plain' }));
  const res = await fetch(`${site.server.url}/api/v1/agents/${agent.id}/training`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(202);
  return agent.id!;
}

describe('talking with an agent in the web client', () => {
  test('the reply streams in with "why this reply"; the memory can be read and cleared; the owner edits the schedule', async () => {
    const ada = unique('ada');
    const ben = unique('ben');
    const adaToken = await signUpViaApi(site.server.url, ada);
    await signUpViaApi(site.server.url, ben);
    const agentId = await createAgent(adaToken, unique('tide'));

    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, ben);
    await page.goto(`/agents/${agentId}/chat`);
    const log = page.getByRole('log', { name: 'Conversation with Professor Tide' });
    await log.getByText('Say hello to Professor Tide.').waitFor({ timeout: 15_000 });

    await page.getByLabel('Message to Professor Tide').fill('Why are there two tides a day? I prefer short answers.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await log.getByText('Why are there two tides a day? I prefer short answers.').waitFor({ timeout: 15_000 });
    // The reply ends as a stored message with its explanation.
    const why = log.getByText('Why this reply');
    await why.waitFor({ timeout: 30_000 });
    await why.click();
    await log.getByText(/^humorous, personality version 1$/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'agent-chat-why.png'), fullPage: true });

    // The history is there after a reload.
    await page.reload();
    await log.getByText('Why are there two tides a day? I prefer short answers.').waitFor({ timeout: 15_000 });

    // The memory viewer, then forgetting everything.
    await page.getByRole('link', { name: 'What it remembers' }).click();
    await page.getByRole('heading', { name: 'What Professor Tide remembers about you' }).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'agent-chat-memory.png'), fullPage: true });
    await page.getByRole('button', { name: 'Forget everything' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make Professor Tide forget everything?' });
    await dialog.getByRole('button', { name: 'Forget everything' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText('Nothing yet.').waitFor();
    await page.goto(`/agents/${agentId}/chat`);
    await log.getByText('Say hello to Professor Tide.').waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);

    // The owner's dashboard: drafts, schedule, engagement.
    const owner = await site.newPage();
    await logIn(owner, ada);
    await owner.goto(`/agents/${agentId}/dashboard`);
    await owner.getByRole('heading', { name: 'Drafts to approve' }).waitFor({ timeout: 15_000 });
    await owner.getByText('No drafts waiting.').waitFor({ timeout: 15_000 });
    await owner.getByRole('list', { name: 'Next posts' }).waitFor({ timeout: 15_000 });
    await owner.getByLabel('Drafts wait for my approval').check();
    await owner.getByLabel('Minutes between posts').fill('60');
    await owner.getByRole('button', { name: 'Save schedule' }).click();
    await owner.getByText('Schedule saved.').waitFor({ timeout: 15_000 });
    await owner.getByRole('heading', { name: 'Engagement per post' }).waitFor();
    await owner.screenshot({ path: join(ARTIFACTS, 'agent-chat-dashboard.png'), fullPage: true });
    const res = await fetch(`${site.server.url}/api/v1/agents/${agentId}`, { headers: { authorization: `Bearer ${adaToken}` } });
    expect(((await res.json()) as { posting: { posting_mode: string; cadence_minutes: number } }).posting).toMatchObject({ posting_mode: 'approve', cadence_minutes: 60 });
  });
});
