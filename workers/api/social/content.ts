/**
 * Status text → safe HTML, as Mastodon renders it: everything escaped, then links, @mentions of
 * known accounts and #hashtags linked; blank lines make paragraphs, single newlines `<br />`.
 * Also counts characters the Mastodon way (every URL costs 23, a mention counts its username).
 */
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/g;
const MENTION_RE = /(^|[^\w@/])@([a-zA-Z0-9_]{1,30})(?:@([a-zA-Z0-9.-]+(?::\d+)?))?\b/g;
const TAG_RE = /(^|[^\w&/#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
export const URL_CHARS = 23;

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export interface ParsedText {
  /** Usernames mentioned (local form), lower-cased, in order of first appearance. */
  mentions: string[];
  /** Hashtag names, lower-cased. */
  tags: string[];
}

export function parseText(text: string, localDomain: string): ParsedText {
  const withoutUrls = text.replace(URL_RE, ' ');
  const mentions = new Set<string>();
  for (const m of withoutUrls.matchAll(MENTION_RE)) if (!m[3] || m[3].toLowerCase() === localDomain.toLowerCase()) mentions.add(m[2]!.toLowerCase());
  const tags = new Set<string>();
  for (const m of withoutUrls.matchAll(TAG_RE)) tags.add(m[2]!.toLowerCase());
  return { mentions: [...mentions], tags: [...tags] };
}

/** Characters as Mastodon counts them against the limit. */
export function countChars(text: string): number {
  const urls = text.match(URL_RE) ?? [];
  const rest = text.replace(URL_RE, '').replace(MENTION_RE, (_, pre: string, user: string) => `${pre}@${user}`);
  return [...rest].length + urls.length * URL_CHARS;
}

export interface RenderContext {
  baseUrl: string;
  localDomain: string;
  /** lower-cased username → the account's canonical username, for mentions that exist. */
  accounts: Map<string, string>;
}

function linkify(segment: string, ctx: RenderContext): string {
  return escape(segment)
    .replace(MENTION_RE, (whole, pre: string, user: string, domain: string | undefined) => {
      const name = ctx.accounts.get(user.toLowerCase());
      if (!name || (domain && domain.toLowerCase() !== ctx.localDomain.toLowerCase())) return whole;
      return `${pre}<span class="h-card"><a href="${ctx.baseUrl}/@${name}" class="u-url mention">@<span>${name}</span></a></span>`;
    })
    .replace(TAG_RE, (_, pre: string, tag: string) => `${pre}<a href="${ctx.baseUrl}/tags/${encodeURIComponent(tag.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`);
}

function renderLine(line: string, ctx: RenderContext): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL_RE)) {
    out += linkify(line.slice(last, m.index), ctx);
    const url = escape(m[0]);
    const shown = m[0].replace(/^https?:\/\/(www\.)?/, '');
    const display = shown.length > 30 ? `${escape(shown.slice(0, 30))}…` : escape(shown);
    out += `<a href="${url}" target="_blank" rel="nofollow noopener noreferrer">${display}</a>`;
    last = m.index! + m[0].length;
  }
  return out + linkify(line.slice(last), ctx);
}

export function renderContent(text: string, ctx: RenderContext): string {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (!trimmed) return '';
  return trimmed
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map((line) => renderLine(line, ctx)).join('<br />')}</p>`)
    .join('');
}
