import { z } from 'zod';
import { LIMITS } from '../constants';
import { Account, CredentialAccount, LookupQuery, Preferences, UpdateCredentialsBody } from '../schemas/accounts';
import { Id } from '../schemas/common';
import { InstanceV1, InstanceV2, Webfinger, WebfingerQuery } from '../schemas/instance';
import { endpoint } from './endpoint';

const accounts = ['Accounts'] as const;
const instance = ['Instance'] as const;

export const accountsApi = {
  verifyCredentials: endpoint({ method: 'get', path: '/api/v1/accounts/verify_credentials', summary: 'The calling account, with its source and settings', tags: accounts, auth: 'user', scope: 'profile', response: CredentialAccount }),
  updateCredentials: endpoint({ method: 'patch', path: '/api/v1/accounts/update_credentials', summary: 'Update profile: display name, note, avatar, header, fields, locked, bot, discoverable, posting defaults', tags: accounts, auth: 'user', scope: 'write:accounts', body: UpdateCredentialsBody, response: CredentialAccount, maxBodyBytes: 2 * LIMITS.avatarMaxBytes + 64 * 1024 }),
  lookup: endpoint({ method: 'get', path: '/api/v1/accounts/lookup', summary: 'Find an account by its acct (username or username@domain)', tags: accounts, auth: 'public', scope: 'read:accounts', query: LookupQuery, response: Account }),
  get: endpoint({ method: 'get', path: '/api/v1/accounts/:id', summary: 'An account', tags: accounts, auth: 'public', scope: 'read:accounts', params: z.object({ id: Id }), response: Account }),
  preferences: endpoint({ method: 'get', path: '/api/v1/preferences', summary: 'Posting and reading preferences', tags: accounts, auth: 'user', scope: 'read:accounts', response: Preferences }),
  instanceV1: endpoint({ method: 'get', path: '/api/v1/instance', summary: 'Server information (v1)', tags: instance, auth: 'public', response: InstanceV1 }),
  instanceV2: endpoint({ method: 'get', path: '/api/v2/instance', summary: 'Server information and limits', tags: instance, auth: 'public', response: InstanceV2 }),
  webfinger: endpoint({ method: 'get', path: '/.well-known/webfinger', summary: 'WebFinger lookup of acct:user@domain', tags: instance, auth: 'public', query: WebfingerQuery, response: Webfinger }),
} as const;
