/**
 * The admin panel's calls (docs/admin.md): metrics, the review queue, accounts, business
 * verifications, marketplace oversight and the audit log. The server checks every role; the
 * web client only decides what to show.
 */
import { api, apiPage } from './client';
import { withQuery } from './http';
import type { AccountPlan, AdminAccount, AdminMetrics, AuditEntry, BlockedPlan, BusinessVerification, Listing, ModerationItem, Order } from './types';

const enc = encodeURIComponent;
/** Drops empty filters so they are left out of the query string. */
const filled = (query: Record<string, string>) => Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.trim() || undefined]));

export const getMetrics = () => api<AdminMetrics>('/api/v1/admin/metrics');

// Review queue
export type QueueState = ModerationItem['state'];
export type QueueSubject = ModerationItem['subject_type'];
export const QUEUE_STATES: readonly QueueState[] = ['open', 'approved', 'removed', 'deleted', 'warned', 'restored'];
export const QUEUE_SUBJECTS: readonly QueueSubject[] = ['status', 'report', 'account', 'agent_output', 'training_file', 'chat_message'];
export type QueueVerb = 'approve' | 'remove' | 'hide' | 'delete' | 'warn' | 'restore';

export const queuePath = (state: QueueState, type: string) => withQuery('/api/v1/admin/moderation', filled({ state, type }));
export const fetchQueue = (path: string) => apiPage<ModerationItem[]>(path);
export const decideItem = (id: string, verb: QueueVerb, note: string) => api<ModerationItem>(`/api/v1/admin/moderation/${enc(id)}/${verb}`, { body: { note } });

// Accounts
export type AccountRole = AdminAccount['role'];
export const ROLES: readonly AccountRole[] = ['user', 'moderator', 'admin'];
export const ACCOUNT_STATUSES = ['active', 'suspended', 'banned'] as const;
export interface AccountSearch {
  q: string;
  role: string;
  status: string;
}
export const accountsPath = (search: AccountSearch) => withQuery('/api/v1/admin/accounts', filled({ ...search }));
export const fetchAccounts = (path: string) => apiPage<AdminAccount[]>(path);
export interface AccountAction {
  type: 'warn' | 'suspend' | 'ban';
  text: string;
  /** ISO time; `suspend` only. */
  suspended_until?: string;
}
export const actOnAccount = (id: string, action: AccountAction) => api<AdminAccount>(`/api/v1/admin/accounts/${enc(id)}/action`, { body: { ...action } });
export const unsuspendAccount = (id: string, reason: string) => api<AdminAccount>(`/api/v1/admin/accounts/${enc(id)}/unsuspend`, { body: { reason } });
/** The plans staff may grant: Enterprise under contract, the paid ones complimentary. */
export const GRANTABLE_TIERS = ['enterprise', 'business', 'creator_pro'] as const;
export type GrantableTier = (typeof GRANTABLE_TIERS)[number];
const planPath = (id: string) => `/api/v1/admin/accounts/${enc(id)}/plan`;
export const getAccountPlan = (id: string) => api<AccountPlan>(planPath(id));
export const grantPlan = (id: string, body: { tier: GrantableTier; until: string; reason: string }) => api<AccountPlan>(planPath(id), { method: 'PUT', body });
export const endPlanGrant = (id: string, reason: string) => api<AccountPlan>(`${planPath(id)}/end`, { body: { reason } });
export const changeRole = (id: string, role: AccountRole, reason: string) => api<AdminAccount>(`/api/v1/admin/accounts/${enc(id)}/role`, { method: 'PUT', body: { role, reason } });

// Business verifications
export type VerificationStatus = BusinessVerification['status'];
export const listVerifications = (status: VerificationStatus) => api<BusinessVerification[]>('/api/v1/admin/business_verifications', { query: { status } });
export const reviewVerification = (id: string, decision: 'approve' | 'reject', reason: string) =>
  api<BusinessVerification>(`/api/v1/admin/business_verifications/${enc(id)}/${decision}`, { body: reason.trim() ? { reason } : {} });

// Marketplace
export const DISPUTES = '/api/v1/admin/payments/disputes';
export const BLOCKED_ORDERS = '/api/v1/admin/payments/blocked';
export const fetchOrderPage = (path: string) => apiPage<Order[]>(path);
export const BLOCKED_PLANS = '/api/v1/admin/payments/blocked_plans';
export const fetchBlockedPlanPage = (path: string) => apiPage<BlockedPlan[]>(path);
export const decideDispute = (id: string, outcome: 'refund' | 'release', reason: string) => api<Order>(`/api/v1/admin/payments/orders/${enc(id)}/decide`, { body: { outcome, reason } });
export const setListed = (id: string, listed: boolean, reason: string) => api<Listing>(`/api/v1/admin/market/listings/${enc(id)}/${listed ? 'relist' : 'delist'}`, { body: { reason } });

// Audit log
export interface AuditFilters {
  action: string;
  target_type: string;
  target_id: string;
  actor_id: string;
}
export const AUDIT_TARGETS: readonly AuditEntry['target_type'][] = ['account', 'moderation_item', 'listing', 'order'];
export const auditPath = (filters: AuditFilters) => withQuery('/api/v1/admin/audit_log', filled({ ...filters }));
export const fetchAudit = (path: string) => apiPage<AuditEntry[]>(path);
