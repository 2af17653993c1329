/*
 * SMILE's service worker. It makes the web client an installable app that opens without a
 * network: the app shell (the SPA's index.html, icons, manifest) is cached at install; pages are
 * fetched from the network first and fall back to the cached shell offline; the build's hashed
 * /assets/ files never change, so they are served from the cache once fetched. The API, media and
 * sockets are never cached: what a person sees is always the server's answer or a clear error.
 * It also shows the Web Push notifications the server sends (a JSON payload as Mastodon's:
 * title, body, icon, notification_id, notification_type) and opens the app when one is clicked.
 * The browser has already decrypted the payload (RFC 8291) by the time `push` fires.
 */
const SHELL_CACHE = 'smile-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/smile.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/** The shell, with the build files its index.html loads (their names change with every build). */
async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(SHELL);
  const html = await (await cache.match('/')).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => event.waitUntil(cacheShell().then(() => self.skipWaiting())));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL_CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** A page: the network's answer (kept as the newest shell), the cached shell when offline. */
async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      const copy = response.clone();
      caches.open(SHELL_CACHE).then((cache) => cache.put('/', copy));
    }
    return response;
  } catch (err) {
    const shell = await caches.match('/');
    if (shell) return shell;
    throw err;
  }
}

/** A hashed build file: the cache's copy, else the network's (then cached). */
async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/oauth/')) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    // A payload that is not JSON still deserves a visible notification (userVisibleOnly).
  }
  const title = data.title || 'SMILE';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      icon: data.icon || '/smile.svg',
      tag: data.notification_id ? `notification-${data.notification_id}` : undefined,
      data: { url: '/notifications' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus().then((w) => (w && 'navigate' in w ? w.navigate(url) : w));
      return self.clients.openWindow(url);
    }),
  );
});
