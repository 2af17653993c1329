/** Privacy and data: exports, account deletion, consents (docs/privacy.md). */
import { api } from './client';
import type { ConsentKind, Consents, DataExport, DeletionStatus } from './types';

export const listExports = () => api<DataExport[]>('/api/v1/privacy/exports');
export const requestExport = () => api<DataExport>('/api/v1/privacy/exports', { method: 'POST' });
export const deletionStatus = () => api<DeletionStatus>('/api/v1/privacy/deletion');
export const scheduleDeletion = (password: string) => api<DeletionStatus>('/api/v1/privacy/deletion', { body: { password } });
export const cancelDeletion = () => api<DeletionStatus>('/api/v1/privacy/deletion', { method: 'DELETE' });
export const getConsents = () => api<Consents>('/api/v1/privacy/consents');
export const updateConsents = (changes: Partial<Record<ConsentKind, boolean>>) => api<Consents>('/api/v1/privacy/consents', { method: 'PUT', body: changes });
