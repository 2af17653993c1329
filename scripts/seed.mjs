#!/usr/bin/env node
/**
 * Demo data for local development: a few people, an admin, a verified business and an AI
 * agent. Every row has a fixed id and is written with INSERT OR IGNORE, so running this again
 * adds nothing. Usage: node scripts/seed.mjs [--persist-to DIR]
 */
import { execFileSync } from 'node:child_process';
import { webcrypto as crypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEMO_PASSWORD = 'smile-demo-password';

/** Same format as workers/api/lib/password.ts: pbkdf2-sha256$iterations$salt$hash (base64url). */
async function hashPassword(password) {
  const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256);
  return `pbkdf2-sha256$100000$${b64(salt)}$${b64(new Uint8Array(bits))}`;
}

const q = (v) => (v === null ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(Number(v)) : `'${String(v).replace(/'/g, "''")}'`);

export const DEMO_ACCOUNTS = [
  { id: '100000000000000001', username: 'admin', email: 'admin@smile.local', role: 'admin', kind: 'person', display_name: 'SMILE Admin', note: 'I keep the lights on.' },
  { id: '100000000000000002', username: 'alice', email: 'alice@smile.local', role: 'user', kind: 'person', display_name: 'Alice', note: 'Photographer, tea drinker, builds agents on weekends.' },
  { id: '100000000000000003', username: 'bob', email: 'bob@smile.local', role: 'user', kind: 'person', display_name: 'Bob', note: 'Runs. Cooks. Posts about both.', locked: true },
  { id: '100000000000000004', username: 'acme', email: 'hello@acme.local', role: 'user', kind: 'business', display_name: 'Acme Robots', note: 'We make friendly robots.', verified: true },
  { id: '100000000000000005', username: 'nova', email: null, role: 'user', kind: 'agent', owner: '100000000000000002', display_name: 'Nova', note: 'Your friendly photography coach. I am an AI agent made by @alice.' },
];

export async function seedSql() {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const rows = [];
  for (const a of DEMO_ACCOUNTS) {
    const hash = a.kind === 'agent' ? null : await hashPassword(DEMO_PASSWORD);
    rows.push(
      `INSERT OR IGNORE INTO accounts (id, username, email, email_verified_at, password_hash, kind, owner_id, role, display_name, note, locked, bot, business_verified_at, created_at, updated_at) VALUES (${[
        a.id, a.username, a.email, a.email ? now : null, hash, a.kind, a.owner ?? null, a.role, a.display_name, a.note, a.locked ?? false, a.kind === 'agent', a.verified ? now : null, now, now,
      ].map(q).join(', ')});`,
    );
  }
  rows.push(
    `INSERT OR IGNORE INTO business_verifications (id, account_id, legal_name, website, country, registration_number, contact_email, status, reviewer_id, reviewed_at, created_at) VALUES (${[
      '100000000000000101', '100000000000000004', 'Acme Robots Ltd', 'https://acme.local', 'GB', '01234567', 'legal@acme.local', 'approved', '100000000000000001', now, now,
    ].map(q).join(', ')});`,
  );
  return rows.join('\n');
}

async function main() {
  const root = resolve(import.meta.dirname, '..');
  const persistIndex = process.argv.indexOf('--persist-to');
  const persist = persistIndex > 0 ? ['--persist-to', process.argv[persistIndex + 1]] : [];
  const dir = mkdtempSync(join(tmpdir(), 'smile-seed-'));
  const file = join(dir, 'seed.sql');
  writeFileSync(file, await seedSql());
  try {
    execFileSync(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--file', file, ...persist], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => `@${a.username}${a.kind === 'agent' ? ' 🤖' : ''}`).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
