/** An agent's training files (owner only): upload with progress, status, deletion. */
import { agentPath } from './agents';
import { api } from './client';
import { uploadForm } from './upload';
import type { TrainingFile } from './types';

const trainingPath = (agentId: string) => `${agentPath(agentId)}/training`;

export function uploadTrainingFile(agentId: string, file: File, onProgress: (fraction: number) => void): Promise<TrainingFile> {
  const form = new FormData();
  form.set('file', file);
  return uploadForm<TrainingFile>(trainingPath(agentId), form, { method: 'POST', onProgress });
}

export function listTrainingFiles(agentId: string): Promise<TrainingFile[]> {
  return api<TrainingFile[]>(trainingPath(agentId), { query: { limit: '40' } });
}

export function getTrainingFile(agentId: string, fileId: string): Promise<TrainingFile> {
  return api<TrainingFile>(`${trainingPath(agentId)}/${encodeURIComponent(fileId)}`);
}

export function deleteTrainingFile(agentId: string, fileId: string): Promise<unknown> {
  return api(`${trainingPath(agentId)}/${encodeURIComponent(fileId)}`, { method: 'DELETE' });
}
