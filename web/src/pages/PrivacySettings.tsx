import { type FormEvent, useState } from 'react';
import { getPrivacy, updatePrivacy } from '../api/accounts';
import type { PrivacySettings as Privacy } from '../api/types';
import { Checkbox } from '../components/Field';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { SettingsNav } from '../components/SettingsNav';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

const DM_CHOICES: { value: Privacy['dm_policy']; label: string }[] = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'following', label: 'Only people I follow' },
  { value: 'nobody', label: 'Nobody' },
];

function PrivacyForm({ initial }: { initial: Privacy }) {
  const action = useAction();
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const next = await action.run(() => updatePrivacy(settings));
    if (next) {
      setSettings(next);
      setSaved(true);
    }
  };
  const change = (patch: Partial<Privacy>) => {
    setSaved(false);
    setSettings({ ...settings, ...patch });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2>Privacy</h2>
      <FormAlert error={action.error} fields={['locked', 'discoverable', 'hide_from_search', 'dm_policy']} />
      <Checkbox label="Approve followers by hand" hint="People ask to follow you and you decide." checked={settings.locked} onChange={(e) => change({ locked: e.target.checked })} />
      <Checkbox label="Suggest my account to others" hint="Appear in the directory and on Explore." checked={settings.discoverable} onChange={(e) => change({ discoverable: e.target.checked })} />
      <Checkbox label="Hide me from search" hint="Keep your account and posts out of search results." checked={settings.hide_from_search} onChange={(e) => change({ hide_from_search: e.target.checked })} />
      <fieldset className="fieldset">
        <legend>Who can send you direct messages</legend>
        {DM_CHOICES.map((c) => (
          <label key={c.value} className="radio">
            <input type="radio" name="dm_policy" value={c.value} checked={settings.dm_policy === c.value} onChange={() => change({ dm_policy: c.value })} />
            {c.label}
          </label>
        ))}
      </fieldset>
      {saved && <FormStatus>Privacy settings saved.</FormStatus>}
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save privacy settings'}
      </button>
    </form>
  );
}

export function PrivacySettings() {
  useDocumentTitle('Privacy settings');
  const [privacy] = useResource(getPrivacy, []);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      {privacy.state === 'loading' && <Loading />}
      {privacy.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {privacy.error.message}
        </div>
      )}
      {privacy.state === 'ready' && <PrivacyForm initial={privacy.data} />}
    </section>
  );
}
