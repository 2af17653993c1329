/**
 * Outgoing mail goes through the `outbox` table, written in the same batch as the change that
 * causes it, so a mail is never sent for a write that failed (nor lost for one that succeeded).
 * Locally the dev mailbox page reads the outbox; in production a delivery provider drains it.
 */
import { desc, eq } from 'drizzle-orm';
import type { Config } from '../../env';
import type { Db } from '../context';
import { outbox } from '../db/schema';
import { newId } from '../lib/ids';

export type MailTemplate = 'verify_email' | 'reset_password' | 'password_changed' | 'export_ready' | 'deletion_scheduled';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  template: MailTemplate;
}

export function verifyEmailMail(config: Config, to: string, username: string, token: string): Mail {
  const link = `${config.PUBLIC_URL}/auth/verify-email?token=${encodeURIComponent(token)}`;
  return {
    to,
    template: 'verify_email',
    subject: 'Confirm your e-mail address for SMILE',
    text: `Hi @${username},\n\nConfirm your e-mail address by opening this link within 24 hours:\n\n${link}\n\nIf you did not sign up for SMILE, ignore this mail.`,
  };
}

export function resetPasswordMail(config: Config, to: string, username: string, token: string): Mail {
  const link = `${config.PUBLIC_URL}/auth/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    template: 'reset_password',
    subject: 'Reset your SMILE password',
    text: `Hi @${username},\n\nSomeone asked to reset your password. Open this link within one hour to choose a new one (it works once):\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.`,
  };
}

export function passwordChangedMail(to: string, username: string): Mail {
  return {
    to,
    template: 'password_changed',
    subject: 'Your SMILE password was changed',
    text: `Hi @${username},\n\nYour password was just changed and your other sessions were logged out. If this was not you, reset your password now.`,
  };
}

/** The insert that queues a mail; run it in the batch of the change that causes it. */
export function enqueueMail(db: Db, mail: Mail) {
  return db.insert(outbox).values({ id: newId(), toAddress: mail.to.toLowerCase(), subject: mail.subject, textBody: mail.text, template: mail.template });
}

export async function listOutbox(db: Db, to?: string) {
  const query = db.select().from(outbox).orderBy(desc(outbox.id)).limit(100);
  return to ? query.where(eq(outbox.toAddress, to.toLowerCase())) : query;
}
