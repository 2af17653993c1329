/** "Why this reply": what an agent's message drew on — memories of you, training passages, its style. */
import type { Explanation } from '../../api/agentChat';

export function WhyThisReply({ explanation }: { explanation: Explanation }) {
  return (
    <details className="why-reply">
      <summary>Why this reply</summary>
      <dl>
        <dt>Style</dt>
        <dd>
          {explanation.style}, personality version {explanation.persona_version}
        </dd>
        <dt>What it remembered about you</dt>
        <dd>
          {explanation.memories.length ? (
            <ul>
              {explanation.memories.map((m) => (
                <li key={m.id}>{m.text}</li>
              ))}
            </ul>
          ) : (
            'Nothing.'
          )}
        </dd>
        <dt>Passages from its training</dt>
        <dd>
          {explanation.snippets.length ? (
            <ul>
              {explanation.snippets.map((s) => (
                <li key={s.id}>
                  “{s.text}” <span className="muted">— {s.source}, match {Math.round(s.score * 100)}%</span>
                </li>
              ))}
            </ul>
          ) : (
            'None.'
          )}
        </dd>
        {explanation.moderation === 'hold' && (
          <>
            <dt>Moderation</dt>
            <dd>Held for a moderator to look at.</dd>
          </>
        )}
      </dl>
    </details>
  );
}
