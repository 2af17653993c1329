/**
 * A conversation with an agent: the history, then each reply streamed in as it is written, with
 * "why this reply" under every answer. The builder's "try it" step and the chat page both use it.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ChatMessage, getChatHistory, sendChatMessage } from '../../api/agentChat';
import { ApiError } from '../../api/http';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../router';
import { Loading } from '../Loading';
import { WhyThisReply } from './WhyThisReply';

const MAX_CHARS = 2000;

/** A 404 from an agent's feature means the agent is gone or private, or the server does not offer the feature. */
export function agentFeatureError(error: ApiError, feature: string): string {
  return error.status === 404 ? `${feature} is not available: the agent is private or gone, or this server does not offer it yet.` : error.message;
}

/** The listing to get the agent from, when the API refused it for want of an entitlement (403 ERR_ENTITLEMENT_REQUIRED names it). */
function listingRequired(error: ApiError): string | null {
  return error.status === 403 && error.fieldCodes.listing?.[0] === 'ERR_ENTITLEMENT_REQUIRED' ? (error.fields.listing?.[0] ?? null) : null;
}

function Failure({ error }: { error: ApiError }) {
  const listingId = listingRequired(error);
  return (
    <div className="alert alert-error" role="alert">
      {listingId ? (
        <>
          This agent is sold on the marketplace. <Link to={`/marketplace/${listingId}`}>See its listing</Link> to get it, or to buy more replies when yours are used up.
        </>
      ) : (
        agentFeatureError(error, 'Chat with this agent')
      )}
    </div>
  );
}

function Bubble({ message, agentName }: { message: ChatMessage; agentName: string }) {
  const agent = message.role === 'agent';
  return (
    <li className={`chat-message chat-${message.role}`}>
      <span className="visually-hidden">{agent ? `${agentName}:` : 'You:'}</span>
      <p className="chat-text">{message.text}</p>
      {agent && message.explanation && <WhyThisReply explanation={message.explanation} />}
    </li>
  );
}

export function AgentChat({ agentId, agentName }: { agentId: string; agentName: string }) {
  const [history] = useResource(() => getChatHistory(agentId), [agentId]);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [streaming, setStreaming] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const abort = useRef<AbortController | null>(null);
  const end = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (history.state === 'ready') setMessages([...history.data].reverse());
  }, [history]);
  useEffect(() => () => abort.current?.abort(), []);
  // Braces matter: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [messages, streaming]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const message = text.trim();
    if (!message || streaming !== null) return;
    setError(null);
    setStreaming('');
    setText('');
    abort.current = new AbortController();
    try {
      await sendChatMessage(
        agentId,
        message,
        {
          onMessage: (m) => setMessages((all) => [...all, m]),
          onToken: (piece) => setStreaming((s) => (s ?? '') + piece),
          onDone: (m) => setMessages((all) => [...all, m]),
        },
        abort.current.signal,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
      setText((t) => t || message);
    } finally {
      setStreaming(null);
    }
  };

  const failure = error ?? (history.state === 'error' ? history.error : null);
  const unavailable = history.state === 'error' && history.error.status === 404;
  return (
    <div className="agent-chat">
      <ol className="chat-log" role="log" aria-label={`Conversation with ${agentName}`} aria-busy={streaming !== null}>
        {history.state === 'loading' && (
          <li>
            <Loading />
          </li>
        )}
        {messages.map((m) => (
          <Bubble key={m.id} message={m} agentName={agentName} />
        ))}
        {streaming !== null && (
          <li className="chat-message chat-agent chat-streaming" aria-label={`${agentName} is replying`}>
            <p className="chat-text">{streaming || '…'}</p>
          </li>
        )}
        {history.state === 'ready' && messages.length === 0 && streaming === null && <li className="muted chat-empty">Say hello to {agentName}.</li>}
        <li ref={end} aria-hidden="true" />
      </ol>
      {failure && <Failure error={failure} />}
      {!unavailable && (
        <form className="chat-form" onSubmit={send}>
          <label className="visually-hidden" htmlFor={`chat-${agentId}`}>
            Message to {agentName}
          </label>
          <textarea
            id={`chat-${agentId}`}
            rows={2}
            maxLength={MAX_CHARS}
            value={text}
            placeholder={`Message ${agentName}`}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <button type="submit" className="button button-primary" disabled={!text.trim() || streaming !== null}>
            {streaming !== null ? 'Replying…' : 'Send'}
          </button>
        </form>
      )}
    </div>
  );
}
