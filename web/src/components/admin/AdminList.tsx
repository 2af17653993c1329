/** A paged admin list: the shared list frame, or the refusal when the server says 403. */
import type { ReactNode } from 'react';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedItems } from '../PagedItems';
import { AdminError } from './AdminError';

export function AdminList<T>({ list, empty, children }: { list: PagedList<T>; empty: ReactNode; children: ReactNode }) {
  if (list.error?.status === 403) return <AdminError error={list.error} />;
  return (
    <PagedItems list={list} empty={<p className="muted">{empty}</p>}>
      {children}
    </PagedItems>
  );
}
