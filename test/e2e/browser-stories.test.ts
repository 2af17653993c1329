/**
 * Stories in a real browser against the real Worker (`npm run build:web` first): one person
 * adds a text story and a picture story from the stories bar, a follower watches them in the
 * viewer, and the author sees who watched. Screenshots land in test-results/stories-*.png.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, logIn, useBrowser, png, post, signUpViaApi, unique } from './browser';

const site = useBrowser();
const newPage = site.newPage;

async function me(token: string): Promise<{ id: string }> {
  const res = await fetch(`${site.server.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { id: string };
}

describe('stories in the web client', () => {
  test('add a text and a picture story, a follower watches them, and the author sees who did', async () => {
    const ada = unique('ada');
    const ben = unique('ben');
    const adaToken = await signUpViaApi(site.server.url, ada);
    const benToken = await signUpViaApi(site.server.url, ben);
    await post(site.server.url, `/api/v1/accounts/${(await me(adaToken)).id}/follow`, {}, benToken);

    // Ada adds a text story on a green background from the stories bar.
    const author = await newPage();
    await logIn(author, ada);
    const bar = author.getByRole('region', { name: 'Stories' });
    await bar.getByRole('button', { name: 'Add a story' }).click();
    const composer = author.getByRole('dialog', { name: 'New story' });
    await composer.getByRole('button', { name: 'Text' }).click();
    await composer.getByLabel('Story text').fill('Hello from the mountains ⛰️');
    await composer.getByRole('radio', { name: 'Background #16a34a' }).click();
    await author.screenshot({ path: join(ARTIFACTS, 'stories-compose-text.png') });
    await composer.getByRole('button', { name: 'Share to your story' }).click();
    await bar.getByRole('button', { name: 'Open your story' }).waitFor({ timeout: 15_000 });

    // Then a picture, uploaded with progress.
    await bar.getByRole('button', { name: 'Add a story' }).click();
    await composer.getByLabel('Story photo or video').setInputFiles({ name: 'peak.png', mimeType: 'image/png', buffer: png(360, 640, [70, 130, 200]) });
    await expect.poll(() => composer.getByRole('progressbar', { name: 'Upload progress of peak.png' }).getAttribute('aria-valuenow'), { timeout: 15_000 }).toBe('100');
    await composer.getByText('Uploaded', { exact: true }).waitFor();
    await composer.getByRole('button', { name: 'Share to your story' }).click();
    await composer.waitFor({ state: 'detached', timeout: 15_000 });

    // Ben, who follows Ada, sees her ring marked new in his stories bar.
    const viewer = await newPage();
    await logIn(viewer, ben);
    const ring = viewer.getByRole('region', { name: 'Stories' }).getByRole('button', { name: `Open stories of ${ada} (new)` });
    await ring.waitFor({ timeout: 15_000 });
    await viewer.screenshot({ path: join(ARTIFACTS, 'stories-bar.png') });

    // The viewer opens on the text story, then moves on to the picture by itself; it can be paused there.
    await ring.click();
    const dialog = viewer.getByRole('dialog', { name: `Stories of ${ada}` });
    await dialog.getByText('Hello from the mountains ⛰️').waitFor();
    expect(await dialog.getByText('Story 1 of 2').count()).toBe(1);
    await viewer.screenshot({ path: join(ARTIFACTS, 'stories-viewer-text.png') });
    const picture = dialog.getByRole('img', { name: `Story by ${ada}` });
    await picture.waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Pause' }).click();
    // Paused, the picture stays up until it has loaded; seen here, rarely: the image or a view call taking over 15 s (cause not found).
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 45_000 }).toBe(true);
    await viewer.screenshot({ path: join(ARTIFACTS, 'stories-viewer-image.png') });

    // Arrow keys go back and forth, paused or not; Escape closes; the ring is no longer new.
    await viewer.keyboard.press('ArrowLeft');
    await dialog.getByText('Hello from the mountains ⛰️').waitFor();
    await viewer.keyboard.press('ArrowRight');
    await picture.waitFor();
    await viewer.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await viewer.getByRole('button', { name: `Open stories of ${ada}`, exact: true }).waitFor({ timeout: 45_000 });

    // Ada opens her own story: one view, and Ben in the list of viewers.
    await author.reload();
    await author.getByRole('region', { name: 'Stories' }).getByRole('button', { name: 'Open your story' }).click();
    const own = author.getByRole('dialog', { name: `Stories of ${ada}` });
    await own.getByRole('button', { name: '1 view' }).click();
    const viewers = own.getByRole('region', { name: 'Viewers' });
    await viewers.getByText(ben, { exact: true }).waitFor({ timeout: 15_000 });
    await author.screenshot({ path: join(ARTIFACTS, 'stories-viewers.png') });

    // On a phone the viewer fills the screen and nothing is wider than it.
    await viewer.setViewportSize({ width: 375, height: 812 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await viewer.getByRole('button', { name: `Open stories of ${ada}`, exact: true }).click();
    await viewer.getByRole('dialog', { name: `Stories of ${ada}` }).getByText('Hello from the mountains ⛰️').waitFor();
    await viewer.screenshot({ path: join(ARTIFACTS, 'stories-mobile.png') });
  });
});
