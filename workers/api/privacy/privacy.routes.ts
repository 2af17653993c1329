/** Privacy and data (SMILE extension, docs/privacy.md): exports, account deletion, consents. */
import { Hono } from 'hono';
import { privacyApi } from '../../../shared/api/privacy';
import type { AppEnv } from '../context';
import { on } from '../lib/route';
import { consentHistory, recordConsents } from './consents.service';
import { cancelDeletion, deletionOf, scheduleDeletion } from './deletion.service';
import { listExports, openDownload, ownExport, requestExport } from './exports.service';
import { serializeConsents, serializeDeletion, serializeExport } from './serializers';

export const privacyRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

on(privacyRoutes, privacyApi.requestExport, async (c) => serializeExport(c.var.config, await requestExport(c.var, c.env, (closing) => c.executionCtx.waitUntil(closing), me(c).id)));

on(privacyRoutes, privacyApi.exports, async (c) => Promise.all((await listExports(c.var, me(c).id)).map((row) => serializeExport(c.var.config, row))));

on(privacyRoutes, privacyApi.export, async (c, { params }) => serializeExport(c.var.config, await ownExport(c.var, me(c).id, params.id)));

on(privacyRoutes, privacyApi.download, (c, { params, query }) => openDownload(c.var, c.env.MEDIA, params.id, query.token));

on(privacyRoutes, privacyApi.deletion, async (c) => serializeDeletion(await deletionOf(c.var.db, me(c).id)));

on(privacyRoutes, privacyApi.scheduleDeletion, async (c, { body }) => serializeDeletion(await scheduleDeletion(c.var, me(c), c.var.caller!.sessionId, body.password)));

on(privacyRoutes, privacyApi.cancelDeletion, async (c) => {
  await cancelDeletion(c.var, me(c).id);
  return serializeDeletion(null);
});

on(privacyRoutes, privacyApi.consents, async (c) => serializeConsents(await consentHistory(c.var.db, me(c).id)));

on(privacyRoutes, privacyApi.updateConsents, async (c, { body }) => {
  await recordConsents(c.var.db, me(c).id, body);
  return serializeConsents(await consentHistory(c.var.db, me(c).id));
});
