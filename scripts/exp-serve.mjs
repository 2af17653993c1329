import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ACCOUNTS, CELEBRITIES, benchAccountId, benchSql } from './bench/data.mjs';
import { startServer } from './lib/dev-server.mjs';
import { hashPassword } from './seed.mjs';
const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const now = Date.now();
const server = await startServer({ vars: { LOG_LEVEL: 'warn' }, prepare: async (state) => {
  const dir = mkdtempSync(join(tmpdir(), 'smile-bench-'));
  const file = join(dir, 'bench.sql');
  writeFileSync(file, benchSql({ now, passwordHash: await hashPassword('bench-password-1'), homeFeedDays: 7, mergedAtRead: [1] }));
  await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file], { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, maxBuffer: 64 << 20 });
}});
const tokens = [];
for (let i = 0; i < 40; i++) {
  let n = CELEBRITIES + 1 + Math.floor(Math.random() * (ACCOUNTS - CELEBRITIES)); if (n % 25 === 0) n++;
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: `bench${n}`, password: 'bench-password-1' }) });
  tokens.push((await r.json()).access_token);
}
const ids = Array.from({ length: 200 }, () => benchAccountId(now, 1 + Math.floor(Math.random() * ACCOUNTS)));
writeFileSync('/tmp/exp/server.json', JSON.stringify({ url: server.url, state: server.state, tokens, ids }));
console.log('READY', server.url, server.state);
process.on('SIGTERM', async () => { await server.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
