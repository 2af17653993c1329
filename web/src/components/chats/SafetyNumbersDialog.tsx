/**
 * The safety number of each other member of an encrypted chat (docs/e2ee.md): computed from both
 * accounts' device keys as the directory lists them. The same number on both screens, compared
 * in person or by a call, means nobody put their own key in between.
 */
import { useEffect, useState } from 'react';
import { safetyNumber } from '../../../../shared/e2ee/crypto';
import type { Chat } from '../../api/chats';
import type { E2eeDevice } from '../../api/e2ee';
import { nameWithLabel } from '../../lib/chatNames';
import { Dialog } from '../Dialog';

const activeKeys = (devices: E2eeDevice[], accountId: string) => devices.filter((d) => d.account_id === accountId && d.revoked_at === null).map((d) => d.public_key);

export function SafetyNumbersDialog({ chat, me, directory, onClose }: { chat: Chat; me: string; directory: E2eeDevice[]; onClose: () => void }) {
  const [numbers, setNumbers] = useState<Record<string, string | null>>({});
  useEffect(() => {
    let current = true;
    const mine = activeKeys(directory, me);
    void Promise.all(
      chat.members
        .filter((m) => m.account.id !== me)
        .map(async (m) => {
          const theirs = activeKeys(directory, m.account.id);
          return [m.account.id, theirs.length && mine.length ? await safetyNumber(mine, theirs) : null] as const;
        }),
    ).then((pairs) => current && setNumbers(Object.fromEntries(pairs)));
    return () => {
      current = false;
    };
  }, [chat, me, directory]);
  return (
    <Dialog title="Safety numbers" onClose={onClose}>
      <p>
        Messages in this chat are end-to-end encrypted: only the members’ devices can read them, not SMILE. Compare each number with that person, in person or on a
        call. If they match, nobody is listening in between. A number changes when either of you adds or removes a device.
      </p>
      <ul className="safety-numbers" aria-label="Safety numbers">
        {chat.members
          .filter((m) => m.account.id !== me)
          .map((m) => (
            <li key={m.account.id}>
              <strong>{nameWithLabel(m.account)}</strong>
              {numbers[m.account.id] ? (
                <code className="safety-number" data-account={m.account.id}>
                  {numbers[m.account.id]}
                </code>
              ) : (
                <span className="muted"> has no encryption device yet: they will once they open this chat.</span>
              )}
            </li>
          ))}
      </ul>
    </Dialog>
  );
}
