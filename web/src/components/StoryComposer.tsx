/**
 * Adding a story: a picture or video, uploaded as soon as it is picked (with progress), or a
 * text on one of the palette's background colours, previewed as it will be shown.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { STORY_BACKGROUNDS, STORY_TEXT_MAX_CHARS } from '../../../shared/constants';
import { postStory } from '../api/stories';
import { uploadMedia } from '../api/statuses';
import type { MediaAttachment } from '../api/types';
import { useAction } from '../hooks/useAction';
import { Dialog } from './Dialog';
import { UploadStatus } from './UploadStatus';

interface Upload {
  file: File;
  preview: string;
  progress: number;
  attachment?: MediaAttachment;
  error?: string;
}

export function StoryComposer({ onClose, onPosted }: { onClose: () => void; onPosted: () => void }) {
  const [mode, setMode] = useState<'media' | 'text'>('media');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [text, setText] = useState('');
  const [background, setBackground] = useState<string>(STORY_BACKGROUNDS[0]);
  const action = useAction();

  const preview = upload?.preview;
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const pick = (file: File | undefined) => {
    if (!file) return;
    const preview = URL.createObjectURL(file);
    setUpload({ file, preview, progress: 0 });
    const patch = (change: Partial<Upload>) => setUpload((u) => (u?.preview === preview ? { ...u, ...change } : u));
    uploadMedia(file, '', (progress) => patch({ progress })).then(
      (attachment) => patch({ attachment, progress: 1 }),
      (err: unknown) => patch({ error: err instanceof Error ? err.message : String(err) }),
    );
  };

  const length = [...text.trim()].length;
  const canShare = !action.busy && (mode === 'media' ? Boolean(upload?.attachment) : length > 0 && length <= STORY_TEXT_MAX_CHARS);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canShare) return;
    const done = await action.run(() => postStory(mode === 'media' ? { media_id: upload!.attachment!.id } : { text: text.trim(), background }));
    if (done) onPosted();
  };

  return (
    <Dialog title="New story" onClose={onClose} className="story-composer">
      <form onSubmit={submit}>
        <div className="story-modes" role="group" aria-label="Kind of story">
          <button type="button" className="button button-small" aria-pressed={mode === 'media'} onClick={() => setMode('media')}>
            Photo or video
          </button>
          <button type="button" className="button button-small" aria-pressed={mode === 'text'} onClick={() => setMode('text')}>
            Text
          </button>
        </div>
        {mode === 'media' ? (
          <div className="story-composer-body">
            <label className="button">
              Choose a photo or video
              <input type="file" accept="image/*,video/*" hidden onChange={(e) => pick(e.target.files?.[0])} aria-label="Story photo or video" />
            </label>
            {upload && (
              <div className="story-preview">
                {upload.file.type.startsWith('video/') ? <video src={upload.preview} muted aria-hidden="true" /> : <img src={upload.preview} alt="" />}
                <UploadStatus name={upload.file.name} progress={upload.progress} done={Boolean(upload.attachment)} error={upload.error} />
              </div>
            )}
          </div>
        ) : (
          <div className="story-composer-body">
            <div className="story-text story-text-preview" style={{ background }}>
              <label className="visually-hidden" htmlFor="story-text">
                Story text
              </label>
              <textarea id="story-text" placeholder="Type something" value={text} onChange={(e) => setText(e.target.value)} rows={4} aria-describedby="story-text-count" />
            </div>
            <div className="story-swatches" role="radiogroup" aria-label="Background colour">
              {STORY_BACKGROUNDS.map((colour) => (
                <button key={colour} type="button" role="radio" aria-checked={colour === background} aria-label={`Background ${colour}`} className="story-swatch" style={{ background: colour }} onClick={() => setBackground(colour)} />
              ))}
            </div>
            <span id="story-text-count" className={`compose-count${length > STORY_TEXT_MAX_CHARS ? ' compose-count-over' : ''}`}>
              {STORY_TEXT_MAX_CHARS - length} characters left
            </span>
          </div>
        )}
        {action.error && (
          <div className="alert alert-error" role="alert">
            {action.error.message}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!canShare}>
            {action.busy ? 'Sharing…' : 'Share to your story'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
