/** The dev mailbox: every mail in the outbox, newest first. Exists only when DEV_MAILBOX=true. */
import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import { listOutbox } from '../auth/mail';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { on } from '../lib/route';

export const mailboxRoutes = new Hono<AppEnv>();

on(mailboxRoutes, authApi.devMailbox, async (c, { query }) => {
  if (!c.var.config.DEV_MAILBOX) throw notFound();
  const mails = await listOutbox(c.var.db, query.to);
  return mails.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, text: m.textBody, template: m.template, created_at: new Date(m.createdAt).toISOString() }));
});
