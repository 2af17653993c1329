/**
 * The JSON a push carries, as Mastodon's web push serializer writes it: the token the
 * subscription belongs to, the notification's id and type, the sender's avatar, a title and a
 * plain-text body (the status's content warning or text, a live stream's title, else the sender's
 * bio), cut at 140.
 */
import type { z } from 'zod';
import type { Notification } from '../../../shared/schemas/notifications';
import type { NotificationType } from '../db/notifications';

export interface PushPayload {
  access_token: string;
  preferred_locale: string;
  notification_id: string;
  notification_type: NotificationType;
  icon: string;
  title: string;
  body: string;
}

/** Mastodon's English titles (`notification_mailer.<type>.subject`), and SMILE's for its own types. */
const TITLES: Record<NotificationType, (name: string) => string> = {
  mention: (n) => `You were mentioned by ${n}`,
  status: (n) => `${n} just posted`,
  reblog: (n) => `${n} boosted your post`,
  follow: (n) => `${n} is now following you`,
  follow_request: (n) => `Pending follower: ${n}`,
  favourite: (n) => `${n} favorited your post`,
  poll: (n) => `A poll by ${n} has ended`,
  update: (n) => `${n} edited a post`,
  reaction: (n) => `${n} reacted to your post`,
  moderation: () => 'A moderator reviewed your post',
  live: (n) => `${n} is live now`,
  export: () => 'Your data export is ready',
  moderation_warning: () => 'A moderator took action on your account',
};

const BODY_CHARS = 140;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML (status content, account notes) as the plain text a system notification shows. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .trim();
}

function truncate(text: string): string {
  const chars = [...text];
  return chars.length <= BODY_CHARS ? text : `${chars.slice(0, BODY_CHARS - 1).join('')}…`;
}

export function pushPayload(accessToken: string, n: z.input<typeof Notification>): PushPayload {
  const name = n.account.display_name || n.account.username;
  const body = n.status ? n.status.spoiler_text || plainText(n.status.content) : n.live_stream ? n.live_stream.title : plainText(n.account.note);
  return {
    access_token: accessToken,
    preferred_locale: 'en',
    notification_id: n.id,
    notification_type: n.type,
    icon: n.account.avatar_static,
    title: TITLES[n.type](name),
    body: truncate(body),
  };
}
