/** The admin panel's routes: thin over `admin/*.service.ts`; the contracts carry the roles. */
import { and, eq, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { adminApi } from '../../../shared/api/admin';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { serializeListing } from '../market/serializers';
import { orderPage, withPayments } from '../payments/payments.routes';
import { paymentOrders } from '../payments/schema';
import { serializeOrder } from '../payments/serializers';
import { announce } from '../streaming/announce';
import { accountAction, searchAccounts, setRole, staffView, unsuspend } from './accounts.service';
import { listAudit } from './audit';
import { decideDispute, delist, relist } from './market.service';
import { platformMetrics } from './metrics.service';
import { serializeAdminAccount, serializeAudit } from './serializers';

export const adminRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

on(adminRoutes, adminApi.accounts, async (c, { query }) => {
  const rows = await searchAccounts(c.var, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return rows.map((r) => serializeAdminAccount(c.var.config, r));
});

on(adminRoutes, adminApi.account, async (c, { params }) => serializeAdminAccount(c.var.config, await staffView(c.var, params.id)));

on(adminRoutes, adminApi.action, async (c, { params, body }) => {
  const { account, told } = await accountAction(c.var, me(c), params.id, body);
  announce(c, told);
  return serializeAdminAccount(c.var.config, account);
});

on(adminRoutes, adminApi.unsuspend, async (c, { params, body }) => serializeAdminAccount(c.var.config, await unsuspend(c.var, me(c), params.id, body.reason)));

on(adminRoutes, adminApi.role, async (c, { params, body }) => serializeAdminAccount(c.var.config, await setRole(c.var, me(c), params.id, body.role, body.reason)));

on(adminRoutes, adminApi.auditLog, async (c, { query }) => {
  const rows = await listAudit(c.var.db, query);
  setLinkHeader(c, rows.map((r) => r.id));
  return serializeAudit(c.var, rows);
});

on(adminRoutes, adminApi.delist, async (c, { params, body }) => serializeListing(c.var.config, await delist(c.var, me(c), params.id, body.reason), me(c).id));

on(adminRoutes, adminApi.relist, async (c, { params, body }) => serializeListing(c.var.config, await relist(c.var, me(c), params.id, body.reason), me(c).id));

// Disputed orders whose money is still in escrow.
on(adminRoutes, adminApi.disputes, (c, { query }) => orderPage(c, and(isNotNull(paymentOrders.disputedAt), eq(paymentOrders.settlement, 'held')), query));

on(adminRoutes, adminApi.decideDispute, (c, { params, body }) => withPayments(c, async (deps) => serializeOrder(await decideDispute(deps, me(c), params.id, body.outcome, body.reason))));

on(adminRoutes, adminApi.metrics, async (c) => platformMetrics(c.var));
