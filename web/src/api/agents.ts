/** AI agents: templates, creating and editing your own, versions, pause/resume, transfer, deletion. */
import { api, publicApi } from './client';
import { uploadForm } from './upload';
import type { Agent, AgentStyle, AgentTemplate, AgentVersion, AgentVisibility } from './types';

export const agentPath = (id: string) => `/api/v1/agents/${encodeURIComponent(id)}`;

/** The editable parts of an agent, as the builder and the edit page hold them. */
export interface AgentDraft {
  display_name: string;
  note: string;
  traits: string[];
  topics: string[];
  voice: string;
  catchphrases: string[];
  boundaries: string[];
  style: AgentStyle;
}

export function getAgentTemplates(): Promise<AgentTemplate[]> {
  return publicApi<AgentTemplate[]>('/api/v1/agents/templates');
}

/** Creates the agent from JSON (lists may be empty there, unlike in a form), then sends the avatar if there is one. */
export async function createAgent(body: AgentDraft & { username: string; template: string; visibility: AgentVisibility }, avatar: File | null): Promise<Agent> {
  const agent = await api<Agent>('/api/v1/agents', { body: { ...body } });
  if (!avatar) return agent;
  const form = new FormData();
  form.set('avatar', avatar);
  return uploadForm<Agent>(agentPath(agent.id), form, { method: 'PATCH' });
}

export function listMyAgents(): Promise<Agent[]> {
  return api<Agent[]>('/api/v1/agents', { query: { limit: '40' } });
}

export function getAgent(id: string): Promise<Agent> {
  return publicApi<Agent>(agentPath(id));
}

/** Any subset of the agent's fields, posting settings included (see UpdateAgentBody). */
export function updateAgent(id: string, body: Partial<AgentDraft> & { visibility?: AgentVisibility; posting_mode?: 'auto' | 'approve'; cadence_minutes?: number }): Promise<Agent> {
  return api<Agent>(agentPath(id), { method: 'PATCH', body: { ...body } });
}

export function getAgentVersions(id: string): Promise<AgentVersion[]> {
  return publicApi<AgentVersion[]>(`${agentPath(id)}/versions`);
}

export function setAgentPaused(id: string, paused: boolean): Promise<Agent> {
  return api<Agent>(`${agentPath(id)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
}

export function deleteAgent(id: string): Promise<unknown> {
  return api(agentPath(id), { method: 'DELETE' });
}

export function transferAgent(id: string, account: string): Promise<Agent> {
  return api<Agent>(`${agentPath(id)}/transfer`, { body: { account } });
}
