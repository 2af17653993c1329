import { z } from 'zod';
import { Id } from '../schemas/common';
import { Consents, DataExport, DeletionBody, DeletionStatus, DownloadQuery, UpdateConsentsBody } from '../schemas/privacy';
import { endpoint } from './endpoint';

const tags = ['Privacy'] as const;
const byId = z.object({ id: Id });

/** SMILE extension: the person's own data — export, deletion with a grace period, consents (docs/privacy.md). */
export const privacyApi = {
  requestExport: endpoint({ method: 'post', path: '/api/v1/privacy/exports', summary: 'Start an export of everything about you (a ZIP of JSON and media); one at a time (409 while one runs)', tags, auth: 'user', scope: 'write:accounts', response: DataExport, status: 202 }),
  exports: endpoint({ method: 'get', path: '/api/v1/privacy/exports', summary: 'Your exports, newest first, with their state and download links', tags, auth: 'user', scope: 'read:accounts', response: z.array(DataExport) }),
  export: endpoint({ method: 'get', path: '/api/v1/privacy/exports/:id', summary: 'One of your exports', tags, auth: 'user', scope: 'read:accounts', params: byId, response: DataExport }),
  download: endpoint({ method: 'get', path: '/api/v1/privacy/exports/:id/download', summary: 'The ZIP archive, through the signed link (no token needed); 410 once the link expired', tags, auth: 'public', params: byId, query: DownloadQuery, produces: 'application/zip' }),
  deletion: endpoint({ method: 'get', path: '/api/v1/privacy/deletion', summary: 'Whether your account is scheduled for deletion, and when', tags, auth: 'user', scope: 'read:accounts', response: DeletionStatus }),
  scheduleDeletion: endpoint({ method: 'post', path: '/api/v1/privacy/deletion', summary: `Delete your account: deactivated at once, deleted for good after the grace period unless you log in or cancel`, tags, auth: 'user', scope: 'write:accounts', body: DeletionBody, response: DeletionStatus }),
  cancelDeletion: endpoint({ method: 'delete', path: '/api/v1/privacy/deletion', summary: 'Cancel your scheduled deletion', tags, auth: 'user', scope: 'write:accounts', response: DeletionStatus }),
  consents: endpoint({ method: 'get', path: '/api/v1/privacy/consents', summary: 'Your consents (terms, privacy policy, marketing, analytics, the CCPA opt-out) and their history', tags, auth: 'user', scope: 'read:accounts', response: Consents }),
  updateConsents: endpoint({ method: 'put', path: '/api/v1/privacy/consents', summary: 'Record consent decisions (each with the version in force and the time); history is kept', tags, auth: 'user', scope: 'write:accounts', body: UpdateConsentsBody, response: Consents }),
} as const;
