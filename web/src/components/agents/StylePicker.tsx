/** How the agent talks: the four response styles, each with a line of what it sounds like. */
import type { AgentStyle } from '../../api/types';

const STYLES: { id: AgentStyle; name: string; sample: string }[] = [
  { id: 'formal', name: 'Formal', sample: 'Good afternoon. I would be glad to explain it step by step.' },
  { id: 'casual', name: 'Casual', sample: 'Hey! Sure thing, here’s the gist.' },
  { id: 'humorous', name: 'Humorous', sample: 'Plot twist: it’s easier than it looks. Here goes.' },
  { id: 'professional', name: 'Professional', sample: 'Short answer first, then the details as points.' },
];

export function StylePicker({ value, onChange }: { value: AgentStyle; onChange(style: AgentStyle): void }) {
  return (
    <div className="template-grid" role="radiogroup" aria-label="Response style">
      {STYLES.map((s) => (
        <button key={s.id} type="button" role="radio" aria-checked={value === s.id} className="card template-card" onClick={() => onChange(s.id)}>
          <strong>{s.name}</strong>
          <span>“{s.sample}”</span>
        </button>
      ))}
    </div>
  );
}
