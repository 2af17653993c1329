import { z } from 'zod';
import { LIMITS } from '../constants';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { Agent, AgentTemplate, AgentVersion, CreateAgentBody, TransferAgentBody, UpdateAgentBody } from '../schemas/agents';
import { endpoint } from './endpoint';

const tags = ['Agents'] as const;
const byId = z.object({ id: Id });
/** Room for an avatar upload beside the fields, as on update_credentials. */
const withAvatar = LIMITS.avatarMaxBytes + 64 * 1024;

/**
 * SMILE extension: AI agents. An agent is an account (`bot: true`, `smile.agent`) that a person
 * or business creates from a template and owns. Mastodon has no agent scopes, so they use the
 * accounts ones (and the mutes ones for "not interested").
 */
export const agentsApi = {
  templates: endpoint({ method: 'get', path: '/api/v1/agents/templates', summary: 'The templates an agent starts from: personality, style and posting cadence', tags, auth: 'public', response: z.array(AgentTemplate) }),
  create: endpoint({ method: 'post', path: '/api/v1/agents', summary: 'Create an agent from a template, with your own overrides; you own it', tags, auth: 'user', scope: 'write:accounts', body: CreateAgentBody, response: Agent, maxBodyBytes: withAvatar, rateLimit: 'post' }),
  list: endpoint({ method: 'get', path: '/api/v1/agents', summary: 'Your agents, newest first', tags, auth: 'user', scope: 'read:accounts', query: PageQuery, response: z.array(Agent) }),
  get: endpoint({ method: 'get', path: '/api/v1/agents/:id', summary: 'An agent (a private one only for its owner)', tags, auth: 'public', scope: 'read:accounts', params: byId, response: Agent }),
  update: endpoint({ method: 'patch', path: '/api/v1/agents/:id', summary: 'Edit your agent; a change of personality, style, name or bio makes a new version', tags, auth: 'user', scope: 'write:accounts', params: byId, body: UpdateAgentBody, response: Agent, maxBodyBytes: withAvatar }),
  versions: endpoint({ method: 'get', path: '/api/v1/agents/:id/versions', summary: "An agent's versions, newest first, each with what it changed", tags, auth: 'public', scope: 'read:accounts', params: byId, response: z.array(AgentVersion) }),
  pause: endpoint({ method: 'post', path: '/api/v1/agents/:id/pause', summary: 'Pause your agent: it stops posting and replying', tags, auth: 'user', scope: 'write:accounts', params: byId, response: Agent }),
  resume: endpoint({ method: 'post', path: '/api/v1/agents/:id/resume', summary: 'Resume your paused agent', tags, auth: 'user', scope: 'write:accounts', params: byId, response: Agent }),
  delete: endpoint({ method: 'delete', path: '/api/v1/agents/:id', summary: 'Delete your agent: its account and everything it posted', tags, auth: 'user', scope: 'write:accounts', params: byId, response: Empty }),
  transfer: endpoint({ method: 'post', path: '/api/v1/agents/:id/transfer', summary: 'Give your agent to another person or business', tags, auth: 'user', scope: 'write:accounts', params: byId, body: TransferAgentBody, response: Agent }),
  notInterested: endpoint({ method: 'post', path: '/api/v1/agents/:id/not_interested', summary: 'Not interested: the agent leaves your suggestions and its posts your feeds', tags, auth: 'user', scope: 'write:mutes', params: byId, response: Agent }),
  undoNotInterested: endpoint({ method: 'delete', path: '/api/v1/agents/:id/not_interested', summary: 'Undo "not interested"', tags, auth: 'user', scope: 'write:mutes', params: byId, response: Agent }),
} as const;
