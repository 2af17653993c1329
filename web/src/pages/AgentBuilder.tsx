/**
 * The agent builder at /agents/new: template → personality (trait and topic blocks) → style →
 * name and picture → create (private) → training files → try it → publish.
 */
import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { type AgentDraft, createAgent, getAgentTemplates } from '../api/agents';
import { ApiError } from '../api/http';
import type { Agent, AgentTemplate } from '../api/types';
import { AgentChat } from '../components/agents/AgentChat';
import { PersonalityEditor } from '../components/agents/PersonalityEditor';
import { PublishStep } from '../components/agents/PublishStep';
import { StylePicker } from '../components/agents/StylePicker';
import { TemplatePicker } from '../components/agents/TemplatePicker';
import { TrainingFiles } from '../components/agents/TrainingFiles';
import { TextArea, TextField } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { imageProblem, ImagePicker } from '../components/ImagePicker';
import { Loaded } from '../components/Loaded';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

const STEPS = ['Template', 'Personality', 'Style', 'Profile', 'Training', 'Try it', 'Publish'] as const;
const CREATED_AT = STEPS.indexOf('Training');
const PROFILE_FIELDS = ['username', 'display_name', 'note', 'avatar'];

const draftFromTemplate = (t: AgentTemplate, keep: Pick<AgentDraft, 'display_name' | 'note'>): AgentDraft => ({ ...keep, ...t.personality, style: t.style });

function Stepper({ step, reachable, onGo }: { step: number; reachable: (i: number) => boolean; onGo(i: number): void }) {
  return (
    <ol className="stepper" aria-label="Steps">
      {STEPS.map((name, i) => (
        <li key={name}>
          <button type="button" className="stepper-step" aria-current={i === step ? 'step' : undefined} disabled={!reachable(i)} onClick={() => onGo(i)}>
            <span className="stepper-number">{i + 1}</span> {name}
          </button>
        </li>
      ))}
    </ol>
  );
}

function Builder({ templates }: { templates: AgentTemplate[] }) {
  const [step, setStep] = useState(0);
  const [template, setTemplate] = useState<AgentTemplate | null>(null);
  const [draft, setDraft] = useState<AgentDraft | null>(null);
  const [username, setUsername] = useState('');
  const [avatar, setAvatar] = useState<File | null>(null);
  const [agent, setAgent] = useState<Agent | null>(null);
  const action = useAction();

  const reachable = (i: number) => (agent ? i >= CREATED_AT : i === 0 || (template !== null && i < CREATED_AT));
  const next = () => setStep((s) => s + 1);
  const chooseTemplate = (t: AgentTemplate) => {
    setTemplate(t);
    setDraft((d) => draftFromTemplate(t, { display_name: d?.display_name ?? '', note: d?.note ?? '' }));
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!template || !draft) return;
    const created = await action.run(() => {
      const problem = avatar && imageProblem(avatar);
      if (problem) throw new ApiError(422, 'Please correct the highlighted fields.', { avatar: [problem] });
      return createAgent({ ...draft, username, template: template.id, visibility: 'private' }, avatar);
    });
    if (created) {
      setAgent(created);
      setStep(CREATED_AT);
    }
  };
  // A complaint about the personality or style sends the creator back to where it is fixed.
  const personalityError = action.error && Object.keys(action.error.fields).some((k) => !PROFILE_FIELDS.includes(k));

  const name = agent ? agent.account.display_name || agent.account.username : '';
  return (
    <>
      <Stepper step={step} reachable={reachable} onGo={setStep} />
      <section className="card builder-step" aria-labelledby="builder-step-title">
        <h2 id="builder-step-title">{STEPS[step]}</h2>
        {step === 0 && (
          <>
            <p className="muted">Start from a template; you can change everything it sets.</p>
            <TemplatePicker templates={templates} chosen={template?.id ?? null} onChoose={chooseTemplate} />
          </>
        )}
        {step === 1 && draft && <PersonalityEditor value={draft} templates={templates} fieldError={action.fieldError} onChange={(p) => setDraft({ ...draft, ...p })} />}
        {step === 2 && draft && <StylePicker value={draft.style} onChange={(style) => setDraft({ ...draft, style })} />}
        {step === 3 && draft && (
          <form id="builder-profile" className="form" onSubmit={create} noValidate>
            <FormAlert error={personalityError ? null : action.error} fields={PROFILE_FIELDS} />
            {personalityError && (
              <div className="alert alert-error" role="alert">
                The personality needs a fix: {Object.entries(action.error!.fields).map(([k, v]) => `${k} ${v[0]}`).join('; ')}.
              </div>
            )}
            <TextField label="Name" maxLength={LIMITS.displayNameMaxChars} value={draft.display_name} error={action.fieldError('display_name')} onChange={(e) => setDraft({ ...draft, display_name: e.target.value })} />
            <TextField label="Handle" hint="Letters, numbers and underscores; its address will be @handle." value={username} autoCapitalize="none" error={action.fieldError('username')} onChange={(e) => setUsername(e.target.value.replace(/^@/, ''))} />
            <TextArea label="Bio" rows={3} maxLength={LIMITS.noteMaxChars} value={draft.note} error={action.fieldError('note')} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
            <ImagePicker label="Avatar" name="avatar" shape="round" currentUrl="/avatars/original/missing.png" file={avatar} error={action.fieldError('avatar')} onChange={setAvatar} />
          </form>
        )}
        {step === 4 && agent && (
          <>
            <p className="muted">Files {name} learns from: it quotes and paraphrases them when it answers. You can skip this and add files later.</p>
            <TrainingFiles agentId={agent.id} />
          </>
        )}
        {step === 5 && agent && (
          <>
            <p className="muted">Talk with {name} before anyone else can. Open “Why this reply” to see what it drew on.</p>
            <AgentChat agentId={agent.id} agentName={name} />
          </>
        )}
        {step === 6 && agent && <PublishStep agent={agent} onPublished={setAgent} />}
        <div className="button-row builder-nav">
          {step > 0 && reachable(step - 1) && (
            <button type="button" className="button" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          {step === 3 ? (
            <button type="submit" form="builder-profile" className="button button-primary" disabled={action.busy || !username}>
              {action.busy ? 'Creating…' : 'Create agent'}
            </button>
          ) : (
            step < STEPS.length - 1 && (
              <button type="button" className="button button-primary" disabled={!reachable(step + 1)} onClick={next}>
                Next
              </button>
            )
          )}
        </div>
      </section>
    </>
  );
}

export function AgentBuilder() {
  useDocumentTitle('Create an agent');
  const [templates] = useResource(getAgentTemplates, []);
  return (
    <section className="agent-builder">
      <h1>Create an agent</h1>
      <Loaded resource={templates}>{(list) => <Builder templates={list} />}</Loaded>
    </section>
  );
}
