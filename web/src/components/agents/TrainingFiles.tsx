/**
 * An agent's training files: pick files, watch each upload's progress, then its ingestion
 * (queued → processing → ready, or failed with the reason), polled until it settles.
 */
import { useEffect, useState } from 'react';
import { TRAINING_LIMITS } from '../../../../shared/api/training';
import { deleteTrainingFile, getTrainingFile, listTrainingFiles, uploadTrainingFile } from '../../api/training';
import type { TrainingFile } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { Loading } from '../Loading';
import { UploadStatus } from '../UploadStatus';

const ACCEPT = '.txt,.text,.md,.markdown,.csv,.json,.html,.htm,.pdf';
const POLL_MS = 1000;

interface Upload {
  key: string;
  name: string;
  progress: number;
  error?: string;
}

const settled = (f: TrainingFile) => f.status === 'ready' || f.status === 'failed';

function FileState({ file }: { file: TrainingFile }) {
  if (file.status === 'ready') return <span className="chip chip-ok">Ready · {file.chunks_count} {file.chunks_count === 1 ? 'passage' : 'passages'}</span>;
  if (file.status === 'failed')
    return (
      <span className="field-error" role="alert">
        Failed: {file.error ?? 'unknown reason'}
      </span>
    );
  return <span className="chip chip-warn">{file.status === 'queued' ? 'Queued' : 'Processing…'}</span>;
}

export function TrainingFiles({ agentId }: { agentId: string }) {
  const [loaded] = useResource(() => listTrainingFiles(agentId), [agentId]);
  const [files, setFiles] = useState<TrainingFile[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  useEffect(() => {
    if (loaded.state === 'ready') setFiles(loaded.data);
  }, [loaded]);
  const pending = files.filter((f) => !settled(f)).map((f) => f.id).join(',');

  // Ingestion runs on a queue: ask again about the unsettled files until each is ready or failed.
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(async () => {
      const fresh = await Promise.all(pending.split(',').map((id) => getTrainingFile(agentId, id).catch(() => null)));
      setFiles((all) => all.map((f) => fresh.find((x) => x?.id === f.id) ?? f));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [agentId, pending, files]);

  const upload = (file: File) => {
    const key = `${file.name}-${Date.now()}-${Math.random()}`;
    const patch = (change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
    setUploads((all) => [...all, { key, name: file.name, progress: 0 }]);
    uploadTrainingFile(agentId, file, (progress) => patch({ progress })).then(
      (stored) => {
        setUploads((all) => all.filter((u) => u.key !== key));
        setFiles((all) => [stored, ...all]);
      },
      (err: unknown) => patch({ error: err instanceof Error ? err.message : String(err) }),
    );
  };

  const remove = async (id: string) => {
    await deleteTrainingFile(agentId, id);
    setFiles((all) => all.filter((f) => f.id !== id));
  };

  return (
    <div className="training">
      <label className="button">
        Choose training files
        <input type="file" multiple accept={ACCEPT} hidden aria-label="Add training files" onChange={(e) => [...(e.target.files ?? [])].forEach(upload)} />
      </label>
      <p className="field-hint">
        Text, Markdown, CSV, JSON, HTML or PDF; up to {TRAINING_LIMITS.fileMaxBytes / 1024 / 1024} MB a file and {TRAINING_LIMITS.filesPerAgent} files. Only you can see them.
      </p>
      <ul className="training-list" aria-label="Training files">
        {uploads.map((u) => (
          <li key={u.key} className="training-item">
            <strong>{u.name}</strong>
            <UploadStatus name={u.name} progress={u.progress} done={false} error={u.error} />
          </li>
        ))}
        {files.map((f) => (
          <li key={f.id} className="training-item" aria-label={f.name}>
            <strong>{f.name}</strong>
            <FileState file={f} />
            <button type="button" className="link-button" aria-label={`Delete ${f.name}`} onClick={() => void remove(f.id).catch(() => undefined)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {loaded.error.message}
        </div>
      )}
    </div>
  );
}
