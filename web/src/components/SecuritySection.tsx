/**
 * Settings → Account → Security: turn two-factor authentication (TOTP) on with a QR code or the
 * secret typed by hand, confirm it with a first code, see the recovery codes once; later see the
 * status, replace the recovery codes, or turn it off.
 */
import { type FormEvent, useState } from 'react';
import { confirmMfa, disableMfa, mfaStatus, regenerateRecoveryCodes, startMfaSetup } from '../api/mfa';
import type { MfaSetup, MfaStatus } from '../api/types';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { TextField } from './Field';
import { FormAlert } from './FormAlert';
import { Loaded } from './Loaded';
import { MfaCodeForm } from './MfaCodeForm';
import { RecoveryCodes } from './RecoveryCodes';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

function StartForm({ onStarted }: { onStarted(setup: MfaSetup): void }) {
  const action = useAction();
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const setup = await action.run(() => startMfaSetup(password));
    if (setup) onStarted(setup);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={action.error} fields={['current_password']} />
      <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" required value={password} error={action.fieldError('current_password')} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? 'Starting…' : 'Set up an authenticator app'}
      </button>
    </form>
  );
}

function Enrol({ setup, onConfirmed }: { setup: MfaSetup; onConfirmed(codes: string[]): void }) {
  return (
    <div className="mfa-enrol">
      <p>Scan this QR code with your authenticator app (Google Authenticator, 1Password, Aegis…), then enter the 6-digit code it shows.</p>
      <img className="mfa-qr" width={200} height={200} alt="QR code for your authenticator app" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qr_svg)}`} />
      <p>
        Can't scan it? Enter this key by hand: <code className="mfa-secret" data-testid="mfa-secret">{setup.secret}</code>
      </p>
      <MfaCodeForm send={confirmMfa} onDone={(r) => onConfirmed(r.recovery_codes)} submitLabel="Turn on" allowRecovery={false} />
    </div>
  );
}

function DisableForm({ onDisabled }: { onDisabled(status: MfaStatus): void }) {
  const action = useAction();
  const [form, setForm] = useState({ code: '', password: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const status = await action.run(() => disableMfa(form.code.trim(), form.password));
    if (status) onDisabled(status);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3>Turn off two-factor authentication</h3>
      <FormAlert error={action.error} fields={['code', 'current_password']} />
      <TextField label="Authentication code" name="code" autoComplete="one-time-code" required value={form.code} hint="A code from your app, or a recovery code." error={action.fieldError('code')} onChange={(e) => setForm({ ...form, code: e.target.value })} />
      <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" required value={form.password} error={action.fieldError('current_password')} onChange={(e) => setForm({ ...form, password: e.target.value })} />
      <button type="submit" className="button button-danger" disabled={action.busy}>
        {action.busy ? 'Turning off…' : 'Turn off'}
      </button>
    </form>
  );
}

function Enabled({ status, onChanged, onCodes }: { status: MfaStatus; onChanged(status: MfaStatus): void; onCodes(codes: string[], status: MfaStatus): void }) {
  return (
    <>
      <p>
        <span className="chip chip-ok">On</span> since {when(status.enrolled_at)}. Recovery codes left: <strong>{status.recovery_codes_left}</strong>. This session last confirmed a code: {when(status.verified_at)}.
      </p>
      <h3>New recovery codes</h3>
      <p className="muted">Replaces every recovery code you have.</p>
      <MfaCodeForm send={regenerateRecoveryCodes} onDone={(r) => onCodes(r.recovery_codes, r.status)} submitLabel="Generate new codes" allowRecovery={false} />
      <DisableForm onDisabled={onChanged} />
    </>
  );
}

export function SecuritySection() {
  const [resource, setStatus] = useResource(mfaStatus, []);
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const body = (status: MfaStatus) => {
    if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
    if (status.enabled) return <Enabled status={status} onChanged={setStatus} onCodes={(c, s) => (setCodes(c), setStatus(s))} />;
    if (setup)
      return (
        <Enrol
          setup={setup}
          onConfirmed={(c) => {
            setSetup(null);
            setCodes(c);
            void mfaStatus().then(setStatus);
          }}
        />
      );
    return (
      <>
        <p className="muted">Protect your account with a code from an authenticator app. Payouts require it.</p>
        <StartForm onStarted={setSetup} />
      </>
    );
  };

  return (
    <section className="form" aria-labelledby="security-heading">
      <h2 id="security-heading">Two-factor authentication</h2>
      <Loaded resource={resource}>{body}</Loaded>
    </section>
  );
}
