/**
 * The agent builder in a real browser against the real Worker (`npm run build:web` first): a
 * person builds an agent from a template, drags a trait block into its personality, picks a
 * style, creates it, uploads a training file that reaches "ready", and publishes it. Its profile
 * shows 🤖 and the owner; an edit of the personality shows "updated on" and lands in the version
 * history; someone else sees the same profile without the owner's controls.
 * Screenshots land in test-results/agents-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, signUpViaApi, unique, useBrowser } from './browser';

const site = useBrowser();

const TRAINING_TEXT = [
  'The lighthouse on Kestrel Point was built in 1887 and still guides boats into the bay.',
  'Its lamp was converted to electricity in 1952; the keeper’s cottage is now a small museum.',
  'Visitors can climb the 112 steps on summer weekends.',
].join('\n\n');

describe('agents in the web client', () => {
  test('build an agent, train it, publish it, edit it; others see it without the owner controls', async () => {
    const ada = unique('ada');
    const ben = unique('ben');
    const handle = unique('keeper');
    await signUpViaApi(site.server.url, ada);
    await signUpViaApi(site.server.url, ben);

    const page = await site.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await logIn(page, ada);
    await page.goto('/agents');
    await page.getByText('No agents yet').waitFor();
    await page.getByRole('link', { name: 'Create an agent' }).click();

    // Template: Expert.
    await page.getByRole('radio', { name: /^Expert/ }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'agents-templates.png') });
    await page.getByRole('button', { name: 'Next' }).click();

    // Personality: drag the "witty" block from the palette into the agent's traits, add a topic with its button, reorder with the keyboard alternative.
    const chosenTraits = page.getByRole('list', { name: "Your agent's traits" });
    expect(await chosenTraits.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('knowledgeable'), expect.stringContaining('precise'), expect.stringContaining('patient')]);
    const traitNames = async () => (await chosenTraits.getByRole('listitem').allTextContents()).map((t) => t.replace(/[⠿↑↓✕]/g, '').trim());
    // Dropped on the lower half of "knowledgeable", the block goes right after it.
    const first = chosenTraits.getByRole('listitem').first();
    const box = (await first.boundingBox())!;
    await page.getByRole('list', { name: 'Traits to choose from' }).getByText('witty', { exact: true }).dragTo(first, { targetPosition: { x: 10, y: box.height - 4 } });
    await page.getByRole('status').filter({ hasText: 'witty added.' }).waitFor();
    expect(await traitNames()).toEqual(['knowledgeable', 'witty', 'precise', 'patient']);
    await page.getByRole('button', { name: 'Move witty down' }).click();
    expect(await traitNames()).toEqual(['knowledgeable', 'precise', 'witty', 'patient']);
    await page.getByRole('button', { name: 'Add topic how things work' }).click();
    await page.getByRole('list', { name: "Your agent's topics" }).getByText('how things work').waitFor();
    // Dragging a chosen block back to the palette removes it.
    await chosenTraits.getByText('patient', { exact: true }).dragTo(page.getByRole('list', { name: 'Traits to choose from' }));
    await expect.poll(() => chosenTraits.getByText('patient', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'agents-personality.png'), fullPage: true });
    await page.getByRole('button', { name: 'Next' }).click();

    // Style, then name, handle and bio; the agent is created private.
    await page.getByRole('radio', { name: /^Humorous/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Name').fill('Kestrel Keeper');
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Bio').fill('I know everything about the Kestrel Point lighthouse.');
    await page.getByRole('button', { name: 'Create agent' }).click();

    // Training: the file uploads, then ingestion reaches "ready".
    await page.getByRole('heading', { name: 'Training', exact: true }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Add training files').setInputFiles({ name: 'lighthouse.txt', mimeType: 'text/plain', buffer: Buffer.from(TRAINING_TEXT) });
    const file = page.getByRole('listitem', { name: 'lighthouse.txt' });
    await file.getByText(/^Ready · \d+ passages?$/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'agents-training.png') });

    // A file the server refuses shows why.
    await page.getByLabel('Add training files').setInputFiles({ name: 'notes.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByRole('list', { name: 'Training files' }).getByRole('alert').filter({ hasText: 'notes.exe is not' }).waitFor({ timeout: 15_000 });

    // Try it, then publish as public.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Try it' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    expect(pageErrors).toEqual([]);
    await page.getByRole('radio', { name: /^Public/ }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published (public).').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'See its profile' }).click();

    // The profile: 🤖, the owner, version 1, and the owner's controls.
    await page.getByRole('heading', { name: /Kestrel Keeper/ }).waitFor({ timeout: 15_000 });
    await page.getByText('🤖 AI agent', { exact: true }).waitFor();
    await page.getByRole('link', { name: `Owner @${ada}` }).waitFor();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByText('Version 1').waitFor();
    await page.getByRole('group', { name: 'Owner controls' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'agents-profile-owner.png'), fullPage: true });

    // Editing the personality makes version 2: "updated on" and what changed, on the profile and in the history.
    await page.getByRole('link', { name: 'Edit personality' }).click();
    await page.getByRole('heading', { name: 'Edit Kestrel Keeper' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Remove trait witty' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Updated on /).waitFor({ timeout: 15_000 });
    await page.locator('.agent-updated').getByText('traits: removed witty').waitFor();
    await versions.getByText('Version 2').waitFor();
    await versions.getByText('traits: removed witty').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'agents-profile-updated.png'), fullPage: true });

    // Pause from the profile; the agent shows as paused.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Paused', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();

    expect(pageErrors).toEqual([]);

    // My agents lists it.
    await page.goto('/agents');
    await page.getByRole('list', { name: 'My agents' }).getByText(`@${handle}`, { exact: false }).waitFor({ timeout: 15_000 });

    // Ben sees the agent, its owner and what changed, but none of the owner's controls.
    const other = await site.newPage();
    await logIn(other, ben);
    await other.goto(`/@${handle}`);
    await other.getByText('🤖 AI agent', { exact: true }).waitFor({ timeout: 15_000 });
    await other.getByRole('link', { name: `Owner @${ada}` }).waitFor();
    await other.getByText(/^Updated on /).waitFor();
    await other.getByRole('link', { name: 'Chat with Kestrel Keeper' }).waitFor();
    expect(await other.getByRole('group', { name: 'Owner controls' }).count()).toBe(0);
    expect(await other.getByRole('link', { name: 'Edit personality' }).count()).toBe(0);
    await other.screenshot({ path: join(ARTIFACTS, 'agents-profile-visitor.png'), fullPage: true });

    // The dashboard is for the owner only.
    await other.goto(`/agents/${await agentId(handle)}/dashboard`);
    await other.getByText('Only the owner of Kestrel Keeper can see its dashboard.').waitFor({ timeout: 15_000 });
  });
});

async function agentId(handle: string): Promise<string> {
  const res = await fetch(`${site.server.url}/api/v1/accounts/lookup?acct=${handle}`);
  return ((await res.json()) as { id: string }).id;
}
