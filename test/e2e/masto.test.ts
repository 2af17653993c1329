/**
 * A real Mastodon client library (`masto`) against the real server: if SMILE speaks the
 * Mastodon API faithfully, masto works unchanged.
 */
import { createRestAPIClient } from 'masto';
import { describe, expect, it } from 'vitest';
import { PNG_1X1, registeredApp as registeredAppAt } from './masto-client';
import { sharedServer } from './server';

const server = sharedServer();

const registeredApp = () => registeredAppAt(server.url);

describe('masto against SMILE', () => {
  it('creates an app, signs up, verifies credentials and updates the profile with an avatar', async () => {
    const { app, appToken } = await registeredApp();
    expect(app.name).toBe('masto e2e');

    const instance = await createRestAPIClient({ url: server.url }).v2.instance.fetch();
    expect(instance.configuration.statuses.maxCharacters).toBe(500);
    expect(instance.configuration.urls.streaming).toBe(server.url.replace('http', 'ws'));

    const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
    const token = await asApp.v1.accounts.create({ username: 'masto_user', email: 'masto@example.com', password: 'a long password', agreement: true, locale: 'en' });
    expect(token.accessToken).toBeTruthy();

    const me = createRestAPIClient({ url: server.url, accessToken: token.accessToken });
    const account = await me.v1.accounts.verifyCredentials();
    expect(account).toMatchObject({ username: 'masto_user', acct: 'masto_user', bot: false, locked: false });
    expect(account.source.privacy).toBe('public');

    const updated = await me.v1.accounts.updateCredentials({
      displayName: 'Masto Tester',
      note: 'Testing from a real client',
      locked: true,
      avatar: new Blob([PNG_1X1], { type: 'image/png' }),
      fieldsAttributes: [{ name: 'Made with', value: 'masto' }],
      source: { privacy: 'unlisted' },
    });
    expect(updated).toMatchObject({ displayName: 'Masto Tester', locked: true, fields: [{ name: 'Made with', value: 'masto' }] });
    expect(updated.source.privacy).toBe('unlisted');
    const avatar = await fetch(updated.avatar);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/png');

    const found = await me.v1.accounts.lookup({ acct: 'masto_user' });
    expect(found.id).toBe(account.id);
    const byId = await me.v1.accounts.$select(account.id).fetch();
    expect(byId.displayName).toBe('Masto Tester');
    const prefs = await me.v1.preferences.fetch();
    expect(prefs['posting:default:visibility']).toBe('unlisted');
  });

  it('surfaces validation errors and bad tokens as Mastodon errors', async () => {
    const { appToken } = await registeredApp();
    const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
    await asApp.v1.accounts.create({ username: 'dupe_user', email: 'dupe@example.com', password: 'a long password', agreement: true, locale: 'en' });
    const duplicate = await asApp.v1.accounts
      .create({ username: 'dupe_user', email: 'other@example.com', password: 'a long password', agreement: true, locale: 'en' })
      .catch((e: unknown) => e as { statusCode: number; message: string; details?: Record<string, unknown> });
    expect(duplicate).toMatchObject({ statusCode: 422 });
    expect((duplicate as { details?: Record<string, unknown> }).details).toHaveProperty('username');

    const stranger = createRestAPIClient({ url: server.url, accessToken: 'not-a-token' });
    await expect(stranger.v1.accounts.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
  });
});
