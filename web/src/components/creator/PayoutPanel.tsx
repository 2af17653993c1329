/**
 * The payout side of the creator dashboard: the connected account (connect button, or a link to
 * finish onboarding at the provider's), the payout form behind the MFA prompt, and the payouts.
 */
import { useState } from 'react';
import { connectPayoutAccount, getPayoutAccount, listPayouts, requestPayout } from '../../api/earnings';
import type { Earnings, Payout } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../router';
import { PAYOUTS } from '../../../../shared/payments/payouts';
import { TextField } from '../Field';
import { FormAlert, FormStatus } from '../FormAlert';
import { Loaded } from '../Loaded';
import { MfaCancelled, useRecentMfa } from '../MfaPrompt';
import { RelativeTime } from '../RelativeTime';
import { formatMoney, parseMinorUnits } from './money';

export function PayoutPanel({ totals, onPaid }: { totals: Earnings['totals']; onPaid(): void }) {
  const [account, setAccount] = useResource(getPayoutAccount, []);
  const [payouts, setPayouts] = useResource(listPayouts, []);
  const connecting = useAction();

  const connect = async () => {
    const connected = await connecting.run(connectPayoutAccount);
    if (!connected) return;
    setAccount(connected);
    if (connected.onboarding_url) window.location.assign(connected.onboarding_url);
  };

  return (
    <section className="agent-panel" aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payouts</h2>
      <Loaded resource={account}>
        {(a) =>
          a.ready ? (
            <>
              <p className="muted">
                Paid to your connected account <code>{a.account_id}</code>.
              </p>
              <PayoutForm
                totals={totals}
                onPaid={(p) => {
                  setPayouts([p, ...(payouts.state === 'ready' ? payouts.data : [])]);
                  onPaid();
                }}
              />
            </>
          ) : (
            <>
              <p>{a.connected ? 'Your payout account needs a few more details at the payment provider before it can be paid.' : 'Connect a payout account to receive what you earn.'}</p>
              <FormAlert error={connecting.error} />
              <button type="button" className="button button-primary" onClick={connect} disabled={connecting.busy}>
                {a.connected ? 'Finish setting up payouts' : 'Connect payout account'}
              </button>
            </>
          )
        }
      </Loaded>
      <h3>Your payouts</h3>
      <Loaded resource={payouts}>{(list) => (list.length ? <PayoutList payouts={list} /> : <p className="muted">No payouts yet.</p>)}</Loaded>
    </section>
  );
}

function PayoutForm({ totals, onPaid }: { totals: Earnings['totals']; onPaid(p: Payout): void }) {
  const payable = totals.filter((t) => t.available > 0);
  const [currency, setCurrency] = useState(payable[0]?.currency ?? totals[0]?.currency ?? 'EUR');
  const [amount, setAmount] = useState('');
  // One key per intended payout: a retried submission of the same amount pays once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<Payout | null>(null);
  const action = useAction();
  const mfa = useRecentMfa('Payouts need a code from your authenticator app.');
  const available = totals.find((t) => t.currency === currency)?.available ?? 0;

  const change = (next: () => void) => {
    next();
    setKey(crypto.randomUUID());
    setDone(null);
    action.reset();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const minor = parseMinorUnits(amount);
    if (minor === null) return;
    const payout = await action.run(async () => {
      try {
        return await mfa.run(() => requestPayout(minor, currency, key));
      } catch (err) {
        if (err instanceof MfaCancelled) return undefined;
        throw err;
      }
    });
    if (!payout) return;
    setDone(payout);
    setAmount('');
    setKey(crypto.randomUUID());
    onPaid(payout);
  };

  const invalidAmount = amount !== '' && parseMinorUnits(amount) === null ? 'must be an amount like 12.50' : undefined;
  // The prompt is a form of its own: outside this one, never nested in it.
  return (
    <>
      {mfa.prompt}
      <form className="payout-form" onSubmit={submit} noValidate>
        <p>
          Available to pay out: <strong>{formatMoney(available, currency)}</strong>. The minimum is {formatMoney(PAYOUTS.minimumAmount, currency)}.
        </p>
        <div className="payout-fields">
          <TextField label="Amount" inputMode="decimal" value={amount} onChange={(e) => change(() => setAmount(e.target.value))} error={invalidAmount ?? action.fieldError('amount')} required />
          {totals.length > 1 && (
            <label className="field">
              <span className="field-label">Currency</span>
              <select value={currency} onChange={(e) => change(() => setCurrency(e.target.value))}>
                {totals.map((t) => (
                  <option key={t.currency}>{t.currency}</option>
                ))}
              </select>
            </label>
          )}
        </div>
        {action.error?.code === 'mfa_required' ? (
          <div className="alert alert-error" role="alert">
            Payouts need two-factor authentication. <Link to="/settings/account">Turn it on in your account settings</Link>, then come back.
          </div>
        ) : (
          <FormAlert error={action.error} fields={['amount']} />
        )}
        <FormStatus>{done && `Payout of ${formatMoney(done.amount, done.currency)} ${done.state === 'paid' ? 'sent' : 'requested'}.`}</FormStatus>
        <button type="submit" className="button button-primary" disabled={action.busy || amount === '' || Boolean(invalidAmount)}>
          {action.busy ? 'Paying out…' : 'Pay out'}
        </button>
      </form>
    </>
  );
}

const STATE_LABELS: Record<Payout['state'], string> = { pending: 'Pending', paid: 'Paid', failed: 'Failed' };

function PayoutList({ payouts }: { payouts: Payout[] }) {
  return (
    <div className="table-scroll">
      <table className="engagement payouts-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Amount</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr key={p.id}>
              <td>
                <RelativeTime iso={p.created_at} />
              </td>
              <td>{formatMoney(p.amount, p.currency)}</td>
              <td>
                {STATE_LABELS[p.state]}
                {p.failure && <span className="muted"> — {p.failure.message}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
