import { defineConfig } from 'drizzle-kit';

// The ledger lives in Postgres (Neon in production), apart from D1: its own schema and
// migrations, applied by scripts/lib/ledger-migrations.mjs (`npm run ledger:migrate`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './workers/api/payments/schema.ts',
  out: './migrations/ledger',
});
