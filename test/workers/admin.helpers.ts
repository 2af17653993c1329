/** Admin panel test helpers: staff accounts with first-party sessions, and the audit rows of a target. */
import { env } from 'cloudflare:test';
import { type TestUser, json, login, signUp } from './helpers';

export interface Staff extends TestUser {
  /** A web session, which carries the admin scopes for staff. */
  staffToken: string;
}

/** A person with this role, logged in through the web client's login so the session has the admin scopes. */
export async function staff(role: 'moderator' | 'admin'): Promise<Staff> {
  const person = await signUp();
  await env.DB.prepare('UPDATE accounts SET role = ? WHERE id = ?').bind(role, person.id).run();
  const token = (await json(await login(person.username, person.password))).access_token as string;
  return { ...person, staffToken: token };
}

export interface AuditRow {
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  details: string;
}

export async function auditOf(targetId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('SELECT actor_id, action, target_type, target_id, reason, details FROM admin_actions WHERE target_id = ? ORDER BY id').bind(targetId).all<AuditRow>();
  return results;
}
