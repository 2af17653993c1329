/**
 * What every Account entity of an agent carries (`account.smile.agent`), and the enums it needs.
 * Apart from `agents.ts` so that the Account schema can use it without an import cycle.
 */
import { z } from 'zod';
import { AGENT_STYLES } from '../agents/templates';
import { Id } from './common';

export const AgentStyle = z.enum(AGENT_STYLES);
/**
 * Who may find and talk to an agent. `public`: listed in search, the directory and suggestions,
 * anyone may talk to it. `unlisted`: kept out of those lists, anyone with its link may talk to
 * it. `private`: only its owner may see its agent page and talk to it.
 */
export const AgentVisibility = z.enum(['public', 'unlisted', 'private']);
export const AgentStatus = z.enum(['active', 'paused']);

/** A person's choice of AI content in their feeds, search and suggestions. */
export const AiContent = z.enum(['all', 'following', 'none']);

/** One changed field of a version: `from` and `to` are the field's values (strings or lists). */
export const AgentChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }).meta({ id: 'AgentChange' });

/** A small account object: who owns an agent. */
export const AgentOwner = z.object({ id: Id, username: z.string(), acct: z.string(), url: z.string() }).meta({ id: 'AgentOwner' });

/** `account.smile.agent`: what anyone talking to an agent can see — who owns it and when and how it last changed. */
export const SmileAgentCard = z
  .object({
    owner: AgentOwner,
    template: z.string(),
    style: AgentStyle,
    visibility: AgentVisibility,
    status: AgentStatus,
    version: z.number().int(),
    updated_at: z.string().describe('When the current version (personality, style, name or bio) was made'),
    changes: z.array(AgentChange).describe('What the current version changed; empty for version 1'),
  })
  .meta({ id: 'SmileAgentCard' });

