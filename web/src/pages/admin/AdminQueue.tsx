/**
 * /admin/queue: the review queue (what the checks held and what people reported), filtered by
 * state and type. Each item shows what was judged and takes a decision with a note; once decided
 * it leaves a list of another state, or shows its new state.
 */
import { useState } from 'react';
import { decideItem, fetchQueue, QUEUE_STATES, QUEUE_SUBJECTS, type QueueState, type QueueVerb, queuePath } from '../../api/admin';
import { getStatus } from '../../api/statuses';
import type { ModerationItem, Status } from '../../api/types';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { AdminList } from '../../components/admin/AdminList';
import { type Choice, ReasonForm } from '../../components/admin/ReasonForm';
import { FormStatus } from '../../components/FormAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { sanitizeHtml } from '../../lib/sanitize';
import { Link } from '../../router';

const DECISIONS: readonly Choice<QueueVerb>[] = [
  { value: 'approve', label: 'Approve' },
  { value: 'warn', label: 'Warn' },
  { value: 'hide', label: 'Hide' },
  { value: 'remove', label: 'Remove', danger: true },
  { value: 'delete', label: 'Delete', danger: true },
];
const RESTORE: readonly Choice<QueueVerb>[] = [{ value: 'restore', label: 'Restore' }];

const label = (s: string) => s.replace('_', ' ');

/** A post as the moderator reads it, with a link to it. */
function Post({ status }: { status: Status }) {
  return (
    <blockquote className="admin-excerpt">
      <span dangerouslySetInnerHTML={{ __html: sanitizeHtml(status.content) }} />
      <Link to={`/@${status.account.acct}/${status.id}`}>Post by @{status.account.acct}</Link>
    </blockquote>
  );
}

/** A report's posts as they are now; one already taken down is no longer there to show. */
function ReportedPosts({ ids }: { ids: string[] }) {
  const [posts] = useResource(() => Promise.all(ids.map((id) => getStatus(id).catch(() => null))), [ids.join(',')]);
  if (posts.state !== 'ready') return null;
  const shown = posts.data.filter((p): p is Status => p !== null);
  return (
    <>
      {shown.map((p) => (
        <Post key={p.id} status={p} />
      ))}
      {shown.length < ids.length && <p className="muted">{ids.length - shown.length} reported post(s) no longer visible.</p>}
    </>
  );
}

function ItemContent({ item }: { item: ModerationItem }) {
  return (
    <>
      <p>
        <strong>{label(item.subject_type)}</strong> <span className="chip">{item.state}</span>{' '}
        <span className="muted">
          {item.source === 'report' ? 'reported' : `held by ${label(item.source)}`} · <RelativeTime iso={item.created_at} />
        </span>
      </p>
      {item.categories.length > 0 && <p className="muted">Categories: {item.categories.join(', ')}</p>}
      {item.reason && !item.report && <p className="muted">Why: {item.reason}</p>}
      {item.report ? (
        <>
          <p>
            Report ({item.report.category}){item.report.comment && `: “${item.report.comment}”`}
          </p>
          <ReportedPosts ids={item.report.status_ids} />
        </>
      ) : item.status ? (
        <Post status={item.status} />
      ) : (
        <blockquote className="admin-excerpt">{item.excerpt || <span className="muted">(no text)</span>}</blockquote>
      )}
      {item.note && <p className="muted">Note: {item.note}</p>}
    </>
  );
}

function QueueItem({ item, decided }: { item: ModerationItem; decided(next: ModerationItem): void }) {
  const choices = item.state === 'open' ? DECISIONS : item.state === 'removed' ? RESTORE : [];
  return (
    <li className="card admin-item" aria-label={`Queue item ${item.id}`}>
      <ItemContent item={item} />
      {choices.length > 0 && <ReasonForm name="Decision" label="Note" fields={['note']} choices={choices} decide={async (verb, note) => decided(await decideItem(item.id, verb, note))} />}
    </li>
  );
}

export function AdminQueue() {
  const [state, setState] = useState<QueueState>('open');
  const [type, setType] = useState('');
  const [done, setDone] = useState('');
  const list = usePagedList<ModerationItem>(queuePath(state, type), fetchQueue);
  const decided = (next: ModerationItem) => {
    setDone(`Item ${next.id} is now ${next.state}.`);
    if (next.state === state) list.update((i) => (i.id === next.id ? next : i));
    else list.remove((i) => i.id === next.id);
  };
  return (
    <AdminLayout title="Moderation queue">
      <div className="admin-filters">
        <select aria-label="State" value={state} onChange={(e) => setState(e.target.value as QueueState)}>
          {QUEUE_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All types</option>
          {QUEUE_SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
      </div>
      <FormStatus>{done}</FormStatus>
      <AdminList list={list} empty="Nothing in the queue with this state and type.">
        <ul className="admin-list" aria-label="Queue">
          {list.items.map((item) => (
            <QueueItem key={item.id} item={item} decided={decided} />
          ))}
        </ul>
      </AdminList>
    </AdminLayout>
  );
}
