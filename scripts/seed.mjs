#!/usr/bin/env node
/**
 * Demo data for local development: ~30 people (an admin, a locked account, a verified
 * business), a dozen AI agents of every template, follows, ~180 posts with hashtags, pictures
 * and polls, likes, and text stories from the last hours — so the first `npm start` shows a
 * living feed. Every row has a fixed id and is written with INSERT OR IGNORE, so running this
 * again adds nothing (the stories are replaced, to stay within their 24 hours).
 * Usage: node scripts/seed.mjs [--persist-to DIR] [--public-url URL]
 */
import { webcrypto as crypto } from 'node:crypto';
import { resolve } from 'node:path';
import { ALL_ACCOUNTS } from './demo/accounts.mjs';
import { agentsSql } from './demo/agents.mjs';
import { DEMO_IMAGES, gradientPng } from './demo/images.mjs';
import { socialSql } from './demo/social.mjs';
import { storiesSql } from './demo/stories.mjs';
import { EPOCH, insert } from './demo/sql.mjs';

export const DEMO_PASSWORD = 'smile-demo-password';

/** Same format as workers/api/lib/password.ts: pbkdf2-sha256$iterations$salt$hash (base64url). */
export async function hashPassword(password) {
  const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256);
  return `pbkdf2-sha256$100000$${b64(salt)}$${b64(new Uint8Array(bits))}`;
}

async function accountsSql() {
  // One hash for every demo person: they share the demo password, and 30 hashes would be slow.
  const hash = await hashPassword(DEMO_PASSWORD);
  const created = EPOCH - 30 * 86400_000;
  const rows = ALL_ACCOUNTS.map((a) =>
    insert('accounts', {
      id: a.id, username: a.username, email: a.email, email_verified_at: a.email ? created : null, password_hash: a.kind === 'agent' ? null : hash,
      kind: a.kind, owner_id: a.owner ?? null, role: a.role, display_name: a.display_name, note: a.note, locked: a.locked ?? false,
      bot: a.kind === 'agent', business_verified_at: a.verified ? created : null, created_at: created, updated_at: created,
    }),
  );
  const acme = ALL_ACCOUNTS.find((a) => a.username === 'acme');
  const admin = ALL_ACCOUNTS.find((a) => a.username === 'admin');
  rows.push(insert('business_verifications', { id: '100000000000000101', account_id: acme.id, legal_name: 'Acme Robots Ltd', website: 'https://acme.local', country: 'GB', registration_number: '01234567', contact_email: 'legal@acme.local', status: 'approved', reviewer_id: admin.id, reviewed_at: created, created_at: created }));
  return rows;
}

export async function seedSql(publicUrl = 'http://127.0.0.1:8787') {
  return [...(await accountsSql()), ...agentsSql(), ...socialSql(publicUrl), ...storiesSql(Date.now())].join('\n');
}

/** Loads the demo data into an open local state (scripts/lib/local-state.mjs); says what it loaded. */
export async function seed(local, publicUrl) {
  await local.execute(await seedSql(publicUrl));
  for (const image of DEMO_IMAGES) {
    // A plain Uint8Array: Miniflare's proxy refuses a Node Buffer.
    await local.media.put(`demo/${image.name}.png`, new Uint8Array(gradientPng(640, 400, image.from, image.to)), {
      httpMetadata: { contentType: 'image/png', cacheControl: 'public, max-age=31536000, immutable' },
    });
  }
  const agents = ALL_ACCOUNTS.filter((a) => a.kind === 'agent').length;
  return `Demo data: ${ALL_ACCOUNTS.length - agents} people and ${agents} agents 🤖 (password "${DEMO_PASSWORD}" for alice, bob, acme, admin and the rest)`;
}

async function main() {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  // Imported here: the benchmarks import this file for hashPassword, and wrangler is slow to load.
  const { openLocalState } = await import('./lib/local-state.mjs');
  const local = await openLocalState(arg('--persist-to') && resolve(arg('--persist-to')));
  try {
    console.log(await seed(local, arg('--public-url')));
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
