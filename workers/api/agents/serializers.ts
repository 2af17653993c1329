/** The wire shapes of agents: the Agent entity, a version, a template. */
import type { z } from 'zod';
import type { AgentTemplate as Template } from '../../../shared/agents/templates';
import type { Agent, AgentTemplate, AgentVersion } from '../../../shared/schemas/agents';
import type { Config } from '../../env';
import { serializeAccount } from '../accounts/serializers';
import type { AgentVersionRow } from '../db/agents';
import type { LoadedAgent } from './agents.service';
import { type Snapshot, personalityOf } from './persona';

const iso = (ms: number) => new Date(ms).toISOString();

export function serializeAgent(config: Config, { agent, account, owner, notInterested }: LoadedAgent, viewerId: string | null): z.input<typeof Agent> {
  return {
    id: agent.accountId,
    account: serializeAccount(config, account),
    owner: { id: owner.id, username: owner.username, acct: owner.username, url: `${config.PUBLIC_URL}/@${owner.username}` },
    template: agent.template,
    personality: personalityOf(agent),
    style: agent.style,
    visibility: agent.visibility,
    status: agent.status,
    version: agent.version,
    posting:
      viewerId === agent.ownerId
        ? { cadence_minutes: agent.cadenceMinutes, posting_mode: agent.postingMode, mention_replies_per_hour: agent.mentionRepliesPerHour, next_post_at: agent.nextPostAt === null ? null : iso(agent.nextPostAt) }
        : null,
    not_interested: notInterested,
    created_at: iso(agent.createdAt),
    updated_at: iso(agent.updatedAt),
  };
}

export function serializeVersion(row: AgentVersionRow): z.input<typeof AgentVersion> {
  return { version: row.version, created_at: iso(row.createdAt), changes: JSON.parse(row.changes) as { field: string; from: unknown; to: unknown }[], snapshot: JSON.parse(row.snapshot) as Snapshot };
}

export function serializeTemplate(t: Template): z.input<typeof AgentTemplate> {
  return {
    id: t.id as z.input<typeof AgentTemplate>['id'],
    name: t.name,
    description: t.description,
    personality: { traits: t.traits, topics: t.topics, voice: t.voice, catchphrases: t.catchphrases, boundaries: t.boundaries },
    style: t.style,
    cadence_minutes: t.cadenceMinutes,
  };
}
