/**
 * Turns statuses into Status entities for one viewer. Everything a page of statuses shows —
 * reblogged originals, authors, mentions, tags, apps, polls and their votes, media, reactions
 * and the viewer's own favourites, reblogs, bookmarks and pins — is read by ONE statement, the
 * "card" select: a row per status shown and per original a shown reblog wraps, its lists as
 * correlated JSON subqueries. A timeline's page select is its FROM, so the page, all it shows
 * and the caller's session (in the same batch) cost one D1 round trip.
 *
 * Local D1 compiles every statement on every call, so there is one statement rather than a
 * select per kind (a page select read by a dozen selects was compiled a dozen times); and the
 * card's SQL is built once and its rows decoded by position, as drizzle would build and map
 * its hundred columns anew on every request (docs/architecture.md, "Home timeline").
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Status } from '../../../shared/schemas/statuses';
import { ACCOUNT_ENTITY_COLUMNS, type AccountEntityRow, serializeAccount } from '../accounts/serializers';
import type { AppEnv, Services } from '../context';
import { sessionRows, sessionStatement } from '../auth/sessions.service';
import { confirmSessionRead } from '../middleware/auth';
import type { SharedQuery } from '../lib/one-trip';
import { accounts } from '../db/schema';
import { pollVotes, polls, statuses, type PollRow, type PollVoteRow, type StatusRow } from '../db/social';
import { mediaAttachments, type MediaRow } from '../db/media';
import { tableRow } from '../lib/sql';
import { notFound } from '../lib/errors';
import { pollEntities } from './polls.service';
import { serializeMedia } from '../media/serializers';

type Deps = Pick<Services, 'db' | 'config'>;
type StatusOut = z.input<typeof Status>;

const iso = (ms: number) => new Date(ms).toISOString();

/** What one card row holds: the status a row shows (the page's own, or the original it reblogs) and all it shows. */
interface Card {
  cursor: string;
  /** The page's status this row belongs to: the row shows it, or the original it reblogs. */
  shownId: string;
  status: CardStatusRow;
  author: AccountEntityRow;
  app: { name: string; website: string | null } | null;
  poll: PollRow | null;
  favourited: boolean;
  bookmarked: boolean;
  pinned: boolean;
  reblogged: boolean;
  media: MediaRow[];
  votes: PollVoteRow[];
  mentions: { id: string; username: string }[];
  tags: string[];
  reactions: { name: string; count: number; me: boolean }[];
}

/** What a Status entity shows of its row (not its source text, thread or app: the card joins what it shows of those). */
const STATUS_ENTITY_COLUMNS = [
  'id', 'accountId', 'content', 'spoilerText', 'sensitive', 'visibility', 'language', 'inReplyToId', 'inReplyToAccountId', 'aiGenerated',
  'repliesCount', 'reblogsCount', 'favouritesCount', 'createdAt', 'editedAt', 'moderationState', 'moderationReason',
] as const satisfies readonly (keyof StatusRow)[];
type CardStatusRow = Pick<StatusRow, (typeof STATUS_ENTITY_COLUMNS)[number]>;

// Only the columns the entities show: a page's cards are most of its round trip's bytes.
const status = tableRow(statuses, 's', STATUS_ENTITY_COLUMNS);
const author = tableRow(accounts, 'author', ACCOUNT_ENTITY_COLUMNS);
const poll = tableRow(polls, 'p');
const media = tableRow(mediaAttachments, 'm');
const vote = tableRow(pollVotes, 'v');

/** The viewer's marks; each `?` is the viewer's id. */
const mark = (table: string) => `EXISTS (SELECT 1 FROM ${table} x WHERE x.account_id = ? AND x.status_id = s.id)`;
/** A list as JSON, embedded as JSON (not as a string) in the card's array. */
const list = (row: string, from: string) => `json((SELECT json_group_array(${row}) ${from}))`;

/** The card's columns in order, with where each part starts. */
const card = (() => {
  const columns: string[] = [];
  const at = (...more: string[]) => columns.push(...more) - more.length;
  const parts = {
    cursor: at('page.cursor'),
    shownId: at('w.id'),
    status: at(...status.columns),
    author: at(...author.columns),
    app: at('app.name', 'app.website'),
    poll: at(...poll.columns),
    marks: at(mark('favourites'), mark('bookmarks'), mark('status_pins'), 'EXISTS (SELECT 1 FROM statuses x WHERE x.account_id = ? AND x.reblog_of_id = s.id)'),
    media: at(list(`json_array(${media.columns.join(', ')}) ORDER BY m.position`, 'FROM media_attachments m WHERE m.status_id = s.id')),
    votes: at(list(`json_array(${vote.columns.join(', ')})`, 'FROM poll_votes v WHERE v.poll_id = p.id')),
    mentions: at(list('json_array(a.id, a.username)', 'FROM mentions mn JOIN accounts a ON a.id = mn.account_id WHERE mn.status_id = s.id')),
    tags: at(list('t.name', 'FROM status_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = s.id')),
    // Already the entity's shape, most used first.
    reactions: at(
      list(
        `json_object('name', emoji, 'count', n, 'me', json(iif(me, 'true', 'false'))) ORDER BY n DESC, emoji`,
        'FROM (SELECT r.emoji, count(*) AS n, max(r.account_id = ?) AS me FROM reactions r WHERE r.status_id = s.id GROUP BY r.emoji)',
      ),
    ),
  };
  // One JSON array a row: D1's client would make an object of each row's hundred columns, and a
  // batch answers rows as objects, where the tables' shared column names would collide.
  const select = `SELECT json_array(${columns.join(',\n')}) AS card
FROM page JOIN statuses w ON w.id = page.id JOIN statuses s ON s.id IN (w.id, w.reblog_of_id)
JOIN accounts author ON author.id = s.account_id LEFT JOIN oauth_apps app ON app.id = s.application_id LEFT JOIN polls p ON p.status_id = s.id`;
  return { select, viewerParams: select.split('?').length - 1, parts };
})();

/** Whether a card shows its page status itself, rather than the original that status reblogs. */
const isShown = (card: Card) => card.status.id === card.shownId;

const decodeCard = (row: { card: string }): Card => {
  const values = JSON.parse(row.card) as unknown[];
  const { parts } = card;
  const json = (at: number) => values[at] as unknown[];
  const marks = (i: number) => Boolean(values[parts.marks + i]);
  return {
    cursor: String(values[parts.cursor]),
    shownId: values[parts.shownId] as string,
    status: status.decode(values, parts.status)!,
    author: author.decode(values, parts.author)!,
    app: values[parts.app] === null ? null : { name: values[parts.app] as string, website: values[parts.app + 1] as string | null },
    poll: poll.decode(values, parts.poll),
    favourited: marks(0),
    bookmarked: marks(1),
    pinned: marks(2),
    reblogged: marks(3),
    media: json(parts.media).map((m) => media.decode(m as unknown[])!),
    votes: json(parts.votes).map((v) => vote.decode(v as unknown[])!),
    mentions: json(parts.mentions).map((m) => {
      const [id, username] = m as [string, string];
      return { id, username };
    }),
    tags: json(parts.tags) as string[],
    reactions: json(parts.reactions) as Card['reactions'],
  };
};

/** The card statement over a page select (its `id`s and `cursor`s). */
function cardStatement(d1: D1Database, viewerId: string | null, page: { sql: string; params: unknown[] }): D1PreparedStatement {
  return d1.prepare(`WITH page AS (${page.sql})\n${card.select}`).bind(...page.params, ...Array<string>(card.viewerParams).fill(viewerId ?? ''));
}

/** The entities of statuses by id for the viewer, in the order given; ids no longer there are left out. */
export async function hydrateStatuses(deps: Deps, viewerId: string | null, rows: readonly { id: string }[]): Promise<StatusOut[]> {
  if (rows.length === 0) return [];
  const page = { sql: 'SELECT value AS id, value AS cursor FROM json_each(?)', params: [JSON.stringify(rows.map((r) => r.id))] };
  const { results } = await cardStatement(deps.db.$client, viewerId, page).all<{ card: string }>();
  const shown = entities(deps.config, viewerId, results.map(decodeCard));
  return rows.flatMap((r) => shown.get(r.id) ?? []);
}

export async function hydrateStatus(deps: Deps, viewerId: string | null, row: { id: string }): Promise<StatusOut> {
  const [entity] = await hydrateStatuses(deps, viewerId, [row]);
  // Deleted while the request ran.
  if (!entity) throw notFound();
  return entity;
}

/** A page read by `readPage`: its statuses as entities and the ids its Link header pages by, newest first. */
export interface HydratedPage {
  statuses: StatusOut[];
  cursors: string[];
}

/**
 * A page of a timeline: `pageQuery` selects the page's `id`s and `cursor`s (its order and limit
 * applied); it is read with everything its statuses show — and the caller's session, when the
 * route confirms it with its read (`on(..., { sessionWithRead })`) — in one round trip.
 */
export async function readPage(c: Context<AppEnv>, viewerId: string | null, pageQuery: SharedQuery['query']): Promise<HydratedPage> {
  const { db, config } = c.var;
  const claims = !c.var.caller ? c.var.claims : null;
  const cards = cardStatement(db.$client, viewerId, pageQuery.toSQL());
  let rows: { card: string }[];
  if (claims) {
    const [read, session] = await db.$client.batch<{ card: string } | { row: string }>([cards, sessionStatement(db.$client, claims)]);
    confirmSessionRead(c, sessionRows(session!.results as { row: string }[]));
    rows = read!.results as { card: string }[];
  } else rows = (await cards.all<{ card: string }>()).results;
  const decoded = rows.map(decodeCard);
  const shown = entities(config, viewerId, decoded);
  const page = decoded.filter(isShown).sort((a, b) => (a.cursor < b.cursor ? 1 : a.cursor > b.cursor ? -1 : 0));
  return { statuses: page.map((r) => shown.get(r.shownId)!), cursors: page.map((r) => r.cursor) };
}

/** The entities of the cards' shown statuses, by id. */
function entities(config: Deps['config'], viewerId: string | null, cards: Card[]): Map<string, StatusOut> {
  // A page's authors repeat: each is serialized once.
  const serialized = new Map<string, ReturnType<typeof serializeAccount>>();
  const base = (card: Card) => {
    const { status: st, author: by, app } = card;
    let account = serialized.get(by.id);
    if (!account) serialized.set(by.id, (account = serializeAccount(config, by)));
    const url = `${config.PUBLIC_URL}/@${by.username}/${st.id}`;
    return {
      id: st.id,
      uri: url,
      url,
      created_at: iso(st.createdAt),
      edited_at: st.editedAt === null ? null : iso(st.editedAt),
      account,
      content: st.content,
      spoiler_text: st.spoilerText,
      sensitive: st.sensitive,
      visibility: st.visibility,
      language: st.language,
      in_reply_to_id: st.inReplyToId,
      in_reply_to_account_id: st.inReplyToAccountId,
      replies_count: st.repliesCount,
      reblogs_count: st.reblogsCount,
      favourites_count: st.favouritesCount,
      ...(viewerId && { favourited: card.favourited, reblogged: card.reblogged, bookmarked: card.bookmarked, pinned: card.pinned, muted: false }),
      media_attachments: card.media.map((m) => serializeMedia(config, m)),
      mentions: card.mentions.map((m) => ({ id: m.id, username: m.username, acct: m.username, url: `${config.PUBLIC_URL}/@${m.username}` })),
      tags: card.tags.map((name) => ({ name, url: `${config.PUBLIC_URL}/tags/${encodeURIComponent(name)}` })),
      emojis: [],
      card: null,
      poll: card.poll ? pollEntities([card.poll], card.votes, viewerId).get(st.id)! : null,
      application: app ? { name: app.name, website: app.website } : null,
      filtered: [],
      smile: {
        ai_generated: st.aiGenerated,
        reactions: card.reactions,
        // Only its author ever sees a held or removed status; they are told why.
        ...(st.moderationState !== 'ok' && viewerId === st.accountId && { moderation: { state: st.moderationState, reason: st.moderationReason } }),
      },
    };
  };
  const originals = new Map(cards.filter((c) => !isShown(c)).map((c) => [c.shownId, c]));
  const shown = new Map<string, StatusOut>();
  for (const card of cards) {
    if (!isShown(card)) continue;
    const original = originals.get(card.shownId);
    shown.set(card.shownId, { ...base(card), reblog: original ? base(original) : null });
  }
  return shown;
}
