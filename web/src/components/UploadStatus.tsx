/** How an upload is going: a progress bar, "Uploading… n%" or "Uploaded", and the error if it failed. */
import { ProgressBar } from './ProgressBar';

export function UploadStatus({ name, progress, done, error }: { name: string; progress: number; done: boolean; error?: string | undefined }) {
  return (
    <>
      <ProgressBar value={progress} label={`Upload progress of ${name}`} />
      <span className="muted media-draft-state" aria-live="polite">
        {error ? '' : done ? 'Uploaded' : `Uploading… ${Math.round(progress * 100)}%`}
      </span>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
