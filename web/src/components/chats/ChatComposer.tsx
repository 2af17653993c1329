/**
 * Writing a message: text (Enter sends, Shift+Enter breaks the line), up to 4 images or videos
 * uploaded as soon as they are picked (progress each, through the media API), and the message
 * being replied to. Typing is reported as it happens; the room hook throttles it.
 */
import { type FormEvent, useRef, useState } from 'react';
import type { ChatRoomMessage } from '../../api/chats';
import { describeMedia, uploadMedia } from '../../api/statuses';
import type { Account, MediaAttachment } from '../../api/types';
import { Icon } from '../Icon';
import { type MediaDraft, MediaDraftList } from '../MediaDraftList';
import { ReplyQuote } from './ReplyQuote';

const MAX_MEDIA = 4;
const MAX_CHARS = 4000;

interface Props {
  replyTo: ChatRoomMessage | null;
  replyAuthor: Account | undefined;
  onCancelReply: () => void;
  onTyping: () => void;
  onSend: (text: string, media: MediaAttachment[], replyTo: ChatRoomMessage | null) => void;
}

export function ChatComposer({ replyTo, replyAuthor, onCancelReply, onTyping, onSend }: Props) {
  const [text, setText] = useState('');
  const [media, setMedia] = useState<MediaDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<MediaDraft>) => setMedia((all) => all.map((m) => (m.key === key ? { ...m, ...change } : m)));
  const uploading = media.some((m) => !m.attachment && !m.error);
  const canSend = (text.trim() !== '' || media.length > 0) && !uploading && !media.some((m) => m.error);

  const addFiles = (files: FileList | null) => {
    const picked = [...(files ?? [])].slice(0, MAX_MEDIA - media.length).map((file) => ({ key: crypto.randomUUID(), file, preview: URL.createObjectURL(file), progress: 0, description: '' }));
    setMedia((all) => [...all, ...picked]);
    for (const d of picked) {
      uploadMedia(d.file, '', (fraction) => patch(d.key, { progress: fraction })).then(
        (attachment) => patch(d.key, { attachment, progress: 1 }),
        (err: unknown) => patch(d.key, { error: err instanceof Error ? err.message : String(err) }),
      );
    }
    if (fileInput.current) fileInput.current.value = '';
  };
  const remove = (key: string) =>
    setMedia((all) => {
      const gone = all.find((m) => m.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return all.filter((m) => m.key !== key);
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSend) return;
    setError(null);
    try {
      await Promise.all(media.filter((m) => m.description.trim()).map((m) => describeMedia(m.attachment!.id, m.description.trim())));
    } catch (err) {
      return setError(err instanceof Error ? err.message : String(err));
    }
    onSend(text.trim(), media.map((m) => m.attachment!), replyTo);
    media.forEach((m) => URL.revokeObjectURL(m.preview));
    setText('');
    setMedia([]);
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
      <MediaDraftList drafts={media} onDescribe={(key, description) => patch(key, { description })} onRemove={remove} />
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="chat-form">
        <input ref={fileInput} type="file" accept="image/*,video/*" multiple hidden onChange={(e) => addFiles(e.target.files)} aria-label="Attach images or videos" />
        <button type="button" className="tool-button" aria-label="Attach images or videos" title="Attach images or videos" disabled={media.length >= MAX_MEDIA} onClick={() => fileInput.current?.click()}>
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
          placeholder="Write a message"
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
          {uploading ? 'Uploading…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
