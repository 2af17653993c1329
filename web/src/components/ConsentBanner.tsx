/**
 * The cookie/analytics choice, asked once per browser (accept / decline). Signed in, the
 * account's `analytics` consent is the record: a choice made before sign-in is sent to it, and an
 * account's recorded choice wins over this browser's. Also runs the session reports, which only
 * a "yes" lets through (lib/analyticsConsent.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { getConsents, updateConsents } from '../api/privacy';
import { useSession } from '../auth/SessionProvider';
import { type Choice, onChoiceChange, startSessionReports, storeChoice, storedChoice } from '../lib/analyticsConsent';

export function ConsentBanner() {
  const { account } = useSession();
  const [choice, setChoice] = useState<Choice | null>(storedChoice);
  const signedIn = useRef(false);
  signedIn.current = account !== null;

  useEffect(() => onChoiceChange(() => setChoice(storedChoice())), []);
  useEffect(() => startSessionReports(() => signedIn.current && storedChoice() === 'granted'), []);

  // Signed in: the account's record and this browser's choice are brought into line.
  useEffect(() => {
    if (!account) return;
    let current = true;
    getConsents().then(async (consents) => {
      const analytics = consents.current.find((c) => c.kind === 'analytics');
      const local = storedChoice();
      if (!current || !analytics) return;
      if (analytics.recorded_at) storeChoice(analytics.granted ? 'granted' : 'denied');
      else if (local) await updateConsents({ analytics: local === 'granted' });
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [account?.id]);

  if (choice) return null;
  const decide = (next: Choice) => {
    storeChoice(next);
    if (account) updateConsents({ analytics: next === 'granted' }).catch(() => undefined);
  };
  return (
    <div className="banner" role="region" aria-label="Analytics and cookies">
      <div className="banner-text">
        <strong>May SMILE count how you use it?</strong> With a yes we record what you do here (visits and their length, posts, likes, follows, agents you look at or talk to) to
        show creators and the platform how things go; with a no, nothing about you is recorded. SMILE sets no tracking cookies and shares nothing with third parties. Change it any
        time in Settings → Privacy &amp; data.
      </div>
      <button type="button" className="button button-small button-primary" onClick={() => decide('granted')}>
        Accept
      </button>
      <button type="button" className="button button-small" onClick={() => decide('denied')}>
        Decline
      </button>
    </div>
  );
}
