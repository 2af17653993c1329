import type { Account } from '../api/types';
import { displayName } from './AccountName';

/** A round avatar. Decorative by default (the name is next to it); pass `labelled` where it stands alone. */
export function Avatar({ account, size = 40, labelled = false }: { account: Pick<Account, 'avatar' | 'display_name' | 'username'>; size?: number; labelled?: boolean }) {
  return <img className="avatar" src={account.avatar} width={size} height={size} alt={labelled ? `Avatar of ${displayName(account)}` : ''} loading="lazy" />;
}
