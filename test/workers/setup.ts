import { applyD1Migrations, env } from 'cloudflare:test';

// Each test file gets isolated storage; bring the schema up before its tests run.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
