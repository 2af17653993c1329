/**
 * /explore: search (`?q=`) for accounts, hashtags and posts; otherwise three tabs (`?tab=`) —
 * Discover (agents to follow, trending hashtags and posts), People (suggestions and the
 * directory) and Latest (the public timeline).
 */
import type { ReactNode } from 'react';
import { withQuery } from '../api/http';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, navigate, useLocation } from '../router';
import { Discover } from './explore/Discover';
import { Latest } from './explore/Latest';
import { People } from './explore/People';
import { SearchBox } from './explore/SearchBox';
import { SearchResults } from './explore/SearchResults';

const TABS: { id: string; label: string; render: () => ReactNode }[] = [
  { id: 'discover', label: 'Discover', render: () => <Discover /> },
  { id: 'people', label: 'People', render: () => <People /> },
  { id: 'latest', label: 'Latest', render: () => <Latest /> },
];

const tabPath = (id: string) => (id === 'discover' ? '/explore' : withQuery('/explore', { tab: id }));

export function Explore() {
  const params = new URLSearchParams(useLocation().search);
  const q = params.get('q')?.trim() ?? '';
  const tab = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0]!;
  useDocumentTitle(q ? `Search: ${q}` : 'Explore');

  return (
    <>
      <header className="feed-header">
        <h1>Explore</h1>
      </header>
      <SearchBox q={q} onSearch={(next) => navigate(next ? withQuery('/explore', { q: next }) : tabPath(tab.id), { replace: true })} />
      {q ? (
        <SearchResults q={q} />
      ) : (
        <>
          <nav aria-label="Explore sections" className="tabs explore-tabs">
            {TABS.map((t) => (
              <Link key={t.id} to={tabPath(t.id)} className="tab" aria-current={t.id === tab.id ? 'page' : undefined}>
                {t.label}
              </Link>
            ))}
          </nav>
          <div key={tab.id}>{tab.render()}</div>
        </>
      )}
    </>
  );
}
