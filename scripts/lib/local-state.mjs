/**
 * The local D1 database and R2 bucket that `wrangler dev --persist-to DIR` serves, opened in this
 * process by one Miniflare instance: to apply the D1 migrations and load the demo data. Through
 * wrangler's commands each migration file and each demo image started a local runtime of its own
 * (`npm start` spent 22.6 s migrating and 15 s seeding). Types: local-state.d.mts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unstable_readConfig as readConfig, unstable_splitSqlQuery as splitSqlQuery } from 'wrangler';

// wrangler's own Miniflare, which writes the files its `dev` reads (the top-level `miniflare` is
// the test pool's, a later major version).
const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler'));
const { Miniflare } = await import(pathToFileURL(fromWrangler.resolve('miniflare')).href);

const root = resolve(import.meta.dirname, '../..');
// wrangler's own name for the table of applied migrations (`migrations_table` is not set here).
const MIGRATIONS_TABLE = 'd1_migrations';

/** `persistTo`: what `--persist-to` names (wrangler's default: .wrangler/state). */
export async function openLocalState(persistTo = join(root, '.wrangler/state')) {
  const config = readConfig({ config: join(root, 'wrangler.toml') }, { hideWarnings: true });
  const d1 = config.d1_databases.find((d) => d.binding === 'DB');
  const r2 = config.r2_buckets.find((b) => b.binding === 'MEDIA');
  // The ids `wrangler dev` gives them locally, under <persistTo>/v3, so it finds what is written here.
  const mf = new Miniflare({
    modules: true,
    script: '',
    d1Persist: join(persistTo, 'v3', 'd1'),
    d1Databases: { DB: d1.preview_database_id ?? d1.database_id },
    r2Persist: join(persistTo, 'v3', 'r2'),
    r2Buckets: { MEDIA: r2.bucket_name },
  });
  const db = await mf.getD1Database('DB');
  const media = await mf.getR2Bucket('MEDIA');
  return {
    db,
    media,
    /** Runs a file's worth of SQL statements as one batch: all of them or, on an error, none. */
    execute: (sql) => db.batch(splitSqlQuery(sql).map((statement) => db.prepare(statement))),
    /** Applies the migrations `wrangler d1 migrations apply` would, keeping its bookkeeping; resolves with their names. */
    migrate: () => migrate(db, join(root, d1.migrations_dir)),
    dispose: () => mf.dispose(),
  };
}

/**
 * As `wrangler d1 migrations apply DB --local` does: the files not yet named in `d1_migrations`,
 * in the order of their numbers, each in one batch with the row that records it — so wrangler's
 * command, run later on the same state, sees them applied, and a failed file leaves nothing behind.
 */
async function migrate(db, dir) {
  await db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE}(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  const { results } = await db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all();
  const applied = new Set(results.map((r) => r.name));
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.sql') && !applied.has(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  for (const file of files) {
    const statements = splitSqlQuery(await readFile(join(dir, file), 'utf8')).map((s) => db.prepare(s));
    await db.batch([...statements, db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name) VALUES (?)`).bind(file)]);
  }
  return files;
}
