/**
 * Live streaming in a real browser with Chromium's fake camera: one person goes live, another
 * watches (the player buffers media), chats, sees the viewer count, and gets the replay at the end.
 */
import { expect, test } from 'vitest';
import { signUpInBrowser, unique, useBrowser } from './browser';

const harness = useBrowser({ width: 1280, height: 900 }, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);

test('one context goes live, another watches, chats, and sees the replay after the end', async () => {
  const host = await harness.newPage();
  const viewer = await harness.newPage();
  await signUpInBrowser(host, unique('host'));
  await signUpInBrowser(viewer, unique('fan'));

  await host.goto('/live');
  await host.getByLabel('Title').fill('Browser broadcast');
  await host.getByRole('button', { name: 'Go live' }).click();
  await host.getByRole('button', { name: 'Start camera' }).click();
  await host.waitForURL(/\/live\/\d+$/);
  const url = host.url();

  await viewer.goto(url);
  await expect.poll(() => host.getByTestId('viewer-count').textContent(), { timeout: 15_000 }).toBe('1');
  await expect.poll(() => viewer.evaluate(() => document.querySelector('video')?.buffered.length ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);

  await viewer.getByLabel('Chat message').fill('hello from the audience');
  await viewer.getByRole('button', { name: 'Send', exact: true }).click();
  await host.getByText('hello from the audience').waitFor({ timeout: 10_000 });

  await host.getByRole('button', { name: 'End stream' }).click();
  await viewer.getByText('The stream has ended.').waitFor({ timeout: 15_000 });
  await expect.poll(() => viewer.evaluate(() => document.querySelector<HTMLVideoElement>('video.live-replay')?.src ?? ''), { timeout: 10_000 }).toMatch(/\/replay$/);
}, 120_000);
