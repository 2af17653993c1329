/**
 * Polls: created with their status, voted on once per account (the vote row's primary key
 * decides races), counted per option from the votes, and closed by the cron job, which writes
 * the "poll ended" notifications for voters and author exactly once.
 */
import { type SQL, and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Poll, PollInput } from '../../../shared/schemas/polls';
import type { Db, Services } from '../context';
import { type AccountRow } from '../db/schema';
import { pollVotes, polls, type PollRow, type PollVoteRow } from '../db/social';
import { idSet } from '../lib/sql';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/ids';
import { notify } from '../notifications/notify';
import { sendAll } from '../lib/queue-batches';
import { notificationMessage } from '../streaming/announce';
import type { FanoutMessage } from '../../../shared/schemas/streaming';
import { viewableStatus } from './statuses.service';

type Deps = Pick<Services, 'db' | 'config'>;

export function pollInsert(db: Db, statusId: string, input: z.output<typeof PollInput>, now: number) {
  return db.insert(polls).values({
    id: newId(now),
    statusId,
    options: JSON.stringify(input.options),
    multiple: input.multiple ?? false,
    hideTotals: input.hide_totals ?? false,
    expiresAt: now + input.expires_in * 1000,
  });
}

/** The polls of a set of statuses (`statusIds`: SQL selecting ids). */
function pollRows(db: Db, statusIds: SQL) {
  return db.select().from(polls).where(sql`${polls.statusId} IN ${statusIds}`);
}

/** Their votes, tallied in `pollEntities`. */
function pollVoteRows(db: Db, statusIds: SQL) {
  return db.select().from(pollVotes).where(sql`${pollVotes.pollId} IN (SELECT id FROM polls WHERE status_id IN ${statusIds})`);
}

/** Poll entities by status id, as the viewer sees them (own votes, hidden totals). */
export function pollEntities(rows: PollRow[], votes: PollVoteRow[], viewerId: string | null): Map<string, z.input<typeof Poll>> {
  const now = Date.now();
  return new Map(
    rows.map((p) => {
      const options = JSON.parse(p.options) as string[];
      const cast = votes.filter((v) => v.pollId === p.id);
      const counts = options.map(() => 0);
      for (const v of cast) for (const choice of JSON.parse(v.choices) as number[]) counts[choice]! += 1;
      const expired = p.expiresAt <= now;
      const own = cast.find((v) => v.accountId === viewerId);
      const showTotals = !p.hideTotals || expired;
      const poll = {
        id: p.id,
        expires_at: new Date(p.expiresAt).toISOString(),
        expired,
        multiple: p.multiple,
        votes_count: counts.reduce((a, b) => a + b, 0),
        voters_count: cast.length,
        options: options.map((title, i) => ({ title, votes_count: showTotals ? counts[i]! : null })),
        emojis: [],
        ...(viewerId && { voted: Boolean(own), own_votes: own ? (JSON.parse(own.choices) as number[]) : [] }),
      };
      return [p.statusId, poll];
    }),
  );
}

/** One status's poll entity. */
async function pollOf(deps: Deps, viewerId: string | null, statusId: string) {
  const ids = idSet([statusId]);
  const [rows, votes] = await deps.db.batch([pollRows(deps.db, ids), pollVoteRows(deps.db, ids)]);
  return pollEntities(rows, votes, viewerId).get(statusId)!;
}

async function pollWithStatus(deps: Deps, viewerId: string | null, id: string): Promise<PollRow> {
  const [poll] = await deps.db.select().from(polls).where(eq(polls.id, id)).limit(1);
  if (!poll) throw new ApiError(404, 'Record not found');
  await viewableStatus(deps, viewerId, poll.statusId);
  return poll;
}

export async function getPoll(deps: Deps, viewerId: string | null, id: string) {
  const poll = await pollWithStatus(deps, viewerId, id);
  return pollOf(deps, viewerId, poll.statusId);
}

export async function vote(deps: Deps, voter: AccountRow, id: string, choices: number[]) {
  const poll = await pollWithStatus(deps, voter.id, id);
  const options = JSON.parse(poll.options) as string[];
  if (poll.expiresAt <= Date.now()) throw new ApiError(422, 'Validation failed: the poll has already ended');
  const unique = [...new Set(choices)];
  if (unique.some((c) => c < 0 || c >= options.length)) throw new ApiError(422, 'Validation failed: choices must be option indexes of this poll');
  if (!poll.multiple && unique.length > 1) throw new ApiError(422, 'Validation failed: this poll allows only one choice');
  const inserted = await deps.db.insert(pollVotes).values({ pollId: poll.id, accountId: voter.id, choices: JSON.stringify(unique) }).onConflictDoNothing().returning({ pollId: pollVotes.pollId });
  if (inserted.length === 0) throw new ApiError(422, 'Validation failed: you have already voted on this poll');
  return pollOf(deps, voter.id, poll.statusId);
}

/** Cron: closes polls that ended and notifies their voters and author, once per poll (streamed and pushed through `fanout`). */
export async function closeEndedPolls(db: Db, fanout: Queue<FanoutMessage>, now = Date.now()): Promise<number> {
  const ended = await db
    .update(polls)
    .set({ closedAt: now })
    .where(and(isNull(polls.closedAt), lte(polls.expiresAt, now)))
    .returning({ id: polls.id, statusId: polls.statusId });
  for (const poll of ended) {
    const [status] = await db.all<{ account_id: string }>(sql`SELECT account_id FROM statuses WHERE id = ${poll.statusId}`);
    if (!status) continue;
    const voters = await db.select({ id: pollVotes.accountId }).from(pollVotes).where(eq(pollVotes.pollId, poll.id));
    // Voters and the author are told, each once (an author who voted is one recipient).
    const recipients = new Set([status.account_id, ...voters.map((v) => v.id)]);
    const events = [...recipients].map((recipientId) => ({ recipientId, fromId: status.account_id, type: 'poll' as const, statusId: poll.statusId }));
    const [first, ...rest] = notify(db, events);
    if (first) await db.batch([first, ...rest]);
    await sendAll(fanout, events.map(notificationMessage));
  }
  return ended.length;
}
