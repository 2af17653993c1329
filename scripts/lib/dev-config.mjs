/**
 * The `--config` arguments that run SMILE's two Workers in one `wrangler dev`: the API Worker
 * (wrangler.toml, the primary) and the chat Worker (wrangler.chat.jsonc). Wrangler hands an
 * auxiliary Worker neither `--var` nor `--local`, so its vars that follow the server — PUBLIC_URL
 * for a port of its own, LOG_LEVEL, the AI provider — are written into a copy of its config in
 * `dir`. D1 and the Durable Objects' storage are the primary's (`--persist-to`), shared by both.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** workers/env.ts's COMMON_VARS: the configuration the chat Worker reads. */
const ROOM_VARS = /^(ENVIRONMENT|PUBLIC_URL|LOG_LEVEL|AI_\w+)$/;

export async function devConfigArgs(dir, vars = {}) {
  // Its comments are whole lines; a `//` inside a string (a URL) is left alone.
  const config = JSON.parse((await readFile(join(root, 'wrangler.chat.jsonc'), 'utf8')).replace(/^\s*\/\/.*$/gm, ''));
  delete config.$schema;
  delete config.env;
  config.main = join(root, config.main);
  for (const [name, value] of Object.entries(vars)) if (ROOM_VARS.test(name)) config.vars[name] = value;
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'wrangler.chat.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return ['--config', join(root, 'wrangler.toml'), '--config', file];
}
