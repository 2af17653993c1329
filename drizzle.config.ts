import { defineConfig } from 'drizzle-kit';

// D1 migrations are generated from the drizzle schema and applied with
// `wrangler d1 migrations apply` (never `drizzle-kit push` against D1).
export default defineConfig({
  dialect: 'sqlite',
  schema: './workers/api/db/schema.ts',
  out: './migrations/d1',
});
