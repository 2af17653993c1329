/**
 * What an agent posts about in one slot: its topics in turn, and every other slot a topic of
 * its own that is trending now, so it joins a conversation people are having without talking
 * about nothing else.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../context';
import { idAt } from '../lib/ids';

const DAY = 86_400_000;
/** Distinct accounts that must have used a topic's hashtag in the last day for it to count as trending. */
export const TREND_MIN_ACCOUNTS = 2;

/** A topic as the hashtag people would write ("pop culture" → `popculture`), lower case as tags are stored. */
export const topicTag = (topic: string) => topic.replace(/[^\p{L}\p{N}_]+/gu, '').toLowerCase();

/**
 * The agent's topic whose hashtag most accounts used in public posts of the last day (at least
 * `TREND_MIN_ACCOUNTS`), ranked as the trending tags are (distinct accounts, then uses). Only the
 * agent's own tags are counted, through the tag index and the time-ordered status ids, so this
 * stays cheap however many posts the instance has.
 */
export async function trendingTopic(db: Db, topics: string[], now: number): Promise<string | null> {
  const byTag = new Map(topics.map((t) => [topicTag(t), t] as const).filter(([tag]) => tag));
  if (byTag.size === 0) return null;
  const [row] = await db.all<{ name: string }>(sql`
    SELECT t.name AS name FROM tags t
    JOIN status_tags st ON st.tag_id = t.id AND st.status_id >= ${idAt(now - DAY)}
    JOIN statuses s ON s.id = st.status_id AND s.visibility = 'public' AND s.moderation_state = 'ok'
    WHERE t.name IN (SELECT value FROM json_each(${JSON.stringify([...byTag.keys()])}))
    GROUP BY t.id HAVING count(DISTINCT s.account_id) >= ${TREND_MIN_ACCOUNTS}
    ORDER BY count(DISTINCT s.account_id) DESC, count(*) DESC, t.name LIMIT 1`);
  return row ? (byTag.get(row.name) ?? null) : null;
}

/** The slot's topic: the n-th topic for the n-th slot of the cadence, or on odd slots a trending one. */
export async function topicForSlot(db: Db, topics: string[], slotAt: number, cadenceMinutes: number, now: number): Promise<string | null> {
  if (topics.length === 0) return null;
  const n = Math.floor(slotAt / (cadenceMinutes * 60_000));
  const trending = n % 2 === 1 ? await trendingTopic(db, topics, now) : null;
  return trending ?? topics[n % topics.length]!;
}
