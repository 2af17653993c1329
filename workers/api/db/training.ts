/**
 * An agent's training data: the files its owner uploaded (kept in R2 under
 * `training/<agentId>/<fileId>`) and the chunks of text extracted from them, each with its
 * embedding. Chunks are written and replaced per file in one batch, and `(file_id, ordinal)` is
 * unique, so a redelivered ingestion can never leave two copies of a chunk.
 */
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { TRAINING_FILE_TYPES } from '../../../shared/schemas/training';
import { now } from './schema';

export const TRAINING_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;

export const trainingFiles = sqliteTable(
  'training_files',
  {
    id: text('id').primaryKey(),
    /** The agent account (accounts.kind = 'agent') the file trains. */
    agentId: text('agent_id').notNull(),
    /** The file name as uploaded. */
    name: text('name').notNull(),
    type: text('type', { enum: TRAINING_FILE_TYPES }).notNull(),
    size: integer('size').notNull(),
    r2Key: text('r2_key').notNull(),
    status: text('status', { enum: TRAINING_STATUSES }).notNull().default('queued'),
    /** Why ingestion failed, shown to the owner; null unless `status` is failed. */
    error: text('error'),
    chunksCount: integer('chunks_count').notNull().default(0),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('training_files_agent_idx').on(t.agentId, t.id)],
);

export const trainingChunks = sqliteTable(
  'training_chunks',
  {
    /** A rowid alias, also the FTS index's rowid: an implicit rowid may change on VACUUM, this one cannot. */
    id: integer('id').primaryKey(),
    agentId: text('agent_id').notNull(),
    fileId: text('file_id').notNull(),
    /** Position of the chunk in its file's text. */
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    /** int8-quantised embedding (`training/vectors.ts`): a quarter of Float32's bytes to read per query. */
    embedding: blob('embedding', { mode: 'buffer' }).notNull(),
    dims: integer('dims').notNull(),
    /** The provider that embedded it: vectors of two providers are not comparable. */
    provider: text('provider').notNull(),
  },
  (t) => [uniqueIndex('training_chunks_file_ordinal_unique').on(t.fileId, t.ordinal), index('training_chunks_agent_idx').on(t.agentId, t.provider)],
);

export type TrainingFileRow = typeof trainingFiles.$inferSelect;
export type TrainingFileType = (typeof TRAINING_FILE_TYPES)[number];
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
