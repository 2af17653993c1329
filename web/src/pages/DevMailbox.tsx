import { useState } from 'react';
import { devMailbox } from '../api/dev';
import type { Mail } from '../api/types';
import { LinkifiedText } from '../components/LinkifiedText';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

function MailCard({ mail }: { mail: Mail }) {
  return (
    <article className="card mail" aria-label={mail.subject}>
      <header className="mail-head">
        <h2>{mail.subject}</h2>
        <span className="chip">{mail.template}</span>
      </header>
      <p className="muted">
        To {mail.to} · {new Date(mail.created_at).toLocaleString()}
      </p>
      <LinkifiedText text={mail.text} />
    </article>
  );
}

/** Development only: every mail the server "sent", with working links. */
export function DevMailbox() {
  useDocumentTitle('Dev mailbox');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState('');
  const [reloads, setReloads] = useState(0);
  const [mails] = useResource(() => devMailbox(filter), [filter, reloads]);

  return (
    <section>
      <header className="page-header">
        <h1>Dev mailbox</h1>
        <p className="muted">Mails the server sent, newest first. Only on development servers.</p>
      </header>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(to.trim());
          setReloads((n) => n + 1);
        }}
      >
        <label htmlFor="mailbox-to">Recipient</label>
        <input id="mailbox-to" type="search" placeholder="Everyone" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" className="button">
          Refresh
        </button>
      </form>
      {mails.state === 'loading' && <Loading />}
      {mails.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {mails.error.status === 404 ? 'The dev mailbox is turned off on this server (DEV_MAILBOX is not "true").' : mails.error.message}
        </div>
      )}
      {mails.state === 'ready' && mails.data.length === 0 && <p className="muted center">No mail yet.</p>}
      {mails.state === 'ready' && mails.data.map((m) => <MailCard key={m.id} mail={m} />)}
    </section>
  );
}
