/**
 * A first month still waiting for the buyer's bank (3-D Secure) when the page is opened again —
 * the challenge was closed or the tab left: the buyer confirms it from here. `confirm` asks the
 * server for the outcome (lib/bankAuthentication.ts); `waiting` says the answer is still not decided.
 */
import { useAction } from '../../hooks/useAction';
import { finishWithBank } from '../../lib/bankAuthentication';
import { useBankChallenge } from './BankChallenge';
import { FormAlert } from '../FormAlert';

export function ConfirmWithBank<T>({ clientSecret, confirm, waiting, onDone }: { clientSecret: string; confirm(): Promise<T>; waiting(answer: T): boolean; onDone(answer: T): void }) {
  const action = useAction();
  const { askTestBank, challenge } = useBankChallenge();
  const start = async () => {
    const answer = await action.run(() => finishWithBank(clientSecret, askTestBank, confirm, waiting));
    if (answer !== undefined) onDone(answer);
  };
  return (
    <div className="alert" role="group" aria-label="Confirm the first month with your bank">
      <p>Your bank asks you to confirm the first month&apos;s payment before it starts.</p>
      {action.error?.status === 402 ? (
        <div className="alert alert-error" role="alert">
          <strong>Payment declined:</strong> {action.error.message} Nothing was charged; you can subscribe again with another card.
        </div>
      ) : (
        <FormAlert error={action.error} />
      )}
      {challenge}
      <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void start()}>
        Confirm with your bank
      </button>
    </div>
  );
}
