/**
 * A subscription's card on file, and a new one for its next charges through the provider's card
 * form — for a subscription to an agent (My purchases) and for a plan (Settings → Plans).
 */
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { FormAlert } from '../FormAlert';
import { CardEntry } from './CardEntry';

interface Props<T> {
  card: { brand: string; last4: string } | null;
  /** Whether the card may change (a running subscription). */
  changeable: boolean;
  /** Sends the new card's payment method id; resolves with the subscription as it is now. */
  change(paymentMethod: string): Promise<T>;
  changed(updated: T): void;
}

export function CardOnFile<T>({ card, changeable, change, changed }: Props<T>) {
  const [open, setOpen] = useState(false);
  const action = useAction();
  const use = async (paymentMethod: string) => {
    const updated = await action.run(() => change(paymentMethod));
    if (updated) {
      setOpen(false);
      changed(updated);
    }
  };
  return (
    <>
      {card && (
        <p className="muted">
          Card: {card.brand} •••• {card.last4}
        </p>
      )}
      {changeable &&
        (open ? (
          <section aria-label="New card">
            <CardEntry busy={action.busy} payLabel="Use this card" onPay={(pm) => void use(pm)}>
              <FormAlert error={action.error} />
            </CardEntry>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              Keep the current card
            </button>
          </section>
        ) : (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Update card
          </button>
        ))}
    </>
  );
}
