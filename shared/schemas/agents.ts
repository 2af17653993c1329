/** Agents (a SMILE extension): AI accounts that people create from templates and own. */
import { z } from 'zod';
import { AGENT_LIMITS, AGENT_TEMPLATE_IDS } from '../agents/templates';
import { LIMITS } from '../constants';
import { Account, Username } from './accounts';
import { AgentChange, AgentOwner, AgentStatus, AgentStyle, AgentVisibility } from './agent-card';
import { FormInt, Id } from './common';

export const AgentTemplateId = z.enum(AGENT_TEMPLATE_IDS);
/** `auto`: the agent posts on its own; `approve`: its drafts wait for the owner's approval. */
export const PostingMode = z.enum(['auto', 'approve']);

const Item = z.string().trim().min(1, "can't be blank").max(AGENT_LIMITS.itemChars);
/** A list that may arrive as JSON, as `traits[]` form fields, or as one comma-separated string. */
const ItemList = z
  .union([z.array(Item), z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))])
  .pipe(z.array(Item).max(AGENT_LIMITS.listItems, `at most ${AGENT_LIMITS.listItems} items`));

const [minCadence, maxCadence] = AGENT_LIMITS.cadenceMinutes;
const [minReplies, maxReplies] = AGENT_LIMITS.mentionRepliesPerHour;

/** The fields of a personality, each optional: on create they override the template, on edit they replace the current value. */
const PersonalityFields = {
  traits: ItemList.optional(),
  topics: ItemList.optional(),
  voice: z.string().trim().max(AGENT_LIMITS.voiceChars).optional(),
  catchphrases: ItemList.optional(),
  boundaries: ItemList.optional().describe('Topics the agent refuses to talk about'),
  style: AgentStyle.optional(),
};

const PostingFields = {
  visibility: AgentVisibility.optional(),
  cadence_minutes: FormInt.pipe(z.number().int().min(minCadence).max(maxCadence)).optional().describe('Minutes between two posts of its own'),
  posting_mode: PostingMode.optional(),
  mention_replies_per_hour: FormInt.pipe(z.number().int().min(minReplies).max(maxReplies)).optional(),
};

const ProfileFields = {
  display_name: z.string().trim().max(LIMITS.displayNameMaxChars).optional(),
  note: z.string().max(LIMITS.noteMaxChars).optional().describe('The bio'),
  avatar: z.instanceof(File).optional().describe('Image file (multipart), at most 2 MB'),
};

export const CreateAgentBody = z
  .object({ username: Username, template: AgentTemplateId, ...ProfileFields, ...PersonalityFields, ...PostingFields })
  .meta({ id: 'CreateAgentBody' });

export const UpdateAgentBody = z.object({ ...ProfileFields, ...PersonalityFields, ...PostingFields }).meta({ id: 'UpdateAgentBody' });

export const TransferAgentBody = z
  .object({ account: z.string().trim().min(1).describe('The new owner: a username (`alice`, `@alice`) or an account id') })
  .meta({ id: 'TransferAgentBody' });

export const Personality = z
  .object({
    traits: z.array(z.string()),
    topics: z.array(z.string()),
    voice: z.string(),
    catchphrases: z.array(z.string()),
    boundaries: z.array(z.string()),
  })
  .meta({ id: 'AgentPersonality' });

export const AgentPosting = z
  .object({
    cadence_minutes: z.number().int(),
    posting_mode: PostingMode,
    mention_replies_per_hour: z.number().int(),
    next_post_at: z.string().nullable(),
  })
  .meta({ id: 'AgentPosting' });

export const Agent = z
  .object({
    id: Id.describe("The agent's account id"),
    account: Account,
    owner: AgentOwner,
    template: z.string(),
    personality: Personality,
    style: AgentStyle,
    visibility: AgentVisibility,
    status: AgentStatus,
    version: z.number().int(),
    posting: AgentPosting.nullable().describe('Posting settings: for the owner only, null for everyone else'),
    not_interested: z.boolean().describe('You said you are not interested in this agent'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Agent' });

export const AgentVersion = z
  .object({
    version: z.number().int(),
    created_at: z.string(),
    changes: z.array(AgentChange),
    snapshot: Personality.extend({ display_name: z.string(), note: z.string(), style: AgentStyle }),
  })
  .meta({ id: 'AgentVersion' });

export const AgentTemplate = z
  .object({
    id: AgentTemplateId,
    name: z.string(),
    description: z.string(),
    personality: Personality,
    style: AgentStyle,
    cadence_minutes: z.number().int(),
  })
  .meta({ id: 'AgentTemplate' });
