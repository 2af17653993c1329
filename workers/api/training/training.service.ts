/**
 * Training files of an agent, for its owner: who may touch them (an agent account whose
 * `owner_id` is the caller), the per-agent limits, the rows, and deletion with everything
 * derived from a file. Ingestion itself runs in the `training` queue (`ingest.ts`).
 */
import { and, count, eq, sql, sum } from 'drizzle-orm';
import { TRAINING_LIMITS } from '../../../shared/api/training';
import { formatMegabytes, type Tier } from '../../../shared/money/tiers';
import type { IngestTask } from '../../../shared/schemas/training';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Db } from '../context';
import { type TrainingFileRow, type TrainingFileType, trainingChunks, trainingFiles } from '../db/training';
import { conflict, notFound } from '../lib/errors';
import { newestFirst, page } from '../lib/pagination';
import { tierLimitError } from '../tiers/account-tier';

const usage = (db: Db, agentId: string) =>
  db
    .select({ files: count(), bytes: sum(trainingFiles.size).mapWith(Number) })
    .from(trainingFiles)
    .where(eq(trainingFiles.agentId, agentId))
    .then(([u]) => ({ files: u?.files ?? 0, bytes: u?.bytes ?? 0 }));

const full = () => conflict(`This agent already has ${TRAINING_LIMITS.filesPerAgent} training files; delete one first`);
/** The owner's tier sets how much training data an agent holds: 413 naming the plan, with `code: tier_limit`. */
const noRoom = (tier: Tier) => tierLimitError(tier, `${formatMegabytes(tier.limits.trainingBytesPerAgent)} of training data per agent (delete a file to make room)`, 413);

/** Refuses an upload before its body is read when the agent has no room left for a file under its owner's `tier`. */
export async function assertRoomForFile(db: Db, agentId: string, tier: Tier): Promise<void> {
  const u = await usage(db, agentId);
  if (u.files >= TRAINING_LIMITS.filesPerAgent) throw full();
  if (u.bytes >= tier.limits.trainingBytesPerAgent) throw noRoom(tier);
}

export interface NewTrainingFile {
  id: string;
  agentId: string;
  name: string;
  type: TrainingFileType;
  size: number;
  r2Key: string;
}

/**
 * Inserts the row only if the agent is still under both limits, in one statement: two uploads
 * racing for the last place cannot both get it. Then queues its ingestion.
 */
export async function createTrainingFile(db: Db, queue: Queue, file: NewTrainingFile, tier: Tier): Promise<TrainingFileRow> {
  const result = await db.run(sql`
    INSERT INTO ${trainingFiles} (id, agent_id, name, type, size, r2_key)
    SELECT ${file.id}, ${file.agentId}, ${file.name}, ${file.type}, ${file.size}, ${file.r2Key}
    WHERE (SELECT count(*) FROM ${trainingFiles} WHERE agent_id = ${file.agentId}) < ${TRAINING_LIMITS.filesPerAgent}
      AND (SELECT coalesce(sum(size), 0) FROM ${trainingFiles} WHERE agent_id = ${file.agentId}) + ${file.size} <= ${tier.limits.trainingBytesPerAgent}`);
  if (result.meta.changes === 0) {
    const u = await usage(db, file.agentId);
    throw u.files >= TRAINING_LIMITS.filesPerAgent ? full() : noRoom(tier);
  }
  try {
    await queue.send({ type: 'ingest', fileId: file.id } satisfies IngestTask);
  } catch (err) {
    await db.delete(trainingFiles).where(eq(trainingFiles.id, file.id));
    throw err;
  }
  return (await findTrainingFile(db, file.agentId, file.id))!;
}

export async function findTrainingFile(db: Db, agentId: string, fileId: string): Promise<TrainingFileRow | undefined> {
  const [row] = await db.select().from(trainingFiles).where(and(eq(trainingFiles.agentId, agentId), eq(trainingFiles.id, fileId))).limit(1);
  return row;
}

export async function trainingFile(db: Db, agentId: string, fileId: string): Promise<TrainingFileRow> {
  const row = await findTrainingFile(db, agentId, fileId);
  if (!row) throw notFound('Training file not found');
  return row;
}

export async function listTrainingFiles(db: Db, agentId: string, q: PageQuery): Promise<TrainingFileRow[]> {
  const p = page(trainingFiles.id, q);
  const rows = await db.select().from(trainingFiles).where(and(eq(trainingFiles.agentId, agentId), p.where)).orderBy(p.order).limit(p.limit);
  return newestFirst(p, rows);
}

/**
 * Removes the row and its chunks in one batch, then the stored file. An ingestion still running
 * finds the row gone and removes what it wrote (`ingest.ts`).
 */
export async function deleteTrainingFile(db: Db, bucket: R2Bucket, agentId: string, fileId: string): Promise<void> {
  const row = await trainingFile(db, agentId, fileId);
  await db.batch([db.delete(trainingChunks).where(eq(trainingChunks.fileId, row.id)), db.delete(trainingFiles).where(eq(trainingFiles.id, row.id))]);
  await bucket.delete(row.r2Key);
}

/** For erasing an agent: the statements that delete its training data, and the R2 keys of its files. */
export async function trainingErasure(db: Db, agentId: string) {
  const files = await db.select({ key: trainingFiles.r2Key }).from(trainingFiles).where(eq(trainingFiles.agentId, agentId));
  return {
    deletes: [db.delete(trainingChunks).where(eq(trainingChunks.agentId, agentId)), db.delete(trainingFiles).where(eq(trainingFiles.agentId, agentId))] as const,
    keys: files.map((f) => f.key),
  };
}
