/**
 * Where a card is typed, for the configured provider: offline the test card form; with Stripe,
 * Stripe's card Element under the instance's publishable key. Either way only a `pm_…` id comes
 * out. `children` (the outcome of the last attempt) shows above the form.
 */
import type { ReactNode } from 'react';
import { getInstance } from '../../api/instance';
import { useResource } from '../../hooks/useResource';
import { Loaded } from '../Loaded';
import { StripeCardForm } from './StripeCardForm';
import { TestCardForm } from './TestCardForm';

export function CardEntry({ busy, payLabel, onPay, children }: { busy: boolean; payLabel: string; onPay(paymentMethod: string): void; children?: ReactNode }) {
  const [instance] = useResource(getInstance, []);
  return (
    <Loaded resource={instance}>
      {({ configuration: { payments } }) => (
        <>
          {children}
          {payments.provider === 'test' ? (
            <TestCardForm busy={busy} payLabel={payLabel} onPay={onPay} />
          ) : payments.stripe_publishable_key ? (
            <StripeCardForm publishableKey={payments.stripe_publishable_key} busy={busy} payLabel={payLabel} onPay={onPay} />
          ) : (
            // The server refuses to start with Stripe and no publishable key; an older server may still say so.
            <div className="alert alert-error" role="alert">
              Card payments go through Stripe, but this server does not give out Stripe’s publishable key: cards cannot be taken on this page.
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}
