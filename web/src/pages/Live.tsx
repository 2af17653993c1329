/** The Live tab: streams live now from the people you follow, and "Go live". */
import { type FormEvent, useState } from 'react';
import { goLive, type LiveStream, liveStreams } from '../api/live';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link, navigate } from '../router';

export function Live() {
  useDocumentTitle('Live');
  const [list] = useResource(liveStreams, []);
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState('public');
  const [error, setError] = useState<string | null>(null);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const stream = await goLive(title, visibility);
      navigate(`/live/${stream.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="live">
      <h1>Live</h1>
      <form className="live-start" onSubmit={start} aria-label="Go live">
        <input aria-label="Title" placeholder="What are you streaming?" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={100} />
        <select aria-label="Visibility" value={visibility} onChange={(e) => setVisibility(e.target.value)}>
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
          <option value="private">Followers only</option>
        </select>
        <button type="submit">Go live</button>
        {error && <p role="alert">{error}</p>}
      </form>
      <h2>Live now</h2>
      {list.state === 'loading' && <p>Loading…</p>}
      {list.state === 'error' && <p role="alert">{list.error.message}</p>}
      {list.state === 'ready' && (list.data.length === 0 ? <p>Nobody you follow is live.</p> : <ul className="live-list">{list.data.map((s) => <LiveItem key={s.id} stream={s} />)}</ul>)}
    </section>
  );
}

function LiveItem({ stream }: { stream: LiveStream }) {
  return (
    <li>
      <Link to={`/live/${stream.id}`}>
        <strong>{stream.title}</strong> — {stream.account.display_name || stream.account.acct} · {stream.viewer_count} watching
      </Link>
    </li>
  );
}
