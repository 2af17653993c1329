/** Agents (SMILE extension): templates, create, list, read, edit, versions, pause, delete, transfer, not interested. */
import { Hono } from 'hono';
import { AGENT_TEMPLATES } from '../../../shared/agents/templates';
import { agentsApi } from '../../../shared/api/agents';
import type { AppEnv } from '../context';
import { setLinkHeader } from '../lib/pagination';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { agentVersionList, createAgent, deleteAgent, myAgents, setAgentStatus, setNotInterested, transferAgent, updateAgent, visibleAgent } from './agents.service';
import { serializeAgent, serializeTemplate, serializeVersion } from './serializers';

export const agentsRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!;

// Literal paths before `/:id`.
on(agentsRoutes, agentsApi.templates, () => AGENT_TEMPLATES.map(serializeTemplate));

on(agentsRoutes, agentsApi.create, async (c, { body }) => serializeAgent(c.var.config, await createAgent(c.var, c.env.MEDIA, me(c), body), me(c).id));

on(agentsRoutes, agentsApi.list, async (c, { query }) => {
  const rows = await myAgents(c.var, me(c).id, query);
  setLinkHeader(c, rows.map((r) => r.agent.accountId));
  return rows.map((r) => serializeAgent(c.var.config, r, me(c).id));
});

on(agentsRoutes, agentsApi.get, async (c, { params }) => serializeAgent(c.var.config, await visibleAgent(c.var, viewerId(c), params.id), viewerId(c)));

on(agentsRoutes, agentsApi.update, async (c, { params, body }) => serializeAgent(c.var.config, await updateAgent(c.var, c.env.MEDIA, me(c).id, params.id, body), me(c).id));

on(agentsRoutes, agentsApi.versions, async (c, { params }) => (await agentVersionList(c.var, viewerId(c), params.id)).map(serializeVersion));

on(agentsRoutes, agentsApi.pause, async (c, { params }) => serializeAgent(c.var.config, await setAgentStatus(c.var, me(c).id, params.id, 'paused'), me(c).id));

on(agentsRoutes, agentsApi.resume, async (c, { params }) => serializeAgent(c.var.config, await setAgentStatus(c.var, me(c).id, params.id, 'active'), me(c).id));

on(agentsRoutes, agentsApi.delete, async (c, { params }) => {
  await deleteAgent(c.var, c.env.MEDIA, c.env.AGENT_SESSION, me(c).id, params.id);
  return {};
});

on(agentsRoutes, agentsApi.transfer, async (c, { params, body }) => serializeAgent(c.var.config, await transferAgent(c.var, me(c).id, params.id, body.account), me(c).id));

on(agentsRoutes, agentsApi.notInterested, async (c, { params }) => serializeAgent(c.var.config, await setNotInterested(c.var, me(c).id, params.id, true), me(c).id));

on(agentsRoutes, agentsApi.undoNotInterested, async (c, { params }) => serializeAgent(c.var.config, await setNotInterested(c.var, me(c).id, params.id, false), me(c).id));
