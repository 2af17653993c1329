import { defineConfig } from 'drizzle-kit';

// D1 migrations are generated from the drizzle schema and applied with
// `wrangler d1 migrations apply` (never `drizzle-kit push` against D1).
export default defineConfig({
  dialect: 'sqlite',
  // One file per domain: schema.ts (accounts and auth), social.ts, media.ts, relationships.ts, ...
  schema: './workers/api/db/*.ts',
  out: './migrations/d1',
});
