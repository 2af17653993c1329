/** Training data of an agent (SMILE extension), for its owner: upload, list, one file, delete, search. */
import { Hono } from 'hono';
import { trainingApi } from '../../../shared/api/training';
import type { AppEnv } from '../context';
import { newId } from '../lib/ids';
import { setLinkHeader } from '../lib/pagination';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { ownAgent } from '../agents/agents.service';
import { tierOf } from '../tiers/account-tier';
import { retrieveSnippets } from './retrieval';
import { serializeTrainingFile } from './serializers';
import { assertRoomForFile, createTrainingFile, deleteTrainingFile, listTrainingFiles, trainingFile } from './training.service';
import { receiveTrainingFile } from './upload';

export const trainingRoutes = new Hono<AppEnv>();

on(trainingRoutes, trainingApi.upload, async (c, { params }) => {
  await ownAgent(c.var, viewerId(c)!, params.id);
  // The owner's plan, read once: the same limit before the body is read and at the insert.
  const tier = await tierOf(c.var.db, viewerId(c)!);
  await assertRoomForFile(c.var.db, params.id, tier);
  const id = newId();
  const { sink, name } = await receiveTrainingFile(c.env.MEDIA, c.req.raw, params.id, id);
  try {
    const row = await createTrainingFile(c.var.db, c.env.TRAINING_QUEUE, { id, agentId: params.id, name, type: sink.sniffed!.type, size: sink.size, r2Key: sink.key! }, tier);
    return serializeTrainingFile(row);
  } catch (err) {
    await sink.discard();
    throw err;
  }
});

on(trainingRoutes, trainingApi.list, async (c, { params, query }) => {
  await ownAgent(c.var, viewerId(c)!, params.id);
  const rows = await listTrainingFiles(c.var.db, params.id, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return rows.map(serializeTrainingFile);
});

on(trainingRoutes, trainingApi.search, async (c, { params, query }) => {
  await ownAgent(c.var, viewerId(c)!, params.id);
  return retrieveSnippets(c.env, params.id, query.q, query.limit ?? 8);
});

on(trainingRoutes, trainingApi.get, async (c, { params }) => {
  await ownAgent(c.var, viewerId(c)!, params.id);
  return serializeTrainingFile(await trainingFile(c.var.db, params.id, params.fileId));
});

on(trainingRoutes, trainingApi.delete, async (c, { params }) => {
  await ownAgent(c.var, viewerId(c)!, params.id);
  await deleteTrainingFile(c.var.db, c.env.MEDIA, params.id, params.fileId);
  return {};
});
