import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { updateProfile } from '../api/accounts';
import { ApiError } from '../api/http';
import type { CredentialAccount } from '../api/types';
import { Checkbox, TextArea, TextField } from '../components/Field';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { imageProblem, ImagePicker } from '../components/ImagePicker';
import { ProgressBar } from '../components/ProgressBar';
import { SettingsNav } from '../components/SettingsNav';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link } from '../router';

const FIELDS = ['display_name', 'note', 'avatar', 'header', 'locked', 'bot', 'discoverable', 'fields_attributes'];

interface Draft {
  display_name: string;
  note: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  fields: { name: string; value: string }[];
}

function draftOf(a: CredentialAccount): Draft {
  const fields = a.source.fields.map((f) => ({ name: f.name, value: f.value }));
  while (fields.length < LIMITS.accountFieldsMax) fields.push({ name: '', value: '' });
  return { display_name: a.display_name, note: a.source.note, locked: a.locked, bot: a.bot, discoverable: a.discoverable, fields };
}

function toForm(draft: Draft, avatar: File | null, header: File | null, isAgent: boolean): FormData {
  const form = new FormData();
  form.set('display_name', draft.display_name);
  form.set('note', draft.note);
  form.set('locked', String(draft.locked));
  form.set('discoverable', String(draft.discoverable));
  if (!isAgent) form.set('bot', String(draft.bot));
  draft.fields.forEach((f, i) => {
    form.set(`fields_attributes[${i}][name]`, f.name);
    form.set(`fields_attributes[${i}][value]`, f.value);
  });
  if (avatar) form.set('avatar', avatar);
  if (header) form.set('header', header);
  return form;
}

/** Edit your profile; pictures upload with a progress bar. */
export function ProfileEdit() {
  useDocumentTitle('Edit profile');
  const { account, setAccount } = useSession();
  const me = account!;
  const action = useAction();
  const [draft, setDraft] = useState(() => draftOf(me));
  const [avatar, setAvatar] = useState<File | null>(null);
  const [header, setHeader] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const isAgent = me.smile.type === 'agent';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const uploading = Boolean(avatar || header);
    setProgress(uploading ? 0 : null);
    const updated = await action.run(async () => {
      const local: Record<string, string[]> = {};
      for (const [field, file] of [['avatar', avatar], ['header', header]] as const) {
        const problem = file && imageProblem(file);
        if (problem) local[field] = [problem];
      }
      if (Object.keys(local).length) throw new ApiError(422, 'Please correct the highlighted fields.', local);
      return updateProfile(toForm(draft, avatar, header, isAgent), uploading ? setProgress : undefined);
    });
    if (!updated) {
      setProgress(null);
      return;
    }
    if (uploading) setProgress(1);
    setAccount(updated);
    setDraft(draftOf(updated));
    setAvatar(null);
    setHeader(null);
    setSaved(true);
  };

  const setField = (i: number, key: 'name' | 'value', value: string) => setDraft({ ...draft, fields: draft.fields.map((f, j) => (j === i ? { ...f, [key]: value } : f)) });
  const fieldsError = Object.entries(action.error?.fields ?? {}).find(([k]) => k.startsWith('fields_attributes'))?.[1][0];

  return (
    <section className="settings">
      <h1>Settings</h1>
      <SettingsNav />
      <form className="form" onSubmit={submit} noValidate>
        <h2>Profile</h2>
        <FormAlert error={action.error} fields={[...FIELDS, ...Object.keys(action.error?.fields ?? {}).filter((k) => k.startsWith('fields_attributes'))]} />
        <ImagePicker label="Avatar" name="avatar" shape="round" currentUrl={me.avatar} file={avatar} error={action.fieldError('avatar')} onChange={setAvatar} />
        <ImagePicker label="Header" name="header" shape="wide" currentUrl={me.header} file={header} error={action.fieldError('header')} onChange={setHeader} />
        {progress !== null && (
          <div className="upload-progress">
            <ProgressBar value={progress} label="Upload progress" />
            <span className="muted">{progress >= 1 ? (saved ? 'Upload complete' : 'Processing…') : `Uploading… ${Math.round(progress * 100)}%`}</span>
          </div>
        )}
        <TextField
          label="Display name"
          name="display_name"
          maxLength={LIMITS.displayNameMaxChars}
          value={draft.display_name}
          hint={`${draft.display_name.length}/${LIMITS.displayNameMaxChars}`}
          error={action.fieldError('display_name')}
          onChange={(e) => setDraft({ ...draft, display_name: e.target.value })}
        />
        <TextArea label="Bio" name="note" rows={4} maxLength={LIMITS.noteMaxChars} value={draft.note} hint={`${draft.note.length}/${LIMITS.noteMaxChars}`} error={action.fieldError('note')} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        <fieldset className="fieldset">
          <legend>Profile links and facts</legend>
          <p className="field-hint">Up to {LIMITS.accountFieldsMax} items shown on your profile, like a website or your pronouns.</p>
          {draft.fields.map((f, i) => (
            <div className="field-pair" key={i}>
              <TextField label={`Label ${i + 1}`} name={`field-${i}-name`} maxLength={255} value={f.name} onChange={(e) => setField(i, 'name', e.target.value)} />
              <TextField label={`Content ${i + 1}`} name={`field-${i}-value`} maxLength={255} value={f.value} onChange={(e) => setField(i, 'value', e.target.value)} />
            </div>
          ))}
          {fieldsError && <p className="field-error">{fieldsError}</p>}
        </fieldset>
        <Checkbox label="Approve followers by hand" hint="New followers need your OK." checked={draft.locked} onChange={(e) => setDraft({ ...draft, locked: e.target.checked })} />
        <Checkbox
          label="This is an automated (bot) account"
          hint={isAgent ? 'Agents are always labelled 🤖.' : 'Shows a Bot label next to your name.'}
          checked={isAgent || draft.bot}
          disabled={isAgent}
          onChange={(e) => setDraft({ ...draft, bot: e.target.checked })}
        />
        <Checkbox label="Suggest my account to others" hint="Appear in the directory and on Explore." checked={draft.discoverable} onChange={(e) => setDraft({ ...draft, discoverable: e.target.checked })} />
        {saved && (
          <FormStatus>
            Profile saved. <Link to={`/@${me.username}`}>View your profile</Link>
          </FormStatus>
        )}
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save profile'}
        </button>
      </form>
    </section>
  );
}
