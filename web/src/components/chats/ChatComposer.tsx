/**
 * Writing a message: text (Enter sends, Shift+Enter breaks the line), up to 4 images or videos
 * uploaded as soon as they are picked (progress each, through the media API), and the message
 * being replied to. Typing is reported as it happens; the room hook throttles it. In an encrypted
 * chat, picked files are not uploaded here: they are kept until sending, then encrypted in the
 * browser and uploaded as opaque bytes by the room hook.
 */
import { type FormEvent, useState } from 'react';
import type { ChatRoomMessage } from '../../api/chats';
import type { Account, MediaAttachment } from '../../api/types';
import { Icon } from '../Icon';
import { useMediaDrafts } from '../../hooks/useMediaDrafts';
import { MediaDraftList } from '../MediaDraftList';
import { ReplyQuote } from './ReplyQuote';

const MAX_MEDIA = 4;
const MAX_CHARS = 4000;

interface Props {
  replyTo: ChatRoomMessage | null;
  replyAuthor: Account | undefined;
  onCancelReply: () => void;
  onTyping: () => void;
  onSend: (text: string, media: MediaAttachment[], replyTo: ChatRoomMessage | null, files?: File[]) => void;
  encrypted?: boolean;
  /** The encryption device is not ready yet. */
  disabled?: boolean;
}

export function ChatComposer({ replyTo, replyAuthor, onCancelReply, onTyping, onSend, encrypted = false, disabled = false }: Props) {
  const [text, setText] = useState('');
  const media = useMediaDrafts(MAX_MEDIA);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const canSend = !disabled && (text.trim() !== '' || media.drafts.length > 0 || files.length > 0) && !media.uploading && !media.failed;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSend) return;
    setError(null);
    try {
      await media.saveDescriptions();
    } catch (err) {
      return setError(err instanceof Error ? err.message : String(err));
    }
    onSend(text.trim(), media.drafts.map((m) => m.attachment!), replyTo, files);
    setText('');
    setFiles([]);
    media.clear();
    onCancelReply();
  };

  return (
    <form className="chat-composer" onSubmit={submit} aria-label="New message">
      {replyTo && (
        <div className="chat-replying">
          <span className="muted">Replying to</span>
          <ReplyQuote message={replyTo} author={replyAuthor} />
          <button type="button" className="link-button" onClick={onCancelReply}>
            Cancel reply
          </button>
        </div>
      )}
      <MediaDraftList drafts={media.drafts} onDescribe={media.describe} onRemove={media.remove} />
      {files.length > 0 && (
        <ul className="chat-sealed-files" aria-label="Files to encrypt and send">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="chip">
              🔒 {f.name}
              <button type="button" className="link-button" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="chat-form">
        <input ref={media.input} type="file" accept="image/*,video/*" multiple hidden onChange={(e) => (encrypted ? setFiles([...files, ...Array.from(e.target.files ?? [])].slice(0, MAX_MEDIA)) : media.add(e.target.files))} aria-label="Attach images or videos" />
        <button type="button" className="tool-button" aria-label="Attach images or videos" title="Attach images or videos" disabled={encrypted ? files.length >= MAX_MEDIA : media.full} onClick={() => media.input.current?.click()}>
          <Icon name="image" size={20} />
        </button>
        <label className="visually-hidden" htmlFor="chat-composer-text">
          Message
        </label>
        <textarea
          id="chat-composer-text"
          rows={2}
          maxLength={MAX_CHARS}
          value={text}
          placeholder={encrypted ? 'Write an encrypted message' : 'Write a message'}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="button button-primary" disabled={!canSend}>
          {media.uploading ? 'Uploading…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
