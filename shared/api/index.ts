import { accountsApi } from './accounts';
import { authApi } from './auth';
import type { Endpoint } from './endpoint';
import { mediaApi } from './media';

/** Every endpoint contract: the OpenAPI document is generated from this list. */
export const allEndpoints: readonly Endpoint[] = [...Object.values(authApi), ...Object.values(accountsApi), ...Object.values(mediaApi)];

export { accountsApi, authApi, mediaApi };
