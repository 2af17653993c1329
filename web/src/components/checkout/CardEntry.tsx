/**
 * Where a card is typed, for the configured provider: offline the test card form; with Stripe a
 * note that Stripe Elements (which keeps the number away from SMILE) is not in this client yet.
 * `children` (the outcome of the last attempt) shows above the form.
 */
import type { ReactNode } from 'react';
import { getInstance } from '../../api/instance';
import { useResource } from '../../hooks/useResource';
import { Loaded } from '../Loaded';
import { TestCardForm } from './TestCardForm';

export function CardEntry({ busy, payLabel, onPay, children }: { busy: boolean; payLabel: string; onPay(paymentMethod: string): void; children?: ReactNode }) {
  const [instance] = useResource(getInstance, []);
  return (
    <Loaded resource={instance}>
      {(i) =>
        i.configuration.payments.provider === 'stripe' ? (
          <div className="alert alert-info" role="status">
            Card payments here go through Stripe, and Stripe Elements (which collects the card so its number never reaches SMILE) is not part of this web client yet: cards cannot be
            taken on this page.
          </div>
        ) : (
          <>
            {children}
            <TestCardForm busy={busy} payLabel={payLabel} onPay={onPay} />
          </>
        )
      }
    </Loaded>
  );
}
