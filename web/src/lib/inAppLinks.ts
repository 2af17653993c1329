/**
 * Clicks on links inside rendered HTML (status contents, bios): links to this server's pages —
 * mentions, hashtags — open in the app instead of reloading it, and a hashtag always opens
 * its /tags page here, wherever its link points (Mastodon clients do the same).
 */
import type { MouseEvent } from 'react';
import { navigate } from '../router';

/** The in-app path for a link, or null when the browser should follow it. */
export function inAppPath(a: HTMLAnchorElement): string | null {
  const url = new URL(a.href, window.location.href);
  if (a.classList.contains('hashtag')) {
    const tag = /\/tags\/([^/?#]+)/.exec(url.pathname)?.[1] ?? encodeURIComponent((a.textContent ?? '').replace(/^#/, ''));
    return tag ? `/tags/${tag}` : null;
  }
  return url.origin === window.location.origin ? url.pathname + url.search : null;
}

/** An onClick for a container of rendered HTML. */
export function openInApp(e: MouseEvent<HTMLElement>): void {
  const a = (e.target as Element).closest('a');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const path = inAppPath(a);
  if (!path) return;
  e.preventDefault();
  navigate(path);
}
