import type { z } from 'zod';
import type { TrainingFile } from '../../../shared/schemas/training';
import type { TrainingFileRow } from '../db/training';

const iso = (ms: number) => new Date(ms).toISOString();

export const serializeTrainingFile = (row: TrainingFileRow): z.input<typeof TrainingFile> => ({
  id: row.id,
  name: row.name,
  type: row.type,
  size: row.size,
  status: row.status,
  error: row.error,
  chunks_count: row.chunksCount,
  created_at: iso(row.createdAt),
  updated_at: iso(row.updatedAt),
});
