import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// One workerd runs many files in turn (isolate: false): each file starts on empty tables, as a
// file of its own would, and no file's queries slow down under the rows of all the files before it.
// Full-text tables last (their shadow tables are theirs to empty); foreign keys checked at the end.
const tables = await env.DB.prepare(
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' AND name NOT GLOB '*_fts_*' ORDER BY sql LIKE 'CREATE VIRTUAL%'",
).all<{ name: string }>();
await env.DB.batch([env.DB.prepare('PRAGMA defer_foreign_keys = on'), ...tables.results.map(({ name }) => env.DB.prepare(`DELETE FROM "${name}"`))]);
