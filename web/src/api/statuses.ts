/** Posting, reading and acting on statuses; uploading their media; voting in polls. */
import { api, publicApi } from './client';
import { uploadForm } from './upload';
import type { MediaAttachment, Poll, Status, StatusEdit, StatusSource } from './types';

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface NewStatus {
  status: string;
  media_ids?: string[];
  poll?: { options: string[]; expires_in: number; multiple: boolean };
  spoiler_text?: string;
  sensitive?: boolean;
  visibility: Visibility;
  in_reply_to_id?: string;
}

/** Posts a status; the same `idempotencyKey` makes a retried send post only once. */
export function postStatus(body: NewStatus, idempotencyKey: string): Promise<Status> {
  return api<Status>('/api/v1/statuses', { body: { ...body }, headers: { 'Idempotency-Key': idempotencyKey } });
}

const statusUrl = (id: string) => `/api/v1/statuses/${encodeURIComponent(id)}`;

export function getStatus(id: string): Promise<Status> {
  return publicApi<Status>(statusUrl(id));
}

export function getContext(id: string): Promise<{ ancestors: Status[]; descendants: Status[] }> {
  return publicApi(`${statusUrl(id)}/context`);
}

/** The plain text and content warning of your own status, to edit it. */
export function getSource(id: string): Promise<StatusSource> {
  return api<StatusSource>(`${statusUrl(id)}/source`);
}

/** Saves new text and content warning for your status; its media and poll stay as they are. */
export function editStatus(id: string, body: { status: string; spoiler_text: string; sensitive: boolean }): Promise<Status> {
  return api<Status>(statusUrl(id), { method: 'PUT', body: { ...body } });
}

/** Every version of a status, oldest first. */
export function getHistory(id: string): Promise<StatusEdit[]> {
  return publicApi<StatusEdit[]>(`${statusUrl(id)}/history`);
}

export function deleteStatus(id: string): Promise<Status> {
  return api<Status>(statusUrl(id), { method: 'DELETE' });
}

export type StatusAction = 'favourite' | 'unfavourite' | 'reblog' | 'unreblog' | 'bookmark' | 'unbookmark';

export function statusAction(id: string, action: StatusAction): Promise<Status> {
  return api<Status>(`${statusUrl(id)}/${action}`, { method: 'POST' });
}

export function uploadMedia(file: File, description: string, onProgress: (fraction: number) => void): Promise<MediaAttachment> {
  const form = new FormData();
  form.set('file', file);
  if (description.trim()) form.set('description', description.trim());
  return uploadForm<MediaAttachment>('/api/v2/media', form, { method: 'POST', onProgress });
}

export function vote(pollId: string, choices: number[]): Promise<Poll> {
  return api<Poll>(`/api/v1/polls/${encodeURIComponent(pollId)}/votes`, { body: { choices } });
}

/** Changes the alt text of an uploaded attachment that is not posted yet. */
export function describeMedia(id: string, description: string): Promise<MediaAttachment> {
  const form = new FormData();
  form.set('description', description);
  return api<MediaAttachment>(`/api/v1/media/${encodeURIComponent(id)}`, { method: 'PUT', body: form });
}
