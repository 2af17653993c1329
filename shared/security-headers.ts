/**
 * The browser-facing security headers, defined once: the Worker sets them on the HTML it serves
 * (workers/api/lib/security-headers.ts) and the web build writes them into `_headers`, which
 * Workers Static Assets applies to the files it serves without the Worker (web/vite.config.ts).
 * docs/security.md says why each source is allowed.
 */
const policy = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/**
 * What Stripe.js needs, as Stripe's CSP guide lists it: its script, its iframes (the card Element
 * from js.stripe.com; authentication and redirect pages from hooks.stripe.com), its API.
 */
const STRIPE_JS = { script: 'https://js.stripe.com', frames: ['https://js.stripe.com', 'https://hooks.stripe.com'], api: 'https://api.stripe.com' };

/**
 * The web client: its own scripts and styles, nothing inline, nothing evaluated — and Stripe.js,
 * which the card form loads when Stripe takes the payments (docs/security.md: why this policy does
 * not depend on the provider).
 */
export const WEB_CLIENT_CSP = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'", STRIPE_JS.script],
  // React's `style` props go through the CSSOM, which a CSP does not govern; no inline <style> or style="".
  'style-src': ["'self'"],
  // data: for the MFA QR code; blob: for previews of files picked for upload and decrypted E2EE media.
  'img-src': ["'self'", 'data:', 'blob:'],
  // blob: for the live player's MediaSource and previews of picked videos.
  'media-src': ["'self'", 'blob:'],
  // 'self' also covers ws:/wss: to this host (streaming, chat and live sockets).
  'connect-src': ["'self'", STRIPE_JS.api],
  // Stripe's card Element only: the web client frames nothing of its own.
  'frame-src': STRIPE_JS.frames,
  'font-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/** /api/docs: Swagger UI sets inline styles in markup and draws icons from data: URLs. */
export const API_DOCS_CSP = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/** JSON and media: nothing in them may run or be framed. */
export const API_CSP = policy({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });

/** Sent with every HTML page, beside its CSP. */
export const PAGE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Camera, microphone and screen for going live (LiveStreamPage); nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Ignored by browsers over plain http (development); binding over https.
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

/** The `_headers` file of Workers Static Assets: every asset, the SPA's index.html included. */
export function staticAssetHeadersFile(): string {
  const lines = Object.entries({ 'Content-Security-Policy': WEB_CLIENT_CSP, ...PAGE_HEADERS }).map(([k, v]) => `  ${k}: ${v}`);
  return ['/*', ...lines, ''].join('\n');
}
