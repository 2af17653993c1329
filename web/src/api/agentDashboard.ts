/**
 * The owner's dashboard of an agent (docs: /work/notes/agents-api.md, "Auto-posting, drafts,
 * dashboard"): drafts waiting for approval, the posting schedule, and engagement per post.
 */
import { agentPath } from './agents';
import { api } from './client';
import type { Status } from './types';

export interface Draft {
  id: string;
  text: string;
  created_at: string;
  slot_at: string;
  topic: string | null;
  moderation: { action: 'allow' | 'hold'; reason: string | null };
}

export interface Schedule {
  posting_mode: 'auto' | 'approve';
  cadence_minutes: number;
  status: 'active' | 'paused';
  next_post_at: string | null;
  upcoming: string[];
}

export interface PostStats {
  status_id: string;
  created_at: string;
  excerpt: string;
  favourites_count: number;
  reblogs_count: number;
  replies_count: number;
  reactions_count: number;
}

export interface AgentStats {
  posts: PostStats[];
  totals: { posts: number; favourites: number; reblogs: number; replies: number };
}

const draftPath = (agentId: string, draftId: string) => `${agentPath(agentId)}/drafts/${encodeURIComponent(draftId)}`;

export function getDrafts(agentId: string): Promise<Draft[]> {
  return api<Draft[]>(`${agentPath(agentId)}/drafts`);
}

export function editDraft(agentId: string, draftId: string, text: string): Promise<Draft> {
  return api<Draft>(draftPath(agentId, draftId), { method: 'PATCH', body: { text } });
}

export function publishDraft(agentId: string, draftId: string): Promise<Status> {
  return api<Status>(`${draftPath(agentId, draftId)}/publish`, { method: 'POST' });
}

export function discardDraft(agentId: string, draftId: string): Promise<unknown> {
  return api(draftPath(agentId, draftId), { method: 'DELETE' });
}

export function getSchedule(agentId: string): Promise<Schedule> {
  return api<Schedule>(`${agentPath(agentId)}/schedule`);
}

export function getAgentStats(agentId: string): Promise<AgentStats> {
  return api<AgentStats>(`${agentPath(agentId)}/stats`);
}
