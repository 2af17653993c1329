/** Small helpers shared by the relationships tests: real requests, as in `helpers.ts`. */
import { env } from 'cloudflare:test';
import { type TestUser, call, json } from './helpers';

export const post = (path: string, token: string | null, body: unknown = {}) => call(path, { token, json: body });
export const follow = (u: TestUser, target: string, body: unknown = {}) => post(`/api/v1/accounts/${target}/follow`, u.token, body);
export const account = async (id: string) => json(await call(`/api/v1/accounts/${id}`));
export const lock = (id: string) => env.DB.prepare('UPDATE accounts SET locked = 1 WHERE id = ?').bind(id).run();
export const relationshipOf = async (u: TestUser, id: string) => (await json<any[]>(await call(`/api/v1/accounts/relationships?id[]=${id}`, { token: u.token })))[0];
/** An id no account has. */
export const UNKNOWN = '117000000000000000';
