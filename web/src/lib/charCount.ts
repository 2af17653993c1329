/** Counts a status's characters the way Mastodon does: every URL is 23, remote mentions count their local part. */
const URL_RE = /https?:\/\/[^\s<>"]+/gi;
const MENTION_RE = /(^|[^/\w])@(\w+)@[\w.-]+\w/gi;
export const URL_LENGTH = 23;

export function countChars(text: string): number {
  const normalized = text.replace(URL_RE, 'x'.repeat(URL_LENGTH)).replace(MENTION_RE, '$1@$2');
  return [...normalized].length;
}
