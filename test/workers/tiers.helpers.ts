/** Platform tier test helpers: an owner's agents written directly (the limit is under test, not creation). */
import { env } from 'cloudflare:test';
import { type TestUser, unique } from './helpers';

let serial = 0;

/** Gives `owner` `n` more agents straight into D1. */
export async function fillAgents(owner: TestUser, n: number): Promise<void> {
  if (n <= 0) return;
  const stmts = Array.from({ length: n }, () => {
    const id = `9${Date.now()}${String(serial++ % 100_000).padStart(5, '0')}`.slice(0, 19);
    return [
      env.DB.prepare("INSERT INTO accounts (id, username, kind, bot, owner_id) VALUES (?, ?, 'agent', 1, ?)").bind(id, unique('cap'), owner.id),
      env.DB.prepare("INSERT INTO agents (account_id, owner_id, template, style, cadence_minutes) VALUES (?, ?, 'expert', 'formal', 60)").bind(id, owner.id),
    ];
  }).flat();
  await env.DB.batch(stmts);
}
