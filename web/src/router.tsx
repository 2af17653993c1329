/**
 * A tiny history-based router: the location as React state, `navigate()`, `<Link>`, and
 * matching of patterns like `/@:username` against the path.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const CHANGE = 'smile:navigate';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

let snapshot: Location | null = null;
function read(): Location {
  const { pathname, search, hash } = window.location;
  if (!snapshot || snapshot.pathname !== pathname || snapshot.search !== search || snapshot.hash !== hash) snapshot = { pathname, search, hash };
  return snapshot;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/** The current location; re-renders on every navigation. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, read);
}

/** Goes to `to` (a path with optional query and hash) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const from = window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  // A new page opens at its top, also after a redirect (a form that replaces itself with the
  // page it led to); a replaced query (a filter, a tab) keeps the reader where they are.
  if (!options.replace || window.location.pathname !== from) window.scrollTo(0, 0);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An `<a>` that navigates in-app on a plain left click and behaves normally otherwise. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export type Params = Record<string, string>;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Matches `/@:username`-style patterns; returns the decoded params or null. */
export function matchPath(pattern: string, rawPathname: string): Params | null {
  const pathname = rawPathname.split('/').map(safeDecode).join('/');
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)')))
    .join('/');
  const match = new RegExp(`^${source}/?$`).exec(pathname);
  if (!match) return null;
  const params: Params = {};
  names.forEach((name, i) => {
    params[name] = match[i + 1] ?? '';
  });
  return params;
}

/** The value of one query parameter of the current location. */
export function useQueryParam(name: string): string | null {
  return new URLSearchParams(useLocation().search).get(name);
}
