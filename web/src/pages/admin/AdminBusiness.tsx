/** /admin/business: business verification requests by status; approve or reject with an optional reason. */
import { useState } from 'react';
import { listVerifications, reviewVerification, type VerificationStatus } from '../../api/admin';
import type { BusinessVerification } from '../../api/types';
import { AdminError } from '../../components/admin/AdminError';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { ReasonForm } from '../../components/admin/ReasonForm';
import { Loaded } from '../../components/Loaded';
import { useResource } from '../../hooks/useResource';

const STATUSES: readonly VerificationStatus[] = ['pending', 'approved', 'rejected'];

function Request({ request, reviewed }: { request: BusinessVerification; reviewed(next: BusinessVerification): void }) {
  return (
    <li className="card admin-item" aria-label={`Business ${request.legal_name}`}>
      <p>
        <strong>{request.legal_name}</strong> <span className="chip">{request.status}</span>
      </p>
      <p>
        {request.website} · {request.country} · registration {request.registration_number} · {request.contact_email}
      </p>
      <p className="muted">
        Account {request.account_id} · asked {new Date(request.created_at).toLocaleString()}
        {request.reason && ` · ${request.reason}`}
      </p>
      {request.status === 'pending' && (
        <ReasonForm
          name={`Review ${request.legal_name}`}
          label="Reason (optional)"
          optional
          fields={['reason']}
          choices={[
            { value: 'approve', label: 'Approve' },
            { value: 'reject', label: 'Reject', danger: true },
          ]}
          decide={async (decision, reason) => reviewed(await reviewVerification(request.id, decision, reason))}
        />
      )}
    </li>
  );
}

export function AdminBusiness() {
  const [status, setStatus] = useState<VerificationStatus>('pending');
  const [requests, setRequests] = useResource(() => listVerifications(status), [status]);
  const reviewed = (next: BusinessVerification) => requests.state === 'ready' && setRequests(requests.data.map((r) => (r.id === next.id ? next : r)));
  return (
    <AdminLayout title="Business verifications">
      <div className="admin-filters">
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as VerificationStatus)}>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <Loaded resource={requests} failed={(error) => <AdminError error={error} />}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No {status} requests.</p>
          ) : (
            <ul className="admin-list" aria-label="Requests">
              {list.map((r) => (
                <Request key={r.id} request={r} reviewed={reviewed} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </AdminLayout>
  );
}
