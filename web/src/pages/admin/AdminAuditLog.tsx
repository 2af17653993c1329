/** /admin/audit: every staff action, newest first — who, what, on which object, why and when — with filters. */
import { type FormEvent, useState } from 'react';
import { AUDIT_TARGETS, type AuditFilters, auditPath, fetchAudit } from '../../api/admin';
import type { AuditEntry } from '../../api/types';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { AdminList } from '../../components/admin/AdminList';
import { usePagedList } from '../../hooks/usePagedList';
import { Link } from '../../router';

const NO_FILTERS: AuditFilters = { action: '', target_type: '', target_id: '', actor_id: '' };

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>
        <time dateTime={entry.created_at}>{new Date(entry.created_at).toLocaleString()}</time>
      </td>
      <td>{entry.actor ? <Link to={`/@${entry.actor.acct}`}>@{entry.actor.acct}</Link> : entry.actor_id}</td>
      <td>{entry.action}</td>
      <td>
        {entry.target_type} {entry.target_id}
      </td>
      <td>{entry.reason}</td>
    </tr>
  );
}

export function AdminAuditLog() {
  const [draft, setDraft] = useState(NO_FILTERS);
  const [filters, setFilters] = useState(NO_FILTERS);
  const list = usePagedList<AuditEntry>(auditPath(filters), fetchAudit);
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  return (
    <AdminLayout title="Audit log">
      <form className="admin-filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
        <input aria-label="Action" placeholder="Action, e.g. account.suspend" value={draft.action} onChange={set('action')} />
        <select aria-label="Target type" value={draft.target_type} onChange={set('target_type')}>
          <option value="">Any target</option>
          {AUDIT_TARGETS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <input aria-label="Target id" placeholder="Target id" value={draft.target_id} onChange={set('target_id')} />
        <input aria-label="Actor id" placeholder="Actor id" value={draft.actor_id} onChange={set('actor_id')} />
        <button className="button button-primary">Filter</button>
      </form>
      <AdminList list={list} empty="No action matches.">
        <div className="table-scroll">
          <table className="admin-table" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((entry) => (
                <Row key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      </AdminList>
    </AdminLayout>
  );
}
