/**
 * Sends the outbox through a Resend-compatible HTTP mail API (`MAIL_API_URL`, `MAIL_API_KEY`).
 * Rows are claimed with one conditional UPDATE, so the request that queued a mail and the cron
 * job never both send it; a claim older than a minute is considered abandoned and retried.
 * The outbox id goes out as `Idempotency-Key`, so a retry after a lost response is not a
 * second mail. Without a configured API, mail stays in the outbox (the dev mailbox shows it).
 */
import type { Context } from 'hono';
import type { Config } from '../../env';
import type { AppEnv } from '../context';

const BATCH = 20;
const MAX_ATTEMPTS = 8;
const CLAIM_MS = 60_000;

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
}

export async function deliverOutbox(db: D1Database, config: Config, now = Date.now()): Promise<{ sent: number; failed: number }> {
  if (!config.MAIL_API_URL) return { sent: 0, failed: 0 };
  const { results } = await db
    .prepare(
      `UPDATE outbox SET claimed_at = ?1, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < ?2 AND (claimed_at IS NULL OR claimed_at < ?3) ORDER BY id LIMIT ?4)
       RETURNING id, to_address, subject, text_body`,
    )
    .bind(now, MAX_ATTEMPTS, now - CLAIM_MS, BATCH)
    .all<OutboxRow>();
  const from = config.MAIL_FROM ?? `SMILE <no-reply@${config.INSTANCE_DOMAIN.replace(/:\d+$/, '')}>`;
  let sent = 0;
  let failed = 0;
  for (const mail of results) {
    const error = await send(config.MAIL_API_URL, config.MAIL_API_KEY, { from, to: mail.to_address, subject: mail.subject, text: mail.text_body }, mail.id);
    if (error) {
      failed++;
      await db.prepare('UPDATE outbox SET claimed_at = NULL, last_error = ? WHERE id = ?').bind(error.slice(0, 500), mail.id).run();
    } else {
      sent++;
      await db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?').bind(Date.now(), mail.id).run();
    }
  }
  return { sent, failed };
}

/** Returns null on success, or what went wrong. */
async function send(url: string, key: string | undefined, mail: { from: string; to: string; subject: string; text: string }, id: string): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': id, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(mail),
    });
    return res.ok ? null : `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** After a request queued mail: send it now, without holding the response; the cron job retries. */
export function deliverMailSoon(c: Context<AppEnv>): void {
  if (!c.var.config.MAIL_API_URL) return;
  c.executionCtx.waitUntil(deliverOutbox(c.env.DB, c.var.config).catch((err: unknown) => c.var.log.error('mail delivery failed', { error: String(err) })));
}
