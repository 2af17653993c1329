import { type FormEvent, useState } from 'react';
import { cancelDeletion, deletionStatus, getConsents, listExports, requestExport, scheduleDeletion, updateConsents } from '../api/privacy';
import type { ConsentKind, Consents, DataExport, DeletionStatus } from '../api/types';
import { Checkbox, TextField } from '../components/Field';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { SettingsNav } from '../components/SettingsNav';
import { useAction } from '../hooks/useAction';
import { storeChoice } from '../lib/analyticsConsent';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

const STATES: Record<DataExport['state'], string> = { queued: 'Waiting to start…', running: 'Being prepared…', ready: 'Ready', failed: 'Failed', expired: 'Expired' };

function ExportSection() {
  const action = useAction();
  const [exports, setExports] = useResource(listExports, []);
  const list = exports.state === 'ready' ? exports.data : [];
  const busy = list.some((e) => e.state === 'queued' || e.state === 'running');
  const start = async () => {
    if (await action.run(requestExport)) setExports(await listExports());
  };
  return (
    <section className="form" aria-labelledby="export-title">
      <h2 id="export-title">Download your data</h2>
      <p>A ZIP archive of everything SMILE stores about you: profile, posts and media, relationships, chats, your agents, what agents remember about you, purchases and consents. We notify you and send a link by e-mail when it is ready; the link works for 7 days.</p>
      <FormAlert error={action.error} />
      <button type="button" className="button button-primary" onClick={start} disabled={action.busy || busy}>
        {busy ? 'Export in progress' : 'Request an export'}
      </button>
      {busy && (
        <button type="button" className="button" onClick={async () => setExports(await listExports())}>
          Refresh
        </button>
      )}
      <ul className="export-list">
        {list.map((e) => (
          <li key={e.id}>
            Requested {day(e.created_at)} — <span data-testid="export-state">{STATES[e.state]}</span>
            {e.download_url && e.expires_at && (
              <>
                {' '}
                <a href={e.download_url} download>
                  Download ({Math.ceil((e.size ?? 0) / 1024)} KB)
                </a>{' '}
                until {day(e.expires_at)}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DeletionSection({ initial }: { initial: DeletionStatus }) {
  const action = useAction();
  const [status, setStatus] = useState(initial);
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await action.run(() => scheduleDeletion(password));
    if (next) {
      setStatus(next);
      setPassword('');
    }
  };
  const cancel = async () => {
    const next = await action.run(cancelDeletion);
    if (next) setStatus(next);
  };
  return (
    <section className="form" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <FormAlert error={action.error} fields={['password']} />
      {status.scheduled && status.delete_after ? (
        <>
          <p role="status">
            Your account is deactivated and will be deleted on <strong>{day(status.delete_after)}</strong>. Logging in before then cancels the deletion.
          </p>
          <button type="button" className="button button-primary" onClick={cancel} disabled={action.busy}>
            Cancel the deletion
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Your account is deactivated at once and deleted for good after 30 days, with your posts, media, chats and agents. Payment records stay, no longer linked to you. Log in within 30 days to cancel.</p>
          <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={action.fieldError('password')} />
          <button type="submit" className="button button-danger" disabled={action.busy || !password}>
            Delete my account
          </button>
        </form>
      )}
    </section>
  );
}

const CONSENT_LABELS: { kind: ConsentKind; label: string; hint: string }[] = [
  { kind: 'terms', label: 'I accept the terms of service', hint: '' },
  { kind: 'privacy_policy', label: 'I accept the privacy policy', hint: '' },
  { kind: 'marketing', label: 'Send me news and offers by e-mail', hint: '' },
  { kind: 'analytics', label: 'Allow usage analytics', hint: 'Counts your visits, posts, likes, follows and the agents you look at or talk to, for the dashboards of creators and of SMILE. Saying no deletes what was recorded.' },
  { kind: 'do_not_sell', label: 'Do not sell or share my personal information', hint: 'Your CCPA opt-out. SMILE sells and shares no personal information.' },
];

function ConsentSection({ initial }: { initial: Consents }) {
  const action = useAction();
  const [consents, setConsents] = useState(initial);
  const [saved, setSaved] = useState(false);
  const granted = (kind: ConsentKind) => consents.current.find((c) => c.kind === kind)?.granted ?? false;
  const toggle = async (kind: ConsentKind, value: boolean) => {
    setSaved(false);
    const next = await action.run(() => updateConsents({ [kind]: value }));
    if (next) {
      setConsents(next);
      setSaved(true);
      // This browser's copy of the choice follows, so the client stops (or starts) its reports at once.
      if (kind === 'analytics') storeChoice(value ? 'granted' : 'denied');
    }
  };
  return (
    <section className="form" aria-labelledby="consent-title">
      <h2 id="consent-title">Consents</h2>
      <FormAlert error={action.error} />
      {CONSENT_LABELS.map((c) => (
        <Checkbox key={c.kind} label={c.label} hint={c.hint || undefined} checked={granted(c.kind)} disabled={action.busy} onChange={(e) => toggle(c.kind, e.target.checked)} />
      ))}
      {saved && <FormStatus>Saved. Every choice is recorded with the date and the version of the document.</FormStatus>}
    </section>
  );
}

export function DataSettings() {
  useDocumentTitle('Privacy & data');
  const [deletion] = useResource(deletionStatus, []);
  const [consents] = useResource(getConsents, []);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      <ExportSection />
      {deletion.state === 'ready' ? <DeletionSection initial={deletion.data} /> : <Loading />}
      {consents.state === 'ready' ? <ConsentSection initial={consents.data} /> : <Loading />}
    </section>
  );
}
