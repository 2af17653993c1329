/**
 * The personality of an agent, for the builder and the edit page alike: trait and topic blocks,
 * the voice, catchphrases and boundaries (one per line).
 */
import { useState } from 'react';
import { AGENT_LIMITS } from '../../../../shared/agents/templates';
import type { AgentDraft } from '../../api/agents';
import type { AgentTemplate } from '../../api/types';
import { TextArea } from '../Field';
import { BlockBoard } from './BlockBoard';

type Personality = Pick<AgentDraft, 'traits' | 'topics' | 'voice' | 'catchphrases' | 'boundaries'>;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** A list edited as lines: the text is kept as typed (blank lines included) and the list sent on. */
function LineListField({ label, hint, items, error, onChange }: { label: string; hint: string; items: string[]; error: string | undefined; onChange(items: string[]): void }) {
  const [text, setText] = useState(() => items.join('\n'));
  return (
    <TextArea
      label={label}
      rows={3}
      value={text}
      error={error}
      hint={hint}
      onChange={(e) => {
        setText(e.target.value);
        onChange(lines(e.target.value));
      }}
    />
  );
}

export function PersonalityEditor({ value, templates, fieldError, onChange }: { value: Personality; templates: AgentTemplate[]; fieldError(field: string): string | undefined; onChange(next: Personality): void }) {
  const set = (change: Partial<Personality>) => onChange({ ...value, ...change });
  const board = { max: AGENT_LIMITS.listItems, maxChars: AGENT_LIMITS.itemChars };
  return (
    <>
      <fieldset className="fieldset">
        <legend>Traits</legend>
        <BlockBoard noun="traits" one="trait" suggestions={templates.flatMap((t) => t.personality.traits)} items={value.traits} onChange={(traits) => set({ traits })} {...board} />
        {fieldError('traits') && <p className="field-error">{fieldError('traits')}</p>}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Topics</legend>
        <BlockBoard noun="topics" one="topic" suggestions={templates.flatMap((t) => t.personality.topics)} items={value.topics} onChange={(topics) => set({ topics })} {...board} />
        {fieldError('topics') && <p className="field-error">{fieldError('topics')}</p>}
      </fieldset>
      <TextArea label="Voice" rows={2} maxLength={AGENT_LIMITS.voiceChars} value={value.voice} error={fieldError('voice')} hint="How it sounds, in a sentence or two." onChange={(e) => set({ voice: e.target.value })} />
      <LineListField label="Catchphrases" hint="One per line." items={value.catchphrases} error={fieldError('catchphrases')} onChange={(catchphrases) => set({ catchphrases })} />
      <LineListField label="Boundaries" hint="Topics it refuses to talk about, one per line." items={value.boundaries} error={fieldError('boundaries')} onChange={(boundaries) => set({ boundaries })} />
    </>
  );
}
