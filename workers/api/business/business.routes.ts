import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import type { AppEnv } from '../context';
import { on } from '../lib/route';
import { latestVerification, listVerifications, requestVerification, reviewVerification, serializeVerification } from './business.service';

export const businessRoutes = new Hono<AppEnv>();

on(businessRoutes, authApi.requestBusiness, async (c, { body }) => serializeVerification(await requestVerification(c.var, c.var.caller!.account!, body)));
on(businessRoutes, authApi.getBusiness, async (c) => serializeVerification(await latestVerification(c.var, c.var.caller!.account!)));
on(businessRoutes, authApi.listBusiness, async (c, { query }) => (await listVerifications(c.var, query.status)).map(serializeVerification));
on(businessRoutes, authApi.approveBusiness, async (c, { params, body }) => serializeVerification(await reviewVerification(c.var, c.var.caller!.account!, params.id, true, body.reason)));
on(businessRoutes, authApi.rejectBusiness, async (c, { params, body }) => serializeVerification(await reviewVerification(c.var, c.var.caller!.account!, params.id, false, body.reason)));
