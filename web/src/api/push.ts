/**
 * Web Push on this device: the service worker (/sw.js), the browser's push subscription, and the
 * server's record of it (/api/v1/push/subscription, one per session).
 */
import { api, publicApi } from './client';
import { ApiError } from './http';

export interface WebPushSubscription {
  id: string;
  endpoint: string;
  alerts: Record<string, boolean>;
  policy: 'all' | 'followed' | 'follower' | 'none';
  server_key: string;
}

/** What the web client asks for: every type a person sees in their notifications. */
const ALERTS = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'reaction', 'moderation', 'moderation_warning'];

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** base64url → bytes, the form `applicationServerKey` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export async function serverSubscription(): Promise<WebPushSubscription | null> {
  try {
    return await api<WebPushSubscription>('/api/v1/push/subscription');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register('/sw.js');
  return navigator.serviceWorker.ready;
}

/** The server's VAPID public key, from the instance (there is no subscription to read it from yet). */
async function vapidKey(): Promise<string> {
  return (await publicApi<{ configuration: { vapid: { public_key: string } } }>('/api/v2/instance')).configuration.vapid.public_key;
}

/** Asks permission, subscribes the browser with the server's VAPID key, and registers it with the server. */
export async function enablePush(): Promise<WebPushSubscription> {
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('Notifications are blocked for this site in your browser settings.');
  const reg = await registration();
  const browser = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(await vapidKey()) }));
  const { endpoint, keys } = browser.toJSON();
  return api<WebPushSubscription>('/api/v1/push/subscription', {
    method: 'POST',
    body: { subscription: { endpoint, keys }, data: { alerts: Object.fromEntries(ALERTS.map((a) => [a, true])), policy: 'all' } },
  });
}

/** Forgets the subscription on the server and in the browser. */
export async function disablePush(): Promise<void> {
  await api('/api/v1/push/subscription', { method: 'DELETE' });
  const reg = await navigator.serviceWorker.getRegistration('/sw.js');
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
}
