import { accountsApi } from './accounts';
import { authApi } from './auth';
import type { Endpoint } from './endpoint';
import { notificationsApi } from './notifications';
import { pollsApi } from './polls';
import { statusesApi } from './statuses';

/** Every endpoint contract: the OpenAPI document is generated from this list. */
export const allEndpoints: readonly Endpoint[] = [...Object.values(authApi), ...Object.values(accountsApi), ...Object.values(statusesApi), ...Object.values(notificationsApi), ...Object.values(pollsApi)];

export { accountsApi, authApi, notificationsApi, pollsApi, statusesApi };
