/** The privacy module's mails (sent through the outbox, `auth/mail.ts`). */
import type { Mail } from '../auth/mail';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function exportReadyMail(to: string, username: string, link: string, expiresAt: number): Mail {
  return {
    to,
    template: 'export_ready',
    subject: 'Your SMILE data export is ready',
    text: `Hi @${username},\n\nThe archive of your data you asked for is ready. Download it until ${day(expiresAt)} (UTC) from:\n\n${link}\n\nAnyone with this link can download the archive: do not share it. If you did not ask for an export, change your password.`,
  };
}

export function deletionScheduledMail(to: string, username: string, deleteAfter: number): Mail {
  return {
    to,
    template: 'deletion_scheduled',
    subject: 'Your SMILE account will be deleted',
    text: `Hi @${username},\n\nYour account is deactivated and will be deleted for good on ${day(deleteAfter)} (UTC), with your posts, media, chats and agents.\n\nChanged your mind? Log in before then: that cancels the deletion.`,
  };
}
