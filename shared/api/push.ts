import { Empty } from '../schemas/common';
import { CreatePushSubscriptionBody, UpdatePushSubscriptionBody, WebPushSubscription } from '../schemas/push';
import { endpoint } from './endpoint';

const tags = ['Push'] as const;
const path = '/api/v1/push/subscription';

/** Mastodon's Web Push API: one subscription per access token, delivered with VAPID and RFC 8291 encryption (docs/push.md). */
export const pushApi = {
  create: endpoint({ method: 'post', path, summary: "Subscribe this access token to Web Push (replaces the token's previous subscription); alerts default to off", tags, auth: 'user', scope: 'push', body: CreatePushSubscriptionBody, response: WebPushSubscription }),
  get: endpoint({ method: 'get', path, summary: "This access token's push subscription (404 if it has none)", tags, auth: 'user', scope: 'push', response: WebPushSubscription }),
  update: endpoint({ method: 'put', path, summary: 'Change which notification types are pushed, and from whom (policy); alerts left out are turned off', tags, auth: 'user', scope: 'push', body: UpdatePushSubscriptionBody, response: WebPushSubscription }),
  delete: endpoint({ method: 'delete', path, summary: "Remove this access token's push subscription (succeeds when there is none)", tags, auth: 'user', scope: 'push', response: Empty }),
} as const;
