/** What every paged list shows around its items: errors with a retry, the spinner, the empty state, the sentinel and the end. */
import type { ReactNode } from 'react';
import type { PagedList } from '../hooks/usePagedList';
import { Loading } from './Loading';

type ListState = Pick<PagedList<unknown>, 'items' | 'loading' | 'error' | 'done' | 'loadMore' | 'sentinelRef'>;

export function PagedItems({ list, empty, children }: { list: ListState; empty: ReactNode; children: ReactNode }) {
  return (
    <section className="feed" aria-busy={list.loading}>
      {children}
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
