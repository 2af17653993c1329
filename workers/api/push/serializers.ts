/** The WebPushSubscription entity. */
import type { WebPushSubscription } from '../../../shared/schemas/push';
import type { Config } from '../../env';
import type { PushSubscriptionRow } from '../db/push';

export function serializeSubscription(config: Config, row: PushSubscriptionRow): WebPushSubscription {
  return {
    id: row.id,
    endpoint: row.endpoint,
    standard: true,
    alerts: JSON.parse(row.alerts) as WebPushSubscription['alerts'],
    policy: row.policy,
    server_key: config.VAPID_PUBLIC_KEY,
  };
}
