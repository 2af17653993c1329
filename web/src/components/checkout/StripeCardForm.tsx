/**
 * The card form with Stripe: Stripe's card Element (an iframe of js.stripe.com) takes the number,
 * expiry and CVC, and `stripe.createPaymentMethod` turns them into a `pm_…` id at Stripe. Only
 * that id is handed to `onPay`: the card itself never reaches SMILE, not even this page's code.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { loadStripe, type PaymentMethodResult, type StripeCardElement, type StripeJs } from '../../lib/stripeJs';

export function StripeCardForm({ publishableKey, busy, payLabel, onPay }: { publishableKey: string; busy: boolean; payLabel: string; onPay(paymentMethod: string): void }) {
  const mountPoint = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<{ stripe: StripeJs; card: StripeCardElement } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cardError, setCardError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [loads, setLoads] = useState(0);
  const labelId = useId();

  useEffect(() => {
    let card: StripeCardElement | undefined;
    let gone = false;
    setLoadError(null);
    loadStripe(publishableKey).then(
      (stripe) => {
        if (gone || !mountPoint.current) return;
        card = stripe.elements().create('card');
        card.on('change', (e) => setCardError(e.error?.message ?? null));
        card.mount(mountPoint.current);
        setForm({ stripe, card });
      },
      (err: unknown) => {
        if (!gone) setLoadError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      gone = true;
      card?.destroy();
    };
  }, [publishableKey, loads]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!form || creating || busy) return;
    setCreating(true);
    setCardError(null);
    const result = await form.stripe.createPaymentMethod({ type: 'card', card: form.card }).catch((err: unknown): PaymentMethodResult => ({ error: { message: err instanceof Error ? err.message : String(err) } }));
    setCreating(false);
    if (result.paymentMethod) onPay(result.paymentMethod.id);
    else setCardError(result.error.message ?? 'Stripe could not read this card.');
  };

  const error = loadError ?? cardError;
  return (
    <form className="card-form" onSubmit={(e) => void submit(e)} aria-label="Card" noValidate>
      <div className="field">
        <label id={labelId}>Card details</label>
        <div ref={mountPoint} className="stripe-card" role="group" aria-labelledby={labelId} aria-busy={!form && !loadError} />
        <p className="field-hint">Typed into Stripe’s form and sent to Stripe only; SMILE receives a reference to the card, never its number.</p>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}{' '}
          {loadError && (
            <button type="button" className="link-button" onClick={() => setLoads((n) => n + 1)}>
              Try again
            </button>
          )}
        </div>
      )}
      {!form && !loadError && <p className="muted">Loading Stripe’s card form…</p>}
      <button className="button button-primary" disabled={busy || creating || !form}>
        {busy || creating ? 'Paying…' : payLabel}
      </button>
    </form>
  );
}
