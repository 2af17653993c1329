/** /notifications: what happened to you, newest first, new ones arriving live; opening it marks everything read. */
import { useEffect } from 'react';
import { fetchNotifications, markRead, NOTIFICATIONS } from '../api/notifications';
import type { Notification } from '../api/types';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { NotificationItem } from '../components/NotificationItem';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { usePagedList } from '../hooks/usePagedList';
import { NOTIFICATION_STREAM, setUnread } from '../hooks/useUnreadNotifications';
import { useStream } from '../hooks/useStream';

export function Notifications() {
  useDocumentTitle('Notifications');
  const list = usePagedList<Notification>(NOTIFICATIONS, fetchNotifications, 60_000);
  useStream(NOTIFICATION_STREAM, (e) => e.event === 'notification' && list.prepend(e.notification), () => void list.refresh());
  const newest = list.items[0]?.id;

  useEffect(() => {
    if (!newest) return;
    markRead(newest).then(
      () => setUnread(0),
      () => undefined,
    );
  }, [newest]);

  return (
    <>
      <header className="feed-header">
        <h1>Notifications</h1>
      </header>
      <section className="feed" aria-busy={list.loading}>
        {list.items.map((n) => (
          <NotificationItem key={n.id} n={n} />
        ))}
        {list.error && (
          <div className="alert alert-error" role="alert">
            {list.error.message}
          </div>
        )}
        {list.loading && <Loading />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <EmptyState icon="notifications" title="Nothing yet">
            Likes, shares, follows and mentions will show up here.
          </EmptyState>
        )}
        {!list.done && !list.error && <div ref={list.sentinelRef} className="feed-sentinel" />}
      </section>
    </>
  );
}
