/**
 * Step-up verification: a dialog that asks for a code and verifies this session
 * (POST /api/v1/mfa/verify). Sensitive screens (payouts) use `useRecentMfa`, which opens it when
 * the server answers 403 `mfa_stale` and runs the action again once the code is accepted.
 */
import { type ReactNode, useCallback, useState } from 'react';
import { ApiError } from '../api/http';
import { verifyMfa } from '../api/mfa';
import type { MfaStatus } from '../api/types';
import { Dialog } from './Dialog';
import { MfaCodeForm } from './MfaCodeForm';

export function MfaPrompt({ reason, onVerified, onCancel }: { reason?: string; onVerified(status: MfaStatus): void; onCancel(): void }) {
  return (
    <Dialog title="Confirm it's you" onClose={onCancel} className="mfa-prompt">
      <p>{reason ?? 'Enter a code from your authenticator app to continue.'}</p>
      <MfaCodeForm send={verifyMfa} onDone={onVerified} submitLabel="Confirm" />
    </Dialog>
  );
}

/** Thrown by `useRecentMfa().run` when the person closes the prompt instead of giving a code. */
export class MfaCancelled extends Error {
  constructor() {
    super('Verification cancelled');
    this.name = 'MfaCancelled';
  }
}

/**
 * `run(action)` calls the action; when the server wants a fresh second factor (`mfa_stale`) it
 * shows the prompt (render `prompt`), then calls the action once more. Other errors, including
 * `mfa_required` (no authenticator yet), reach the caller unchanged.
 */
export function useRecentMfa(reason?: string): { prompt: ReactNode; run<T>(action: () => Promise<T>): Promise<T> } {
  const [waiting, setWaiting] = useState<{ resolve(): void; reject(err: Error): void } | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'mfa_stale') throw err;
      await new Promise<void>((resolve, reject) => setWaiting({ resolve, reject }));
      return action();
    }
  }, []);
  const prompt = waiting ? (
    <MfaPrompt
      reason={reason}
      onVerified={() => {
        setWaiting(null);
        waiting.resolve();
      }}
      onCancel={() => {
        setWaiting(null);
        waiting.reject(new MfaCancelled());
      }}
    />
  ) : null;
  return { prompt, run };
}
