/**
 * Live streams. The row is the stream's public record (who, title, visibility, live or ended,
 * the recording's R2 key); the media, chat and sockets live in the stream's LiveStream object,
 * which writes the viewer count back here every few seconds.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LIVE_VISIBILITIES } from '../../../shared/schemas/live';
import { now } from './schema';

export const liveStreams = sqliteTable(
  'live_streams',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    title: text('title').notNull(),
    visibility: text('visibility', { enum: LIVE_VISIBILITIES }).notNull(),
    state: text('state', { enum: ['live', 'ended'] }).notNull().default('live'),
    viewerCount: integer('viewer_count').notNull().default(0),
    startedAt: integer('started_at').notNull().default(now),
    endedAt: integer('ended_at'),
    /** The recording in R2 (`live/<id>.webm`), set at the end when anything was broadcast. */
    replayKey: text('replay_key'),
  },
  (t) => [index('live_streams_account_idx').on(t.accountId, t.state), index('live_streams_state_idx').on(t.state, t.id)],
);

export type LiveStreamRow = typeof liveStreams.$inferSelect;
