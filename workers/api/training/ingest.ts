/**
 * Ingests one training file: extract → chunk → moderate → embed → index. The chunks
 * of a file are replaced in one batch, so a redelivered message re-indexes the file instead of
 * adding a second copy. A file deleted while this runs is looked for again before and after
 * the write, and what was written for it is removed.
 */
import { and, count, eq, ne } from 'drizzle-orm';
import { TRAINING_LIMITS } from '../../../shared/api/training';
import type { Env } from '../../env';
import { getAiProvider } from '../ai/providers';
import type { Db } from '../context';
import { trainingChunks, trainingFiles } from '../db/training';
import { classifyText } from '../moderation/classifier';
import { chunkText } from './chunker';
import { IngestError, extractText } from './extract';
import { quantize } from './vectors';

const EMBED_BATCH = 64;
/** 7 bound parameters a chunk row: 14 rows stay under D1's 100 a statement. */
const ROWS_PER_INSERT = 14;

const exists = async (db: Db, fileId: string) => (await db.select({ id: trainingFiles.id }).from(trainingFiles).where(eq(trainingFiles.id, fileId)).limit(1)).length > 0;

/**
 * Training text is never published as it is, but agents quote it: a passage the classifier
 * rejects (slurs, threats, sexual content involving minors) fails the whole file with the
 * reason. Its spam holds (links, repetition) are for published posts, not for notes and data.
 */
function refuseHarmful(passages: string[]): void {
  passages.forEach((passage, i) => {
    const verdict = classifyText(passage);
    if (verdict.action === 'reject') throw new IngestError(`Passage ${i + 1} was refused by moderation: ${verdict.reason ?? verdict.categories.join(', ')}`);
  });
}

export async function ingestFile(env: Env, db: Db, fileId: string): Promise<void> {
  const [file] = await db.update(trainingFiles).set({ status: 'processing', error: null, updatedAt: Date.now() }).where(eq(trainingFiles.id, fileId)).returning();
  // Deleted before its turn came: nothing to do.
  if (!file) return;
  const object = await env.MEDIA.get(file.r2Key);
  if (!object) throw new IngestError('The stored file is missing; upload it again');
  const text = await extractText(file.type, new Uint8Array(await object.arrayBuffer()));
  const passages = chunkText(text);
  if (passages.length === 0) throw new IngestError('No text was found in the file');
  refuseHarmful(passages);
  const [others] = await db
    .select({ n: count() })
    .from(trainingChunks)
    .where(and(eq(trainingChunks.agentId, file.agentId), ne(trainingChunks.fileId, file.id)));
  if ((others?.n ?? 0) + passages.length > TRAINING_LIMITS.chunksPerAgent) {
    throw new IngestError(`The file holds ${passages.length} passages of text and the agent's training data is limited to ${TRAINING_LIMITS.chunksPerAgent}; split or shorten it`);
  }

  const provider = getAiProvider(env);
  const vectors: Float32Array[] = [];
  for (let i = 0; i < passages.length; i += EMBED_BATCH) vectors.push(...(await provider.embed(passages.slice(i, i + EMBED_BATCH))));

  const rows = passages.map((text, ordinal) => ({
    agentId: file.agentId,
    fileId: file.id,
    ordinal,
    text,
    embedding: Buffer.from(quantize(vectors[ordinal]!).buffer),
    dims: provider.dimensions,
    provider: provider.name,
  }));
  if (!(await exists(db, file.id))) return;
  const inserts = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) inserts.push(db.insert(trainingChunks).values(rows.slice(i, i + ROWS_PER_INSERT)));
  await db.batch([
    db.delete(trainingChunks).where(eq(trainingChunks.fileId, file.id)),
    ...inserts,
    db.update(trainingFiles).set({ status: 'ready', error: null, chunksCount: rows.length, updatedAt: Date.now() }).where(eq(trainingFiles.id, file.id)),
  ]);
  // Deleted between the check and the batch: the delete found no chunks yet, so remove them here.
  if (!(await exists(db, file.id))) await db.delete(trainingChunks).where(eq(trainingChunks.fileId, file.id));
}

/** Records why a file could not be ingested; its chunks (from an earlier run) go with it. */
export async function markFailed(db: Db, fileId: string, reason: string): Promise<void> {
  await db.batch([
    db.delete(trainingChunks).where(eq(trainingChunks.fileId, fileId)),
    db.update(trainingFiles).set({ status: 'failed', error: reason.slice(0, 500), chunksCount: 0, updatedAt: Date.now() }).where(eq(trainingFiles.id, fileId)),
  ]);
}

export { IngestError };
