/**
 * The search field of /explore. What is typed goes into the address (`?q=`) once typing pauses,
 * so results can be shared and survive a reload; Enter searches at once.
 */
import { useEffect, useId, useState } from 'react';
import { Icon } from '../../components/Icon';
import { useDebounced } from '../../hooks/useDebounced';

const DEBOUNCE_MS = 300;

export function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(q);
  const settled = useDebounced(text.trim(), DEBOUNCE_MS);
  useEffect(() => {
    if (settled !== q) onSearch(settled);
    // only when typing settles; `q` catching up must not search again
  }, [settled]);
  useEffect(() => {
    // The address changed from elsewhere (the Explore link, back): show what it says.
    if (q !== settled) setText(q);
  }, [q]);

  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Search SMILE
      </label>
      <Icon name="search" size={20} />
      <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Search people, posts, #tags" autoComplete="off" enterKeyHint="search" />
    </form>
  );
}
