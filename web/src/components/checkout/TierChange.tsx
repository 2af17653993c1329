/**
 * Changing a paid plan on Settings → Plans (docs/payments.md#changing-plan). What a change costs
 * is shown before it is confirmed, from the same proration the server charges with
 * (shared/money/proration.ts) — the server prices it again at the moment it is asked, which
 * differs by a cent at most every few minutes. One Idempotency-Key per attempt, kept while the
 * outcome is unknown (hooks/usePaymentAttempt.ts).
 */
import { formatPrice } from '../../../../shared/market/catalog';
import { prorate } from '../../../../shared/money/proration';
import type { ApiError } from '../../api/http';
import { changeTier } from '../../api/tiers';
import type { TierOverview, TierSubscription } from '../../api/types';
import { usePaymentAttempt } from '../../hooks/usePaymentAttempt';
import { finishWithBank } from '../../lib/bankAuthentication';
import { FormAlert } from '../FormAlert';
import { useBankChallenge } from './BankChallenge';

type Tier = TierOverview['tiers'][number];
const day = (iso: string) => new Date(iso).toLocaleDateString();

/**
 * Asks for a change with the card on file, under one attempt's key; `onDone` once it is made. An
 * upgrade whose bank asks to confirm the payment (3-D Secure) is confirmed, then asked for again
 * under the same key, which reads the outcome back.
 */
function useChange(onDone: () => void) {
  const { action, pay } = usePaymentAttempt();
  const { askTestBank, challenge } = useBankChallenge();
  const run = async (tier: string) => {
    const made = await pay('card_on_file', tier, async (key) => {
      const answer = await changeTier(tier, key);
      const secret = answer.change.next_action?.client_secret;
      return secret ? finishWithBank(secret, askTestBank, () => changeTier(tier, key), (again) => again.change.state === 'pending') : answer;
    });
    if (made) onDone();
  };
  return { action, run, challenge };
}

/** A plan's payment refused (402) says so — nothing charged, the plan unchanged; other errors as usual. */
export function PlanPaymentAlert({ error }: { error: ApiError | null }) {
  if (error?.status !== 402) return <FormAlert error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      <strong>Payment declined:</strong> {error.message} Nothing was charged and your plan is unchanged.
    </div>
  );
}

/** Switching `sub` to `tier`: the charge now (an upgrade) or the date it starts (a downgrade), then confirm. */
export function TierChange({ sub, from, tier, onCancel, onDone }: { sub: TierSubscription; from: Tier; tier: Tier; onCancel(): void; onDone(): void }) {
  const { action, run, challenge } = useChange(onDone);
  const { netCharge } = prorate(sub.price, tier.price!, { start: Date.parse(sub.current_period_start), end: Date.parse(sub.current_period_end), at: Date.now() });
  const monthly = formatPrice(tier.price!, tier.currency);
  const card = sub.card ? `${sub.card.brand} •••• ${sub.card.last4}` : 'your card';
  return (
    <div className="form" role="group" aria-label={`Switch to ${tier.name}`}>
      {netCharge > 0 ? (
        <p>
          {tier.name} starts now. You pay <strong>{formatPrice(netCharge, sub.currency)}</strong> today for the rest of this month (until {day(sub.current_period_end)}), then {monthly} a month, charged to {card}.
        </p>
      ) : (
        <p>
          You keep {from.name} until {day(sub.current_period_end)}; {tier.name} starts then, at {monthly} a month. Nothing is charged now.
        </p>
      )}
      <PlanPaymentAlert error={action.error} />
      {challenge}
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          Not now
        </button>
        <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void run(tier.id)}>
          {netCharge > 0 ? `Pay ${formatPrice(netCharge, sub.currency)} and switch` : `Switch on ${day(sub.current_period_end)}`}
        </button>
      </div>
    </div>
  );
}

/** A downgrade waiting for the month's end, and the button that calls it off. */
export function PendingTierChange({ sub, from, to, onDone }: { sub: TierSubscription; from: Tier; to: Tier; onDone(): void }) {
  const { action, run } = useChange(onDone);
  return (
    <div className="alert alert-info" role="status">
      <p>
        Switching to {to.name} on {day(sub.current_period_end)} ({formatPrice(to.price!, to.currency)} a month); {from.name}'s limits stay until then.
      </p>
      <FormAlert error={action.error} />
      <button type="button" className="button" disabled={action.busy} onClick={() => void run(from.id)}>
        Keep {from.name}
      </button>
    </div>
  );
}
