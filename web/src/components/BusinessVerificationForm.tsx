/** Ask to be verified as a business, and see where the request stands. */
import { type FormEvent, useState } from 'react';
import { type BusinessRequest, getBusinessVerification, requestBusinessVerification } from '../api/accounts';
import type { BusinessVerification } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { VerifiedBadge } from './AccountName';
import { TextField } from './Field';
import { FormAlert } from './FormAlert';
import { Loading } from './Loading';

const FIELDS = ['legal_name', 'website', 'country', 'registration_number', 'contact_email'] as const;

function Status({ request }: { request: BusinessVerification }) {
  const when = new Date(request.created_at).toLocaleDateString();
  if (request.status === 'pending') return <p role="status" className="alert alert-info">Your request for {request.legal_name} (sent {when}) is waiting for review.</p>;
  if (request.status === 'approved') return <p className="alert alert-success">{request.legal_name} is verified.</p>;
  return (
    <p className="alert alert-error">
      Your request for {request.legal_name} was not approved{request.reason ? `: ${request.reason}` : '.'} You can send a new one.
    </p>
  );
}

function RequestForm({ onSent, email }: { onSent(r: BusinessVerification): void; email: string }) {
  const action = useAction();
  const [form, setForm] = useState<BusinessRequest>({ legal_name: '', website: 'https://', country: '', registration_number: '', contact_email: email });
  const set = (key: keyof BusinessRequest) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const sent = await action.run(() => requestBusinessVerification({ ...form, country: form.country.trim().toUpperCase() }));
    if (sent) onSent(sent);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={action.error} fields={FIELDS} />
      <TextField label="Legal name" name="legal_name" required value={form.legal_name} error={action.fieldError('legal_name')} onChange={set('legal_name')} />
      <TextField label="Website" name="website" type="url" required value={form.website} error={action.fieldError('website')} onChange={set('website')} />
      <TextField label="Country" name="country" required maxLength={2} autoCapitalize="characters" hint="Two-letter code, like DE or US." value={form.country} error={action.fieldError('country')} onChange={set('country')} />
      <TextField label="Registration number" name="registration_number" required value={form.registration_number} error={action.fieldError('registration_number')} onChange={set('registration_number')} />
      <TextField label="Contact e-mail" name="contact_email" type="email" required value={form.contact_email} error={action.fieldError('contact_email')} onChange={set('contact_email')} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'Request verification'}
      </button>
    </form>
  );
}

export function BusinessVerificationSection() {
  const { account } = useSession();
  const [latest, setLatest] = useResource(getBusinessVerification, []);
  return (
    <section className="form">
      <h2>Business verification</h2>
      <p className="muted">Verified businesses get a badge next to their name and can sell on the marketplace.</p>
      {account?.smile.verified_business ? (
        <p className="alert alert-success">
          <VerifiedBadge /> This account is a verified business.
        </p>
      ) : latest.state === 'loading' ? (
        <Loading />
      ) : latest.state === 'error' ? (
        <p className="alert alert-error" role="alert">
          {latest.error.message}
        </p>
      ) : (
        <>
          {latest.data && <Status request={latest.data} />}
          {(!latest.data || latest.data.status === 'rejected') && <RequestForm email={account?.smile.email ?? ''} onSent={setLatest} />}
        </>
      )}
    </section>
  );
}
