/** A paged list of statuses with a sentinel that loads the next page as it scrolls into view. */
import type { ReactNode } from 'react';
import type { Status } from '../api/types';
import type { PagedList } from '../hooks/usePagedList';
import { Loading } from './Loading';
import { StatusCard } from './StatusCard';

export function StatusList({ list, empty, onPosted }: { list: PagedList<Status>; empty: ReactNode; onPosted?: (s: Status) => void }) {
  return (
    <section className="feed" aria-busy={list.loading}>
      {list.items.map((s) => (
        <StatusCard key={s.id} status={s} {...(onPosted ? { onPosted } : {})} />
      ))}
      {list.error && (
        <div className="alert alert-error" role="alert">
          {list.error.message}{' '}
          <button type="button" className="link-button" onClick={list.loadMore}>
            Try again
          </button>
        </div>
      )}
      {list.loading && <Loading />}
      {!list.loading && !list.error && list.items.length === 0 && empty}
      {!list.done && !list.error && <div ref={list.sentinelRef} className="feed-sentinel" />}
      {list.done && list.items.length > 0 && <p className="feed-end muted">You're all caught up.</p>}
    </section>
  );
}
