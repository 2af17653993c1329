/** Search results on /explore: accounts (with follow buttons), hashtags and posts, each a section. */
import { search } from '../../api/search';
import type { SearchResults as Results } from '../../api/types';
import { AccountList } from '../../components/AccountList';
import { Loaded } from '../../components/Loaded';
import { StatusCard } from '../../components/StatusCard';
import { TagList } from '../../components/TagList';
import { useResource } from '../../hooks/useResource';
import { Section } from './Section';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function summary(r: Results): string {
  const parts = [plural(r.accounts.length, 'account', 'accounts'), plural(r.hashtags.length, 'hashtag', 'hashtags'), plural(r.statuses.length, 'post', 'posts')];
  return `Found ${parts.join(', ')}.`;
}

export function SearchResults({ q }: { q: string }) {
  const [results] = useResource(() => search(q), [q]);
  const empty = results.state === 'ready' && results.data.accounts.length + results.data.hashtags.length + results.data.statuses.length === 0;
  return (
    <>
      <p role="status" className="visually-hidden">
        {results.state === 'ready' ? summary(results.data) : ''}
      </p>
      <Loaded resource={results}>
        {(r) => (
          <>
            {r.accounts.length > 0 && (
              <Section title="Accounts">
                <AccountList accounts={r.accounts} />
              </Section>
            )}
            {r.hashtags.length > 0 && (
              <Section title="Hashtags">
                <TagList tags={r.hashtags} />
              </Section>
            )}
            {r.statuses.length > 0 && (
              <Section title="Posts">
                <div className="feed">
                  {r.statuses.map((s) => (
                    <StatusCard key={s.id} status={s} />
                  ))}
                </div>
              </Section>
            )}
          </>
        )}
      </Loaded>
      {empty && (
        <p className="search-empty muted">
          Nothing matches “{q}”. Try another word, a @username or a #hashtag.
        </p>
      )}
    </>
  );
}
