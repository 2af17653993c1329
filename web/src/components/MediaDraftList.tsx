/** Files picked in the compose box: a preview, the upload progress and an alt text field each. */
import type { MediaAttachment } from '../api/types';
import { UploadStatus } from './UploadStatus';

export interface MediaDraft {
  key: string;
  file: File;
  preview: string;
  progress: number;
  description: string;
  attachment?: MediaAttachment;
  error?: string;
}

export function MediaDraftList({ drafts, onDescribe, onRemove }: { drafts: MediaDraft[]; onDescribe: (key: string, text: string) => void; onRemove: (key: string) => void }) {
  if (drafts.length === 0) return null;
  return (
    <ul className="media-drafts">
      {drafts.map((d) => (
        <li key={d.key} className="media-draft">
          {d.file.type.startsWith('video/') ? <video src={d.preview} muted aria-hidden="true" /> : <img src={d.preview} alt="" />}
          <div className="media-draft-side">
            <UploadStatus name={d.file.name} progress={d.progress} done={Boolean(d.attachment)} error={d.error} />
            <label className="visually-hidden" htmlFor={`alt-${d.key}`}>
              Alt text for {d.file.name}
            </label>
            <input id={`alt-${d.key}`} className="media-alt" placeholder="Describe this for people who can't see it" value={d.description} maxLength={1500} onChange={(e) => onDescribe(d.key, e.target.value)} />
            <button type="button" className="link-button" onClick={() => onRemove(d.key)} aria-label={`Remove ${d.file.name}`}>
              Remove
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
