/**
 * The cookie/analytics choice of this browser. Before sign-in it lives only here (localStorage);
 * signed in, the account's `analytics` consent (PUT /api/v1/privacy/consents) is what counts and
 * this copy follows it. The client's only analytics is the session report (how long a visit
 * lasted), sent when the tab is hidden and only with a "yes": with a "no" nothing is sent, and
 * the server records nothing either (docs/analytics.md).
 */
import { reportSession } from '../api/analytics';

const KEY = 'smile.analytics-consent';
export type Choice = 'granted' | 'denied';

export function storedChoice(): Choice | null {
  const v = localStorage.getItem(KEY);
  return v === 'granted' || v === 'denied' ? v : null;
}

export function storeChoice(choice: Choice): void {
  localStorage.setItem(KEY, choice);
  window.dispatchEvent(new Event(KEY));
}

/** Calls `listener` when the choice changes in this tab. */
export function onChoiceChange(listener: () => void): () => void {
  window.addEventListener(KEY, listener);
  return () => window.removeEventListener(KEY, listener);
}

/** Shorter visible stretches are not worth a report (the server refuses under a second). */
const MIN_MS = 5000;

/**
 * Measures visible time and reports it when the page is hidden (tab switched, closed), while
 * `enabled()` says yes and someone is signed in. Returns the stop function.
 */
export function startSessionReports(enabled: () => boolean): () => void {
  let since = document.visibilityState === 'visible' ? Date.now() : null;
  const onVisibility = () => {
    if (document.visibilityState === 'visible') {
      since = Date.now();
      return;
    }
    if (since === null) return;
    const ms = Date.now() - since;
    since = null;
    if (ms >= MIN_MS && enabled()) reportSession(ms).catch(() => undefined);
  };
  document.addEventListener('visibilitychange', onVisibility);
  return () => document.removeEventListener('visibilitychange', onVisibility);
}
