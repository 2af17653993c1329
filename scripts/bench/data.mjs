/**
 * The benchmark's network, generated inside SQLite (recursive CTEs) so that 300,000 statuses
 * load in one `wrangler d1 execute` rather than a 30 MB file of INSERTs.
 *
 * - 10,000 accounts sharing one password hash (`bench1` … `bench10000`).
 * - A power-law follow graph: accounts 1–10 are celebrities, each followed by 90 % … 45 % of
 *   everyone (about 9,000 down to 4,500 followers); every account also makes 20 draws skewed
 *   towards low numbers (u² over the rest), so popularity falls off smoothly behind them.
 * - 300,000 statuses over 60 days, one in 50 by the 100 most popular accounts; 90 % public,
 *   7 % unlisted, 3 % followers-only; a third carry one of 40 hashtags; words from a small
 *   vocabulary so searches match.
 * - Home feeds as the fan-out consumer leaves them: each status of the last `HOME_FEED_DAYS`
 *   written into its author's and its followers' homes, except for accounts merged at read time.
 */
export const ACCOUNTS = 10_000;
export const STATUSES = 300_000;
export const CELEBRITIES = 10;
export const WORDS = ['sunset', 'coffee', 'robot', 'garden', 'music', 'travel', 'design', 'football', 'recipe', 'rain', 'mountain', 'startup', 'painting', 'ocean', 'library', 'bicycle', 'festival', 'galaxy', 'kitten', 'marathon'];
export const TAGS = Array.from({ length: 40 }, (_, i) => `topic${i}`);

const DAY = 86_400_000;
/** SQL for a uniform number in [0, 1) from SQLite's random(). */
const U = `((random() & 1073741823) / 1073741824.0)`;

/**
 * @param {{ now: number, passwordHash: string, homeFeedDays: number, mergedAtRead: number[] }} o
 *   `mergedAtRead`: account numbers flagged as past the fan-out limit.
 */
export function benchSql({ now, passwordHash, homeFeedDays, mergedAtRead }) {
  const accountBase = BigInt(now - 90 * DAY) << 16n;
  const statusStart = now - 60 * DAY;
  const step = Math.floor((60 * DAY - 60_000) / STATUSES);
  const accountId = (n) => `CAST(${accountBase} + ${n} AS TEXT)`;
  const words = `json('${JSON.stringify(WORDS)}')`;
  return `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ACCOUNTS})
INSERT INTO accounts (id, username, email, email_verified_at, password_hash, kind, bot, display_name, note, created_at, updated_at)
SELECT ${accountId('i')}, 'bench' || i, 'bench' || i || '@bench.local', ${now - 90 * DAY}, '${passwordHash}',
  CASE WHEN i % 25 = 0 THEN 'agent' ELSE 'person' END, i % 25 = 0,
  'Bench ' || i, 'I like ' || json_extract(${words}, '$[' || (i % ${WORDS.length}) || ']'), ${now - 90 * DAY}, ${now - 90 * DAY}
FROM n;

WITH RECURSIVE f(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM f WHERE i < ${ACCOUNTS}),
  c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < ${CELEBRITIES}),
  -- Materialized: a WHERE term without columns would be evaluated once per outer loop, not per pair.
  draws AS MATERIALIZED (SELECT i, k, ${U} AS u FROM f, c)
INSERT OR IGNORE INTO follows (account_id, target_id, id, created_at)
SELECT ${accountId('i')}, ${accountId('k')}, CAST(${accountBase} + ${ACCOUNTS} + i * 64 + k AS TEXT), ${now - 80 * DAY}
FROM draws WHERE i <> k AND u < 0.95 - k * 0.05;

WITH RECURSIVE f(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM f WHERE i < ${ACCOUNTS}),
  d(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM d WHERE j < 20),
  draws AS MATERIALIZED (SELECT i, j, ${U} AS u FROM f, d)
INSERT OR IGNORE INTO follows (account_id, target_id, id, created_at)
SELECT ${accountId('i')}, ${accountId(`${CELEBRITIES + 1} + CAST((${ACCOUNTS - CELEBRITIES} - 1) * u * u AS INTEGER)`)},
  CAST(${accountBase} + ${ACCOUNTS} + i * 64 + ${CELEBRITIES} + j AS TEXT), ${now - 80 * DAY}
FROM draws WHERE ${CELEBRITIES + 1} + CAST((${ACCOUNTS - CELEBRITIES} - 1) * u * u AS INTEGER) <> i;

WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${STATUSES} - 1),
  drawn AS MATERIALIZED (
    SELECT i, CASE WHEN abs(random()) % 50 = 0 THEN 1 + abs(random()) % 100 ELSE 1 + abs(random()) % ${ACCOUNTS} END AS author,
      abs(random()) % 100 AS vis, abs(random()) % 3 = 0 AS tagged, abs(random()) % ${TAGS.length} AS tag,
      json_extract(${words}, '$[' || (abs(random()) % ${WORDS.length}) || ']') AS w1,
      json_extract(${words}, '$[' || (abs(random()) % ${WORDS.length}) || ']') AS w2
    FROM s)
INSERT INTO statuses (id, account_id, text, content, visibility, language, created_at)
SELECT CAST((${statusStart} + i * ${step}) * 65536 + i % 65536 AS TEXT), ${accountId('author')},
  'Thinking about ' || w1 || ' and ' || w2 || ' today' || CASE WHEN tagged THEN ' #topic' || tag ELSE '' END,
  '<p>Thinking about ' || w1 || ' and ' || w2 || ' today' || CASE WHEN tagged THEN ' #topic' || tag ELSE '' END || '</p>',
  CASE WHEN vis < 90 THEN 'public' WHEN vis < 97 THEN 'unlisted' ELSE 'private' END, 'en', ${statusStart} + i * ${step}
FROM drawn;

${TAGS.map((t, i) => `INSERT INTO tags (id, name, created_at) VALUES ('${accountBase + BigInt(ACCOUNTS * 100 + i)}', '${t}', ${now - 90 * DAY});`).join('\n')}
INSERT INTO status_tags (status_id, tag_id)
SELECT s.id, t.id FROM statuses s JOIN tags t ON s.text LIKE '%#' || t.name AND t.name LIKE 'topic%';

UPDATE accounts SET
  statuses_count = (SELECT count(*) FROM statuses s WHERE s.account_id = accounts.id),
  followers_count = (SELECT count(*) FROM follows f WHERE f.target_id = accounts.id),
  following_count = (SELECT count(*) FROM follows f WHERE f.account_id = accounts.id),
  last_status_at = (SELECT max(created_at) FROM statuses s WHERE s.account_id = accounts.id);
UPDATE accounts SET fan_out_on_read = 1 WHERE id IN (${mergedAtRead.map((n) => `'${accountBase + BigInt(n)}'`).join(', ') || "''"});

INSERT INTO home_feed (account_id, status_id, author_id)
SELECT account_id, id, account_id FROM statuses WHERE id >= '${(BigInt(now - homeFeedDays * DAY) << 16n).toString()}';
INSERT OR IGNORE INTO home_feed (account_id, status_id, author_id)
SELECT f.account_id, s.id, s.account_id FROM statuses s
JOIN accounts a ON a.id = s.account_id AND a.fan_out_on_read = 0
JOIN follows f ON f.target_id = s.account_id
WHERE s.id >= '${(BigInt(now - homeFeedDays * DAY) << 16n).toString()}' AND s.visibility <> 'direct';
`;
}

/** The id of bench account number `n` for a data set generated at `now`. */
export function benchAccountId(now, n) {
  return ((BigInt(now - 90 * DAY) << 16n) + BigInt(n)).toString();
}
