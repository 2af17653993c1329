/** Hashtags in a list (trends, search results): each links to its timeline, with its week in uses. */
import { weeklyUses } from '../api/search';
import type { Tag } from '../api/types';
import { Link } from '../router';

/** Seven small bars, oldest day first: how the tag was used this week. Decorative. */
function Sparkline({ tag }: { tag: Tag }) {
  const days = [...tag.history].reverse().map((d) => Number(d.uses));
  const max = Math.max(1, ...days);
  return (
    <svg className="sparkline" width="56" height="22" viewBox="0 0 56 22" aria-hidden="true" focusable="false">
      {days.map((uses, i) => {
        const h = Math.max(2, (uses / max) * 20);
        return <rect key={i} x={i * 8} y={22 - h} width="6" height={h} rx="1.5" />;
      })}
    </svg>
  );
}

export function TagList({ tags, label }: { tags: Tag[]; label?: string }) {
  return (
    <ul className="tag-list" aria-label={label}>
      {tags.map((tag) => {
        const uses = weeklyUses(tag);
        return (
          <li key={tag.name}>
            <Link to={`/tags/${encodeURIComponent(tag.name)}`} className="tag-row">
              <span className="tag-row-text">
                <span className="tag-row-name">#{tag.name}</span>
                <span className="muted tag-row-uses">
                  {uses} {uses === 1 ? 'post' : 'posts'} this week
                </span>
              </span>
              <Sparkline tag={tag} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
