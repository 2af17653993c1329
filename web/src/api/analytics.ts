/** Analytics views (docs/analytics.md) and the session report the consent switches on and off. */
import { api } from './client';
import type { BusinessAnalytics, CreatorAnalytics, PlatformAnalytics } from './types';

export interface Range {
  from: string;
  to: string;
}

export const getCreatorAnalytics = (range: Range, agentId?: string) => api<CreatorAnalytics>('/api/v1/analytics/creator', { query: { ...range, ...(agentId ? { agent_id: agentId } : {}) } });
export const getBusinessAnalytics = (range: Range) => api<BusinessAnalytics>('/api/v1/analytics/business', { query: { ...range } });
export const getPlatformAnalytics = (range: Range) => api<PlatformAnalytics>('/api/v1/admin/analytics', { query: { ...range } });
export const reportSession = (durationMs: number) => api<Record<string, never>>('/api/v1/analytics/sessions', { body: { duration_ms: durationMs }, keepalive: true });
