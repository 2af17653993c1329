/**
 * The compose box: text with a live character counter, images and videos uploaded as soon as they
 * are picked (progress and alt text each), a poll, a content warning and the audience. A random
 * Idempotency-Key per draft makes a retried send post only once.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { postStatus, type Visibility } from '../api/statuses';
import type { Status } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { useMediaDrafts } from '../hooks/useMediaDrafts';
import { countChars } from '../lib/charCount';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { MediaDraftList } from './MediaDraftList';
import { NEW_POLL, PollBuilder, type PollDraft } from './PollBuilder';

const MAX_CHARS = 500;
const MAX_MEDIA = 4;
const newKey = () => crypto.randomUUID();

const VISIBILITIES: [Visibility, string][] = [
  ['public', 'Public'],
  ['unlisted', 'Quiet public'],
  ['private', 'Followers only'],
  ['direct', 'Mentioned people only'],
];

interface ComposeProps {
  inReplyTo?: Status;
  onPosted: (s: Status) => void;
  autoFocus?: boolean;
}

export function Compose({ inReplyTo, onPosted, autoFocus }: ComposeProps) {
  const { account } = useSession();
  const id = useId();
  const mentions = inReplyTo ? [inReplyTo.account.acct, ...inReplyTo.mentions.map((m) => m.acct)].filter((a, i, all) => a !== account?.acct && all.indexOf(a) === i) : [];
  const [text, setText] = useState(mentions.length ? `${mentions.map((a) => `@${a}`).join(' ')} ` : '');
  const [cw, setCw] = useState<string | null>(inReplyTo?.spoiler_text ? inReplyTo.spoiler_text : null);
  const [visibility, setVisibility] = useState<Visibility>(inReplyTo?.visibility ?? 'public');
  const media = useMediaDrafts(MAX_MEDIA);
  const [poll, setPoll] = useState<PollDraft | null>(null);
  const [draftKey, setDraftKey] = useState(newKey);
  const action = useAction();
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus && textarea.current) {
      textarea.current.focus();
      textarea.current.setSelectionRange(text.length, text.length);
    }
    // only on mount
  }, []);

  const used = countChars(text) + (cw ? countChars(cw) : 0);
  const left = MAX_CHARS - used;
  const empty = text.trim() === '' && media.drafts.length === 0;
  const pollIncomplete = poll !== null && poll.options.filter((o) => o.trim()).length < 2;
  const canSend = !empty && left >= 0 && !media.uploading && !pollIncomplete && !media.failed && !action.busy;

  const addFiles = (files: FileList | null) => {
    if (media.add(files)) setPoll(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSend) return;
    const posted = await action.run(async () => {
      await media.saveDescriptions();
      return postStatus(
        {
          status: text,
          visibility,
          ...(media.drafts.length ? { media_ids: media.drafts.map((m) => m.attachment!.id) } : {}),
          ...(poll ? { poll: { options: poll.options.map((o) => o.trim()).filter(Boolean), expires_in: poll.expiresIn, multiple: poll.multiple } } : {}),
          ...(cw !== null && cw.trim() ? { spoiler_text: cw.trim(), sensitive: true } : {}),
          ...(inReplyTo ? { in_reply_to_id: inReplyTo.id } : {}),
        },
        draftKey,
      );
    });
    if (!posted) return;
    setText('');
    setCw(null);
    media.clear();
    setPoll(null);
    setDraftKey(newKey());
    onPosted(posted);
  };

  const fieldErrors = action.error ? Object.entries(action.error.fields) : [];
  const label = inReplyTo ? `Reply to ${inReplyTo.account.display_name || inReplyTo.account.username}` : "What's on your mind?";
  return (
    <form className="compose" onSubmit={submit} aria-label={inReplyTo ? 'Reply' : 'New post'}>
      {account && !inReplyTo && <Avatar account={account} size={46} />}
      <div className="compose-body">
        {cw !== null && <input className="compose-cw" aria-label="Content warning" placeholder="Content warning" value={cw} maxLength={500} onChange={(e) => setCw(e.target.value)} />}
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {label}
        </label>
        <textarea id={`${id}-text`} ref={textarea} className="compose-text" placeholder={label} rows={inReplyTo ? 4 : 3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-count`} aria-invalid={left < 0 || undefined} />
        <MediaDraftList drafts={media.drafts} onDescribe={media.describe} onRemove={media.remove} />
        {poll && <PollBuilder poll={poll} onChange={setPoll} error={action.fieldError('poll') ?? action.fieldError('poll.options')} />}
        {action.error && (
          <div className="alert alert-error" role="alert">
            {action.error.message}
            {fieldErrors.length > 0 && (
              <ul>
                {fieldErrors.map(([field, errors]) => (
                  <li key={field}>
                    {field}: {errors.join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="compose-tools">
          <input ref={media.input} type="file" accept="image/*,video/*" multiple hidden onChange={(e) => addFiles(e.target.files)} aria-label="Attach images or videos" />
          <button type="button" className="tool-button" aria-label="Add images or videos" title="Add images or videos" disabled={media.full || poll !== null} onClick={() => media.input.current?.click()}>
            <Icon name="image" size={20} />
          </button>
          <button type="button" className="tool-button" aria-label="Add a poll" title="Add a poll" aria-pressed={poll !== null} disabled={media.drafts.length > 0} onClick={() => setPoll(poll ? null : NEW_POLL)}>
            <Icon name="poll" size={20} />
          </button>
          <button type="button" className="tool-button" aria-label="Content warning" title="Content warning" aria-pressed={cw !== null} onClick={() => setCw(cw === null ? '' : null)}>
            <Icon name="warning" size={20} />
          </button>
          <select className="compose-visibility" aria-label="Who can see this" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
            {VISIBILITIES.map(([v, name]) => (
              <option key={v} value={v}>
                {name}
              </option>
            ))}
          </select>
          <span id={`${id}-count`} className={`compose-count${left < 0 ? ' compose-count-over' : left < 20 ? ' compose-count-near' : ''}`} aria-label={`${left} characters left`}>
            {left}
          </span>
          <button type="submit" className="button button-primary" disabled={!canSend}>
            {action.busy ? 'Posting…' : inReplyTo ? 'Reply' : 'Post'}
          </button>
        </div>
      </div>
    </form>
  );
}
