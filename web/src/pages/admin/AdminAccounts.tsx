/**
 * /admin/accounts: search accounts by username or e-mail, role and status; warn, suspend (until
 * a time or lifted), ban or lift a suspension with a reason; admins also change roles and grant
 * plans (Enterprise under contract, or a complimentary one) until a date.
 */
import { type FormEvent, useState } from 'react';
import { ACCOUNT_STATUSES, type AccountRole, type AccountSearch, accountsPath, actOnAccount, changeRole, endPlanGrant, fetchAccounts, getAccountPlan, GRANTABLE_TIERS, type GrantableTier, grantPlan, ROLES, unsuspendAccount } from '../../api/admin';
import type { AccountPlan, AdminAccount } from '../../api/types';
import { TIERS } from '../../../../shared/money/tiers';
import { useSession } from '../../auth/SessionProvider';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { AdminList } from '../../components/admin/AdminList';
import { type Choice, ReasonForm } from '../../components/admin/ReasonForm';
import { TextField } from '../../components/Field';
import { usePagedList } from '../../hooks/usePagedList';
import { Link } from '../../router';

type Move = 'warn' | 'suspend' | 'ban' | 'unsuspend';

function statusText(a: AdminAccount): string {
  if (a.banned) return 'Banned';
  if (!a.suspended) return 'Active';
  return a.suspended_until ? `Suspended until ${new Date(a.suspended_until).toLocaleString()}` : 'Suspended until lifted';
}

function Moderate({ account, changed }: { account: AdminAccount; changed(a: AdminAccount): void }) {
  const [until, setUntil] = useState('');
  const choices: Choice<Move>[] = account.suspended
    ? [
        { value: 'unsuspend', label: account.banned ? 'Lift ban' : 'Unsuspend' },
        { value: 'warn', label: 'Warn' },
      ]
    : [
        { value: 'warn', label: 'Warn' },
        { value: 'suspend', label: 'Suspend', danger: true },
        { value: 'ban', label: 'Ban', danger: true },
      ];
  const decide = async (move: Move, reason: string) => {
    if (move === 'unsuspend') return changed(await unsuspendAccount(account.id, reason));
    const suspendedUntil = move === 'suspend' && until ? new Date(until).toISOString() : undefined;
    changed(await actOnAccount(account.id, { type: move, text: reason, ...(suspendedUntil ? { suspended_until: suspendedUntil } : {}) }));
    setUntil('');
  };
  return (
    <ReasonForm name={`Moderate @${account.username}`} fields={['text', 'reason']} choices={choices} decide={decide}>
      {!account.suspended && <TextField label="Suspend until (optional; empty: until lifted)" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />}
    </ReasonForm>
  );
}

function RoleChange({ account, changed }: { account: AdminAccount; changed(a: AdminAccount): void }) {
  const [role, setRole] = useState<AccountRole>(account.role);
  return (
    <ReasonForm name={`Role of @${account.username}`} label="Reason for the role change" fields={['reason']} choices={[{ value: 'role', label: 'Change role' }]} decide={async (_, reason) => changed(await changeRole(account.id, role, reason))}>
      <label>
        Role{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as AccountRole)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
    </ReasonForm>
  );
}

const planText = (p: AccountPlan) => `${TIERS[p.tier].name}${p.until ? ` until ${new Date(p.until).toLocaleDateString()}` : ''}${p.granted ? ' (granted)' : ''}`;

/** Admins grant a plan until a date (Enterprise under contract, or complimentary), change it or end it; loaded when opened. */
function PlanGrant({ account }: { account: AdminAccount }) {
  const [plan, setPlan] = useState<AccountPlan | null>(null);
  const [tier, setTier] = useState<GrantableTier>('enterprise');
  const [until, setUntil] = useState('');
  const load = () => void (plan ?? getAccountPlan(account.id).then(setPlan, () => undefined));
  const choices: Choice<'grant' | 'end'>[] = plan?.granted ? [{ value: 'grant', label: 'Change grant' }, { value: 'end', label: 'End grant', danger: true }] : [{ value: 'grant', label: 'Grant plan' }];
  const decide = async (choice: 'grant' | 'end', reason: string) =>
    // An empty or unreadable date goes as is: the server's 422 on `until` says what it needs.
    setPlan(choice === 'end' ? await endPlanGrant(account.id, reason) : await grantPlan(account.id, { tier, until: until && `${until}T23:59:59Z`, reason }));
  return (
    <details className="admin-plan" onToggle={load}>
      <summary>Plan{plan && `: ${planText(plan)}`}</summary>
      <ReasonForm name={`Plan of @${account.username}`} label="Reason (the contract or the occasion)" fields={['reason', 'until', 'tier']} choices={choices} decide={decide}>
        <label>
          Plan{' '}
          <select value={tier} onChange={(e) => setTier(e.target.value as GrantableTier)}>
            {GRANTABLE_TIERS.map((t) => (
              <option key={t} value={t}>
                {TIERS[t].name}
              </option>
            ))}
          </select>
        </label>
        <TextField label="Granted until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </ReasonForm>
    </details>
  );
}

function AccountItem({ account, admin, changed }: { account: AdminAccount; admin: boolean; changed(a: AdminAccount): void }) {
  return (
    <li className="card admin-item" aria-label={`Account @${account.username}`}>
      <p>
        <Link to={`/@${account.username}`}>
          <strong>@{account.username}</strong>
        </Link>{' '}
        {account.account.display_name && <span>{account.account.display_name} </span>}
        <span className="chip">{account.role}</span> {account.kind !== 'person' && <span className="chip">{account.kind}</span>}
      </p>
      <p>
        {account.email ?? <span className="muted">no e-mail</span>} {!account.confirmed && <span className="muted">(unconfirmed)</span>} · <strong>{statusText(account)}</strong>
      </p>
      <Moderate account={account} changed={changed} />
      {admin && <RoleChange account={account} changed={changed} />}
      {admin && account.kind !== 'agent' && <PlanGrant account={account} />}
    </li>
  );
}

const NO_SEARCH: AccountSearch = { q: '', role: '', status: '' };

export function AdminAccounts() {
  const { account: me } = useSession();
  const [draft, setDraft] = useState(NO_SEARCH);
  const [search, setSearch] = useState(NO_SEARCH);
  const list = usePagedList<AdminAccount>(accountsPath(search), fetchAccounts);
  const set = (key: keyof AccountSearch) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft);
  };
  return (
    <AdminLayout title="Accounts">
      <form className="admin-filters" role="search" aria-label="Find accounts" onSubmit={submit}>
        <input type="search" aria-label="Username or e-mail" placeholder="Username or e-mail" value={draft.q} onChange={set('q')} />
        <select aria-label="Role" value={draft.role} onChange={set('role')}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <select aria-label="Status" value={draft.status} onChange={set('status')}>
          <option value="">Any status</option>
          {ACCOUNT_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button className="button button-primary">Search</button>
      </form>
      <AdminList list={list} empty="No account matches.">
        <ul className="admin-list" aria-label="Accounts">
          {list.items.map((a) => (
            <AccountItem key={a.id} account={a} admin={me?.smile.role === 'admin'} changed={(next) => list.update((x) => (x.id === next.id ? next : x))} />
          ))}
        </ul>
      </AdminList>
    </AdminLayout>
  );
}
