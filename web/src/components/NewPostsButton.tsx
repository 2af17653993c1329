/** The "N new posts" button that floats over the top of a live timeline while posts wait behind it. */
import type { LiveStatuses } from '../hooks/useLiveStatuses';

export function NewPostsButton({ live }: { live: LiveStatuses }) {
  return (
    <div className="new-posts" aria-live="polite">
      {live.count > 0 && (
        <button type="button" className="new-posts-button" onClick={live.show}>
          <span aria-hidden="true">↑</span> {live.count} new {live.count === 1 ? 'post' : 'posts'}
        </button>
      )}
    </div>
  );
}
