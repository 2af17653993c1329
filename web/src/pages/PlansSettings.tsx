/**
 * Settings → Plans: the platform's tiers with their limits, the caller's current plan, and
 * subscribing with the configured provider's card form (CardEntry; one Idempotency-Key per
 * attempt, kept across retries while the outcome is unknown: hooks/usePaymentAttempt.ts). Change a paid plan (the charge of
 * an upgrade shown first; a waiting downgrade shown, and called off), its card, cancel and resume it.
 * A plan granted by SMILE (Enterprise under contract) is shown with its end, and nothing is for sale meanwhile.
 * Below, the plan's invoices.
 */
import { useState } from 'react';
import { formatPrice } from '../../../shared/market/catalog';
import { formatMegabytes } from '../../../shared/money/tiers';
import { cancelTier, changeTierCard, confirmTier, getTiers, resumeTier, subscribeTier } from '../api/tiers';
import type { TierOverview } from '../api/types';
import { useBankChallenge } from '../components/checkout/BankChallenge';
import { CardEntry } from '../components/checkout/CardEntry';
import { ConfirmWithBank } from '../components/checkout/ConfirmWithBank';
import { CardOnFile } from '../components/checkout/CardOnFile';
import { PlanInvoices } from '../components/checkout/PlanInvoices';
import { PendingTierChange, PlanPaymentAlert, TierChange } from '../components/checkout/TierChange';
import { FormAlert } from '../components/FormAlert';
import { Loaded } from '../components/Loaded';
import { SettingsNav } from '../components/SettingsNav';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { usePaymentAttempt } from '../hooks/usePaymentAttempt';
import { finishWithBank } from '../lib/bankAuthentication';

type Tier = TierOverview['tiers'][number];
const day = (iso: string) => new Date(iso).toLocaleDateString();

function Limits({ tier }: { tier: Tier }) {
  const l = tier.limits;
  return (
    <ul>
      <li>{l.agents} agents</li>
      <li>{formatMegabytes(l.training_bytes_per_agent)} of training data per agent</li>
      <li>{l.published_listings} published marketplace listings</li>
      <li>{l.analytics ? 'Audience analytics' : 'Earnings only, no audience analytics'}</li>
    </ul>
  );
}

/**
 * The card form for one tier; a declined card says so and leaves the plan as it was. A card whose
 * bank asks to confirm the first month (3-D Secure) is confirmed before the attempt ends.
 */
function Subscribe({ tier, onDone }: { tier: Tier; onDone(): void }) {
  const { action: paying, pay: send } = usePaymentAttempt();
  const { askTestBank, challenge } = useBankChallenge();
  const pay = async (paymentMethod: string) => {
    const started = await send(paymentMethod, '', async (key) => {
      const sub = await subscribeTier(tier.id, paymentMethod, key);
      return sub.next_action ? finishWithBank(sub.next_action.client_secret, askTestBank, confirmTier, (s) => s.state === 'incomplete') : sub;
    });
    if (started) onDone();
  };
  return (
    <CardEntry busy={paying.busy} payLabel={`Pay ${formatPrice(tier.price!, tier.currency)} a month`} onPay={(pm) => void pay(pm)}>
      <PlanPaymentAlert error={paying.error} />
      {challenge}
    </CardEntry>
  );
}

function Plans({ overview, reload }: { overview: TierOverview; reload(): void }) {
  const [buying, setBuying] = useState<string | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const action = useAction();
  const sub = overview.subscription;
  const live = sub && ['incomplete', 'active', 'past_due'].includes(sub.state) ? sub : null;
  // Only a paid-up plan that renews can change (the server says the same: 422 past due, 409 set to end).
  const changeable = live?.state === 'active' && !live.cancel_at_period_end ? live : null;
  const tierOf = (id: string) => overview.tiers.find((t) => t.id === id)!;
  const current = tierOf(overview.current.tier);
  const change = async (fn: () => Promise<unknown>) => {
    if (await action.run(fn)) reload();
  };
  const changed = () => {
    setSwitching(null);
    reload();
  };
  return (
    <div className="form">
      <h2>Your plan: {current.name}</h2>
      {overview.current.granted ? (
        <p className="hint">Granted by SMILE until {day(overview.current.until!)}. Contact us to change or extend it.</p>
      ) : (
        overview.current.until && <p className="hint">{live?.cancel_at_period_end || !live ? `Ends on ${day(overview.current.until)}.` : `Renews on ${day(overview.current.until)}.`}</p>
      )}
      {live?.state === 'past_due' && (
        <div className="alert alert-error" role="alert">
          The last renewal was refused ({live.failure?.message}); we retry daily until {live.grace_until && day(live.grace_until)}, or within minutes with a new card.
        </div>
      )}
      {live?.state === 'incomplete' && live.next_action && <ConfirmWithBank clientSecret={live.next_action.client_secret} confirm={confirmTier} waiting={(s) => s.state === 'incomplete'} onDone={reload} />}
      {live && live.state !== 'incomplete' && <CardOnFile card={live.card} changeable change={changeTierCard} changed={reload} />}
      {changeable?.next_tier && <PendingTierChange sub={changeable} from={tierOf(changeable.tier)} to={tierOf(changeable.next_tier)} onDone={changed} />}
      <FormAlert error={action.error} />
      {/* A first month not yet paid has nothing to cancel (the server says 422): it is paid, refused or given up within the hour. */}
      {live && live.state !== 'incomplete' && (
        <button type="button" className="button" disabled={action.busy} onClick={() => void change(live.cancel_at_period_end ? resumeTier : cancelTier)}>
          {live.cancel_at_period_end ? 'Keep my plan (resume)' : 'Cancel at the end of the month'}
        </button>
      )}
      <div className="plans">
        {overview.tiers.map((t) => (
          <article key={t.id} className="plan" aria-current={t.id === current.id ? 'true' : undefined}>
            <h3>{t.name}</h3>
            <p>{t.price === null ? (t.id === 'free' ? 'Free' : 'Custom pricing') : `${formatPrice(t.price, t.currency)} / month`}</p>
            <Limits tier={t} />
            {t.id === current.id ? (
              <p className="muted">Current plan</p>
            ) : t.id === 'enterprise' ? (
              <p className="muted">Contact us for Enterprise terms.</p>
            ) : t.purchasable && !live && !overview.current.granted ? (
              buying === t.id ? (
                <Subscribe tier={t} onDone={reload} />
              ) : (
                <button type="button" className="button button-primary" onClick={() => setBuying(t.id)}>
                  Choose {t.name}
                </button>
              )
            ) : t.purchasable && changeable && t.id !== changeable.next_tier ? (
              switching === t.id ? (
                <TierChange sub={changeable} from={tierOf(changeable.tier)} tier={t} onCancel={() => setSwitching(null)} onDone={changed} />
              ) : (
                <button type="button" className="button button-primary" onClick={() => setSwitching(t.id)}>
                  Switch to {t.name}
                </button>
              )
            ) : null}
          </article>
        ))}
      </div>
      {live?.state === 'past_due' && <p className="hint">Once the overdue month is paid you can change plan.</p>}
      {live?.state === 'active' && live.cancel_at_period_end && <p className="hint">Keep your plan (resume) to change it to another one.</p>}
    </div>
  );
}

export function PlansSettings() {
  useDocumentTitle('Plans');
  const [version, setVersion] = useState(0);
  const [overview] = useResource(getTiers, [version]);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      <Loaded resource={overview}>{(o) => <Plans overview={o} reload={() => setVersion((v) => v + 1)} />}</Loaded>
      <PlanInvoices version={version} />
    </section>
  );
}
