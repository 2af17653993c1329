import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Config, Env } from '../env';
import type { AccessClaims } from './auth/tokens';
import type { AccountRow } from './db/schema';
import type { Logger } from './lib/logger';

/** Drizzle over the D1 binding, which `$client` is (for `lib/one-trip.ts`). */
export type Db = DrizzleD1Database & { $client: D1Database };

/** Who is calling: resolved from the bearer token by the auth middleware. */
export interface Caller {
  sessionId: string;
  appId: string | null;
  account: AccountRow | null;
  scopes: string[];
}

/** Request-scoped services, built once per request by the `services` middleware. */
export interface Services {
  config: Config;
  db: Db;
  log: Logger;
}

export type AppEnv = {
  Bindings: Env;
  Variables: Services & {
    requestId: string;
    /** The verified claims of the bearer token, if one was sent; the session is confirmed by `on()` (`middleware/auth.ts`). */
    claims: AccessClaims | null;
    caller: Caller | null;
  };
};
