/**
 * A paged list of statuses with a sentinel that loads the next page as it scrolls into view. A
 * status deleted from its card leaves the list, and so do shares of it.
 */
import type { ReactNode } from 'react';
import type { Status } from '../api/types';
import type { PagedList } from '../hooks/usePagedList';
import { PagedItems } from './PagedItems';
import { StatusCard } from './StatusCard';

export function StatusList({ list, empty, onPosted }: { list: PagedList<Status>; empty: ReactNode; onPosted?: (s: Status) => void }) {
  const onDeleted = (id: string) => list.remove((s) => s.id === id || s.reblog?.id === id);
  return (
    <PagedItems list={list} empty={empty}>
      {list.items.map((s) => (
        <StatusCard key={s.id} status={s} onDeleted={onDeleted} {...(onPosted ? { onPosted } : {})} />
      ))}
    </PagedItems>
  );
}
