/** Editing an agent's personality, style, name and bio at /agents/:id/edit: saving makes a new version. */
import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { type AgentDraft, getAgentTemplates, getAgentVersions, updateAgent } from '../api/agents';
import type { Agent, AgentVersion } from '../api/types';
import { Loaded } from '../components/Loaded';
import { OwnedAgent } from '../components/agents/OwnedAgent';
import { PersonalityEditor } from '../components/agents/PersonalityEditor';
import { StylePicker } from '../components/agents/StylePicker';
import { TextArea, TextField } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { navigate } from '../router';

/** The latest version's snapshot holds the bio as typed (the account's note is rendered HTML). */
function EditForm({ agent, current }: { agent: Agent; current: AgentVersion['snapshot'] }) {
  const [draft, setDraft] = useState<AgentDraft>(() => ({ ...current }));
  const [templates] = useResource(getAgentTemplates, []);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => updateAgent(agent.id, draft));
    if (saved) navigate(`/@${saved.account.acct}`);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={action.error} fields={Object.keys(draft)} />
      <TextField label="Name" maxLength={LIMITS.displayNameMaxChars} value={draft.display_name} error={action.fieldError('display_name')} onChange={(e) => setDraft({ ...draft, display_name: e.target.value })} />
      <TextArea label="Bio" rows={3} maxLength={LIMITS.noteMaxChars} value={draft.note} error={action.fieldError('note')} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
      <PersonalityEditor value={draft} templates={templates.state === 'ready' ? templates.data : []} fieldError={action.fieldError} onChange={(p) => setDraft({ ...draft, ...p })} />
      <fieldset className="fieldset">
        <legend>Style</legend>
        <StylePicker value={draft.style} onChange={(style) => setDraft({ ...draft, style })} />
      </fieldset>
      <p className="field-hint">Saving makes version {agent.version + 1}; everyone talking to it sees what changed.</p>
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}

function Versions({ agent }: { agent: Agent }) {
  const [versions] = useResource(() => getAgentVersions(agent.id), [agent.id]);
  return <Loaded resource={versions}>{(list) => <EditForm agent={agent} current={list[0]!.snapshot} />}</Loaded>;
}

export function AgentEdit({ id }: { id: string }) {
  useDocumentTitle('Edit agent');
  return (
    <section className="settings">
      <OwnedAgent id={id}>
        {(agent, name) => (
          <>
            <h1>Edit {name}</h1>
            <Versions agent={agent} />
          </>
        )}
      </OwnedAgent>
    </section>
  );
}
