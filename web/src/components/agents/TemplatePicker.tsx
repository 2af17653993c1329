/** The first step of the builder: one card per template, chosen like a radio button. */
import type { AgentTemplate } from '../../api/types';

export function TemplatePicker({ templates, chosen, onChoose }: { templates: AgentTemplate[]; chosen: string | null; onChoose(template: AgentTemplate): void }) {
  return (
    <div className="template-grid" role="radiogroup" aria-label="Template">
      {templates.map((t) => (
        <button key={t.id} type="button" role="radio" aria-checked={chosen === t.id} className="card template-card" onClick={() => onChoose(t)}>
          <strong>{t.name}</strong>
          <span>{t.description}</span>
          <span className="template-traits">{t.personality.traits.join(' · ')}</span>
        </button>
      ))}
    </div>
  );
}
