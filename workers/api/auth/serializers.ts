import type { z } from 'zod';
import type { Application } from '../../../shared/schemas/oauth';
import type { OAuthAppRow } from '../db/schema';

export function serializeApp(app: OAuthAppRow): z.input<typeof Application> {
  const redirectUris = JSON.parse(app.redirectUris) as string[];
  return { id: app.id, name: app.name, website: app.website, scopes: app.scopes.split(' '), redirect_uri: redirectUris.join('\n'), redirect_uris: redirectUris };
}
