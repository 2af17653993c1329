/** Training data of an AI agent (a SMILE extension): files its owner uploads, and what retrieval finds in them. */
import { z } from 'zod';
import { Id } from './common';

export const TRAINING_FILE_TYPES = ['txt', 'md', 'csv', 'json', 'html', 'pdf'] as const;

export const TrainingUploadBody = z
  .object({
    file: z.instanceof(File).describe('A .txt, .md, .csv, .json, .html or .pdf file of at most 20 MB; the type comes from the extension and is checked against the bytes'),
  })
  .meta({ id: 'TrainingUploadBody' });

export const TrainingFile = z
  .object({
    id: Id,
    name: z.string().describe('The file name as uploaded'),
    type: z.enum(TRAINING_FILE_TYPES),
    size: z.number().int().describe('Bytes'),
    status: z.enum(['queued', 'processing', 'ready', 'failed']).describe('queued → processing → ready or failed; only ready files are used by the agent'),
    error: z.string().nullable().describe('Why ingestion failed (null unless failed)'),
    chunks_count: z.number().int().describe('Passages of text indexed from the file'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'TrainingFile' });

export const TrainingSearchQuery = z.object({
  q: z.string().trim().min(1, "can't be blank").max(500, 'is too long (maximum is 500 characters)').describe('A question or a few words'),
  limit: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform((v) => Math.min(Math.max(Number(v), 1), 20))
    .optional()
    .describe('At most 20; 8 by default'),
});

export const TrainingSnippet = z
  .object({
    id: z.string(),
    text: z.string(),
    source: z.string().describe('The name of the training file it comes from'),
    score: z.number().describe('Cosine similarity to the query, 0–1'),
  })
  .meta({ id: 'TrainingSnippet' });

/** A message of the `agent-tasks` queue that ingests one training file. */
export const IngestTask = z.object({ type: z.literal('ingest'), fileId: Id });
export type IngestTask = z.infer<typeof IngestTask>;
