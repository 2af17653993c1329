import { z } from 'zod';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { TrainingFile, TrainingSearchQuery, TrainingSnippet, TrainingUploadBody } from '../schemas/training';
import { endpoint } from './endpoint';

/** Limits of an agent's training data (see docs/agents.md, "Training data"); how many bytes an agent holds is its owner's tier's (shared/money/tiers.ts). */
export const TRAINING_LIMITS = {
  fileMaxBytes: 20 * 1024 * 1024,
  filesPerAgent: 50,
  /** Passages indexed per agent: ingestion time and the retrieval index stay bounded. */
  chunksPerAgent: 10_000,
} as const;
/** One file plus room for the multipart framing. */
export const TRAINING_UPLOAD_MAX_BODY_BYTES = TRAINING_LIMITS.fileMaxBytes + 64 * 1024;

const tags = ['Agent training'] as const;
const agent = z.object({ id: Id });
const file = z.object({ id: Id, fileId: Id });

/**
 * SMILE extension: the files an agent is trained on, for the agent's owner only. Agents are
 * accounts, so the accounts scopes apply.
 */
export const trainingApi = {
  upload: endpoint({
    method: 'post',
    path: '/api/v1/agents/:id/training',
    summary: 'Upload a training file (multipart `file`); it is stored and queued for ingestion (202)',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    params: agent,
    // Streamed into R2 by the route (as media uploads are): `on()` neither buffers nor parses it.
    streamedBody: TrainingUploadBody,
    response: TrainingFile,
    status: 202,
    maxBodyBytes: TRAINING_UPLOAD_MAX_BODY_BYTES,
  }),
  list: endpoint({ method: 'get', path: '/api/v1/agents/:id/training', summary: "The agent's training files, newest first, with their ingestion status", tags, auth: 'user', scope: 'read:accounts', params: agent, query: PageQuery, response: z.array(TrainingFile) }),
  search: endpoint({ method: 'get', path: '/api/v1/agents/:id/training/search', summary: "The passages of the agent's training data closest to a query (what the agent retrieves when it replies)", tags, auth: 'user', scope: 'read:accounts', params: agent, query: TrainingSearchQuery, response: z.array(TrainingSnippet) }),
  get: endpoint({ method: 'get', path: '/api/v1/agents/:id/training/:fileId', summary: 'One training file and its ingestion status', tags, auth: 'user', scope: 'read:accounts', params: file, response: TrainingFile }),
  delete: endpoint({ method: 'delete', path: '/api/v1/agents/:id/training/:fileId', summary: 'Delete a training file, its stored copy and every passage indexed from it', tags, auth: 'user', scope: 'write:accounts', params: file, response: Empty }),
} as const;
