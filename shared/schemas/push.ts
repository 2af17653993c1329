/**
 * Mastodon's Web Push API: the subscription a client registers (endpoint and browser keys, the
 * alerts it wants, the policy) and the WebPushSubscription entity. Forms send
 * `subscription[keys][p256dh]`, `data[alerts][mention]`; JSON sends the same nesting.
 */
import { z } from 'zod';
import { FormBoolean } from './common';
import { NotificationType } from './notifications';

export const PUSH_POLICIES = ['all', 'followed', 'follower', 'none'] as const;
export const PushPolicy = z.enum(PUSH_POLICIES);

/** Bytes of a base64 string in either alphabet, padded or not (browsers and apps send both); null if it is not base64. */
export function decodeBase64(value: string): Uint8Array | null {
  const normal = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normal) || normal.length % 4 === 1) return null;
  const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

const p256dh = z.string().refine((v) => {
  const bytes = decodeBase64(v);
  return bytes?.length === 65 && bytes[0] === 4;
}, 'must be an uncompressed P-256 public key (65 bytes), base64-encoded');
const auth = z.string().refine((v) => decodeBase64(v)?.length === 16, 'must be 16 bytes, base64-encoded');

/** Notification type → wanted; types left out are off, as in Mastodon. Unknown types (admin.*) are ignored. */
export const PushAlerts = z.object(Object.fromEntries(NotificationType.options.map((t) => [t, FormBoolean.optional()])) as Record<z.infer<typeof NotificationType>, z.ZodOptional<typeof FormBoolean>>);

const Data = z.object({ alerts: PushAlerts.optional(), policy: PushPolicy.optional() });

export const CreatePushSubscriptionBody = z.object({
  subscription: z.object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    keys: z.object({ p256dh, auth }),
    /** Mastodon 4.4: `true` for RFC 8291 (aes128gcm). SMILE only sends aes128gcm, so `false` is refused. */
    standard: FormBoolean.optional(),
  }),
  data: Data.optional(),
  /** Some clients send the policy at the top level. */
  policy: PushPolicy.optional(),
});
export type CreatePushSubscriptionBody = z.output<typeof CreatePushSubscriptionBody>;

/** Only the data part can change; Mastodon's docs name the policy `policy` here, its server reads `data[policy]`: both work. */
export const UpdatePushSubscriptionBody = z.object({ data: Data.optional(), policy: PushPolicy.optional() });
export type UpdatePushSubscriptionBody = z.output<typeof UpdatePushSubscriptionBody>;

export const WebPushSubscription = z
  .object({
    id: z.string(),
    endpoint: z.string(),
    standard: z.boolean(),
    alerts: z.record(NotificationType, z.boolean()),
    policy: PushPolicy,
    server_key: z.string().describe("The server's VAPID public key (base64url): the browser's applicationServerKey"),
  })
  .meta({ id: 'WebPushSubscription' });
export type WebPushSubscription = z.input<typeof WebPushSubscription>;
