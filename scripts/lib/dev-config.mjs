/**
 * The arguments that run SMILE's two Workers in one `wrangler dev` with the same vars: the API
 * Worker (wrangler.toml, the primary) and the chat Worker (wrangler.chat.jsonc). Wrangler hands an
 * auxiliary Worker neither `--var` nor `--local`, so the vars are also written into a copy of its
 * config in `dir` (it reads only workers/env.ts's COMMON_VARS of them: PUBLIC_URL for a port of its
 * own, LOG_LEVEL, the AI provider). D1 and the Durable Objects' storage are the primary's
 * (`--persist-to`), shared by both.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export async function devWorkersArgs(dir, vars = {}) {
  // Its comments are whole lines; a `//` inside a string (a URL) is left alone.
  const config = JSON.parse((await readFile(join(root, 'wrangler.chat.jsonc'), 'utf8')).replace(/^\s*\/\/.*$/gm, ''));
  delete config.$schema;
  delete config.env;
  config.main = join(root, config.main);
  Object.assign(config.vars, vars);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'wrangler.chat.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return ['--config', join(root, 'wrangler.toml'), '--config', file, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])];
}
