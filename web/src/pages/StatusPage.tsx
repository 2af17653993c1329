/**
 * /@user/:id — one status with its thread: the posts it answers above, the replies below.
 * Deleting the status itself goes home; deleting one around it takes it out of the thread.
 */
import { getContext, getStatus } from '../api/statuses';
import type { Status } from '../api/types';
import { displayName } from '../components/AccountName';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { StatusCard } from '../components/StatusCard';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { navigate } from '../router';

interface Thread {
  status: Status;
  ancestors: Status[];
  descendants: Status[];
}

async function loadThread(id: string): Promise<Thread> {
  const [status, context] = await Promise.all([getStatus(id), getContext(id)]);
  return { status, ...context };
}

export function StatusPage({ id }: { id: string }) {
  const [thread, setThread] = useResource(() => loadThread(id), [id]);
  useDocumentTitle(thread.state === 'ready' ? `Post by ${displayName(thread.data.status.account)}` : 'Post');
  if (thread.state === 'loading') return <Loading />;
  if (thread.state === 'error') {
    return thread.error.status === 404 ? (
      <EmptyState icon="home" title="Post not found">
        This post was deleted, or you can't see it.
      </EmptyState>
    ) : (
      <div className="alert alert-error" role="alert">
        {thread.error.message}
      </div>
    );
  }
  const { status, ancestors, descendants } = thread.data;
  const addReply = (reply: Status) => setThread({ ...thread.data, descendants: [...descendants, reply] });
  const goHome = () => {
    navigate('/', { replace: true });
    window.scrollTo(0, 0);
  };
  const drop = (id: string) => setThread({ status, ancestors: ancestors.filter((s) => s.id !== id), descendants: descendants.filter((s) => s.id !== id) });
  return (
    <>
      <h1 className="visually-hidden">Post by {displayName(status.account)}</h1>
      <section className="feed thread">
        {ancestors.map((s) => (
          <StatusCard key={s.id} status={s} onPosted={addReply} onDeleted={drop} />
        ))}
        <StatusCard status={status} focused onPosted={addReply} onDeleted={goHome} />
        {descendants.length > 0 && <h2 className="section-title">Replies</h2>}
        {descendants.map((s) => (
          <StatusCard key={s.id} status={s} onPosted={addReply} onDeleted={drop} />
        ))}
      </section>
    </>
  );
}
