/** What the masto tests share: an app registered the Mastodon way, and signed-up clients. */
import { createOAuthAPIClient, createRestAPIClient, type mastodon } from 'masto';

export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const SCOPES = 'read write follow push';

/** Registers an app and gets its app-only token (client_credentials), as a Mastodon client does. */
export async function registeredApp(url: string, clientName = 'masto e2e') {
  const app = await createRestAPIClient({ url }).v1.apps.create({ clientName, redirectUris: OOB, scopes: SCOPES, website: 'https://example.org' });
  const appToken = await createOAuthAPIClient({ url }).token.create({ grantType: 'client_credentials', clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: OOB, scope: SCOPES });
  return { app, appToken };
}

/** A new account signed up through the app, and a client acting as it. */
export async function newClient(url: string, username: string): Promise<{ client: mastodon.rest.Client; account: mastodon.v1.AccountCredentials }> {
  const { appToken } = await registeredApp(url, 'masto social');
  const token = await createRestAPIClient({ url, accessToken: appToken.accessToken }).v1.accounts.create({ username, email: `${username}@example.com`, password: 'a long password', agreement: true, locale: 'en' });
  const client = createRestAPIClient({ url, accessToken: token.accessToken });
  return { client, account: await client.v1.accounts.verifyCredentials() };
}
