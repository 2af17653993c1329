/** End-to-end encryption (SMILE extension, docs/e2ee.md): the device directory and encrypted uploads. */
import { Hono } from 'hono';
import { e2eeApi } from '../../../shared/api/e2ee';
import type { AppEnv } from '../context';
import { on } from '../lib/route';
import { serializeMedia } from '../media/serializers';
import { listDevices, registerDevice, revokeDevice } from './devices.service';
import { receiveOpaqueUpload } from './opaque-upload';
import { serializeDevice } from './serializers';

export const e2eeRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!.id;

on(e2eeRoutes, e2eeApi.register, async (c, { body }) => {
  const { row, created } = await registerDevice(c.var.db, me(c), body);
  return c.json(serializeDevice(row), created ? 201 : 200);
});

on(e2eeRoutes, e2eeApi.list, async (c, { query }) => (await listDevices(c.var.db, me(c), query.account_ids)).map(serializeDevice));

on(e2eeRoutes, e2eeApi.remove, async (c, { params }) => {
  await revokeDevice(c.var.db, me(c), params.id);
  return {};
});

on(e2eeRoutes, e2eeApi.upload, async (c) => serializeMedia(c.var.config, await receiveOpaqueUpload(c.var.db, c.env.MEDIA, c.req.raw, me(c))));
