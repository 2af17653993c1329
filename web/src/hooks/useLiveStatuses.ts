/**
 * Keeps a paged list of statuses live from a stream without moving it under the reader: new
 * statuses go straight to the top when the page is scrolled to the top, and otherwise wait
 * behind a "N new posts" button (`count`, `show`). Edits replace their card in place, deletes
 * remove it and the shares wrapping it, and a status delivered twice is shown once. After a
 * dropped socket, on focus and at `pollMs`, the newest page is fetched and merged the same way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamEvent, StreamSpec } from '../api/streaming';
import type { Status } from '../api/types';
import type { PagedList } from './usePagedList';
import { useStream } from './useStream';

export interface LiveStatuses {
  /** New statuses held back while the reader is scrolled down. */
  count: number;
  /** Puts them at the top of the list and scrolls there. */
  show(): void;
}

/** How far down (px) the page may be scrolled and still count as "at the top". */
const TOP_SLACK = 100;

/** Newest first: IDs sort by time when compared as numbers of equal length. */
const newestFirst = (a: Status, b: Status) => b.id.length - a.id.length || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const refersTo = (s: Status, id: string) => s.id === id || s.reblog?.id === id;
const withEdit = (s: Status, edited: Status): Status => (s.id === edited.id ? edited : s.reblog?.id === edited.id ? { ...s, reblog: edited } : s);

export function useLiveStatuses(list: PagedList<Status>, spec: StreamSpec | null, fetchNewest: () => Promise<{ data: Status[] }>, pollMs = 60_000): LiveStatuses {
  const [pending, setPending] = useState<Status[]>([]);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const listRef = useRef(list);
  listRef.current = list;
  const fetchRef = useRef(fetchNewest);
  fetchRef.current = fetchNewest;

  const key = spec ? JSON.stringify(spec) : null;
  useEffect(() => setPending([]), [key]);

  const reveal = useCallback((statuses: Status[]) => {
    for (const s of [...statuses].sort(newestFirst).reverse()) listRef.current.prepend(s);
  }, []);

  const receive = useCallback(
    (status: Status) => {
      const { items, update } = listRef.current;
      if (items.some((s) => s.id === status.id)) return update((s) => (s.id === status.id ? status : s));
      const waiting = pendingRef.current;
      const next = [status, ...waiting.filter((s) => s.id !== status.id)];
      if (window.scrollY <= TOP_SLACK) {
        pendingRef.current = [];
        setPending([]);
        reveal(next);
      } else {
        pendingRef.current = next.sort(newestFirst);
        setPending(pendingRef.current);
      }
    },
    [reveal],
  );

  const onEvent = (e: StreamEvent) => {
    if (e.event === 'update') receive(e.status);
    else if (e.event === 'status.update') {
      list.update((s) => withEdit(s, e.status));
      setPending((old) => old.map((s) => withEdit(s, e.status)));
    } else if (e.event === 'delete') {
      list.remove((s) => refersTo(s, e.id));
      setPending((old) => old.filter((s) => !refersTo(s, e.id)));
    }
  };

  const catchUp = useCallback(() => {
    if (listRef.current.loading) return;
    fetchRef.current().then(
      (page) => [...page.data].reverse().forEach(receive),
      () => undefined, // retried on the next focus, tick or reconnection
    );
  }, [receive]);

  useStream(spec, onEvent, catchUp);

  useEffect(() => {
    if (!key) return;
    window.addEventListener('focus', catchUp);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && catchUp(), pollMs);
    return () => {
      window.removeEventListener('focus', catchUp);
      window.clearInterval(timer);
    };
  }, [key, catchUp, pollMs]);

  // Statuses the list already shows (a poll, or the compose box, got there first) no longer wait.
  const shown = new Set(list.items.map((s) => s.id));
  const waiting = pending.filter((s) => !shown.has(s.id));

  const show = useCallback(() => {
    reveal(pendingRef.current);
    pendingRef.current = [];
    setPending([]);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }, [reveal]);

  return { count: waiting.length, show };
}
