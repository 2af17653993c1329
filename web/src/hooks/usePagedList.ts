/**
 * A list loaded a page at a time from an endpoint that answers with a `Link` rel="next" header:
 * the items, more on demand (`sentinelRef` loads the next page when it scrolls into view), and
 * newer items fetched on focus and at an interval when `pollMs` is given.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/timelines';
import { ApiError } from '../api/http';

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error: ApiError | null;
  /** True once the last page has arrived. */
  done: boolean;
  loadMore(): void;
  refresh(): Promise<void>;
  prepend(item: T): void;
  update(fn: (item: T) => T): void;
  /** Drops the items `match` picks (a deleted status, and shares of it). */
  remove(match: (item: T) => boolean): void;
  /** Attach to an element after the list: the next page loads when it becomes visible. */
  sentinelRef(el: Element | null): void;
}

const toError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, String(err)));

export function usePagedList<T extends { id: string }>(firstPath: string | null, fetchPage: (path: string) => Promise<Page<T[]>>, pollMs?: number): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const busy = useRef(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    const gen = ++generation.current;
    setItems([]);
    setNext(null);
    setDone(false);
    setError(null);
    if (!firstPath) return;
    setLoading(true);
    busy.current = true;
    fetchRef.current(firstPath).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.data);
        setNext(page.next);
        setDone(!page.next || page.data.length === 0);
      },
      (err: unknown) => gen === generation.current && setError(toError(err)),
    ).finally(() => {
      if (gen !== generation.current) return;
      busy.current = false;
      setLoading(false);
    });
  }, [firstPath]);

  const loadMore = useCallback(() => {
    if (busy.current || !next || done) return;
    const gen = generation.current;
    busy.current = true;
    setLoading(true);
    fetchRef.current(next).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((old) => {
          const seen = new Set(old.map((i) => i.id));
          return [...old, ...page.data.filter((i) => !seen.has(i.id))];
        });
        setNext(page.next);
        setDone(!page.next || page.data.length === 0);
      },
      (err: unknown) => gen === generation.current && setError(toError(err)),
    ).finally(() => {
      busy.current = false;
      setLoading(false);
    });
  }, [next, done]);

  const refresh = useCallback(async () => {
    if (!firstPath) return;
    const gen = generation.current;
    try {
      const page = await fetchRef.current(firstPath);
      if (gen !== generation.current) return;
      setItems((old) => {
        const seen = new Set(old.map((i) => i.id));
        const fresh = page.data.filter((i) => !seen.has(i.id));
        const updated = new Map(page.data.map((i) => [i.id, i]));
        return [...fresh, ...old.map((i) => updated.get(i.id) ?? i)];
      });
    } catch {
      // a failed background refresh is retried on the next focus or tick
    }
  }, [firstPath]);

  useEffect(() => {
    if (!pollMs) return;
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void refresh(), pollMs);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.clearInterval(timer);
    };
  }, [refresh, pollMs]);

  const observer = useRef<IntersectionObserver | null>(null);
  const sentinel = useRef<Element | null>(null);
  const loadMoreRef = useRef(loadMore);
  loadMoreRef.current = loadMore;
  const sentinelRef = useCallback((el: Element | null) => {
    observer.current?.disconnect();
    observer.current = null;
    sentinel.current = el;
    if (!el) return;
    observer.current = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMoreRef.current(), { rootMargin: '600px' });
    observer.current.observe(el);
  }, []);

  // A page that does not fill the screen leaves the sentinel visible without a new intersection.
  useEffect(() => {
    const el = sentinel.current;
    if (!loading && next && !done && el && el.getBoundingClientRect().top < window.innerHeight + 600) loadMore();
  }, [loading, next, done, loadMore]);

  const prepend = useCallback((item: T) => setItems((old) => [item, ...old.filter((i) => i.id !== item.id)]), []);
  const update = useCallback((fn: (item: T) => T) => setItems((old) => old.map(fn)), []);
  const remove = useCallback((match: (item: T) => boolean) => setItems((old) => old.filter((i) => !match(i))), []);

  return { items, loading, error, done, loadMore, refresh, prepend, update, remove, sentinelRef };
}
