import { z } from 'zod';
import { AccountActionBody, AdminAccount, AdminAccountsQuery, AuditEntry, AuditLogQuery, DisputeDecisionBody, Metrics, ReasonBody, RoleBody } from '../schemas/admin';
import { Id } from '../schemas/common';
import { Listing } from '../schemas/market';
import { PageQuery } from '../schemas/pagination';
import { Order } from '../schemas/payments';
import { endpoint } from './endpoint';

const tags = ['Admin'] as const;
const byId = z.object({ id: Id });

/**
 * The admin panel (Mastodon's `/api/v1/admin/accounts` shapes, SMILE's audit log, marketplace
 * oversight and metrics). Every action is authorised on the server and audited.
 */
export const adminApi = {
  accounts: endpoint({ method: 'get', path: '/api/v1/admin/accounts', summary: 'Accounts with their e-mail, role and status: search by username, e-mail, role, status (moderator)', tags, auth: 'user', scope: 'admin:read:accounts', role: 'moderator', query: AdminAccountsQuery, response: z.array(AdminAccount) }),
  account: endpoint({ method: 'get', path: '/api/v1/admin/accounts/:id', summary: 'One account as staff see it (moderator)', tags, auth: 'user', scope: 'admin:read:accounts', role: 'moderator', params: byId, response: AdminAccount }),
  action: endpoint({ method: 'post', path: '/api/v1/admin/accounts/:id/action', summary: 'Warn (the person is notified), suspend (until a time or lifted) or ban an account (moderator; not an admin, not oneself)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'moderator', params: byId, body: AccountActionBody, response: AdminAccount }),
  unsuspend: endpoint({ method: 'post', path: '/api/v1/admin/accounts/:id/unsuspend', summary: 'Lift a suspension (moderator) or a ban (admin)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'moderator', params: byId, body: ReasonBody, response: AdminAccount }),
  role: endpoint({ method: 'put', path: '/api/v1/admin/accounts/:id/role', summary: 'Change an account’s role (admin; not one’s own)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: RoleBody, response: AdminAccount }),
  auditLog: endpoint({ method: 'get', path: '/api/v1/admin/audit_log', summary: 'Every staff action, newest first: who, what, on which object, when and why (admin)', tags, auth: 'user', scope: 'admin:read', role: 'admin', query: AuditLogQuery, response: z.array(AuditEntry) }),
  delist: endpoint({ method: 'post', path: '/api/v1/admin/market/listings/:id/delist', summary: 'Take a listing off the marketplace; its creator cannot publish it again (admin)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: ReasonBody, response: Listing }),
  relist: endpoint({ method: 'post', path: '/api/v1/admin/market/listings/:id/relist', summary: 'Put an admin-delisted listing back on the marketplace (admin)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: ReasonBody, response: Listing }),
  disputes: endpoint({ method: 'get', path: '/api/v1/admin/payments/disputes', summary: 'Disputed orders whose money is still held, newest first (admin)', tags, auth: 'user', scope: 'admin:read:accounts', role: 'admin', query: PageQuery, response: z.array(Order) }),
  decideDispute: endpoint({ method: 'post', path: '/api/v1/admin/payments/orders/:id/decide', summary: 'Decide a dispute: refund the buyer or release the money to the creator (admin)', tags, auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: byId, body: DisputeDecisionBody, response: Order }),
  metrics: endpoint({ method: 'get', path: '/api/v1/admin/metrics', summary: 'The platform at a glance: accounts, statuses, moderation, marketplace (moderator)', tags, auth: 'user', scope: 'admin:read', role: 'moderator', response: Metrics }),
} as const;
