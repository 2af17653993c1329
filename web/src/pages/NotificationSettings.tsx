import { useState } from 'react';
import { disablePush, enablePush, pushSupported, serverSubscription } from '../api/push';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { SettingsNav } from '../components/SettingsNav';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

/** Push notifications on this device: on subscribes the browser and registers it; off removes both. */
function PushToggle({ initiallyOn }: { initiallyOn: boolean }) {
  const action = useAction();
  const [on, setOn] = useState(initiallyOn);
  const [saved, setSaved] = useState<string | null>(null);

  const toggle = async () => {
    setSaved(null);
    if (on) {
      if (await action.run(async () => (await disablePush(), true))) {
        setOn(false);
        setSaved('Push notifications are off on this device.');
      }
    } else if (await action.run(enablePush)) {
      setOn(true);
      setSaved('Push notifications are on for this device.');
    }
  };

  return (
    <div className="form">
      <h2>Push notifications</h2>
      <p className="hint">Mentions, likes, boosts, follows, reactions and the rest of your notifications, shown by this browser even when SMILE is closed.</p>
      <FormAlert error={action.error} />
      {saved && <FormStatus>{saved}</FormStatus>}
      <button type="button" className={on ? 'button' : 'button button-primary'} aria-pressed={on} disabled={action.busy} onClick={toggle}>
        {action.busy ? 'Working…' : on ? 'Turn off push notifications' : 'Turn on push notifications'}
      </button>
    </div>
  );
}

export function NotificationSettings() {
  useDocumentTitle('Notification settings');
  const [subscription] = useResource(serverSubscription, []);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      {!pushSupported() ? (
        <p className="alert">This browser cannot receive push notifications.</p>
      ) : (
        <>
          {subscription.state === 'loading' && <Loading />}
          {subscription.state === 'error' && (
            <div className="alert alert-error" role="alert">
              {subscription.error.message}
            </div>
          )}
          {subscription.state === 'ready' && <PushToggle initiallyOn={subscription.data !== null} />}
        </>
      )}
    </section>
  );
}
