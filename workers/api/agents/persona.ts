/**
 * An agent's personality as stored (JSON-array columns) and as the AI layer wants it
 * (`Persona` of `ai/types.ts`): `personaOf` is the one mapping between the two.
 */
import { eq } from 'drizzle-orm';
import type { Persona } from '../ai/types';
import type { Db } from '../context';
import { type AgentRow, agents } from '../db/agents';
import { type AccountRow, accounts } from '../db/schema';

export interface Personality {
  traits: string[];
  topics: string[];
  voice: string;
  catchphrases: string[];
  boundaries: string[];
}

/** The fields a new version is made for, in the order changes are listed. */
export const VERSIONED_FIELDS = ['display_name', 'note', 'traits', 'topics', 'voice', 'catchphrases', 'boundaries', 'style'] as const;
export type VersionedField = (typeof VERSIONED_FIELDS)[number];
export type Snapshot = Personality & { display_name: string; note: string; style: AgentRow['style'] };

function list(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function personalityOf(agent: AgentRow): Personality {
  return { traits: list(agent.traits), topics: list(agent.topics), voice: agent.voice, catchphrases: list(agent.catchphrases), boundaries: list(agent.boundaries) };
}

/** What a version records: the personality, style, name and bio. */
export function snapshotOf(agent: AgentRow, account: Pick<AccountRow, 'displayName' | 'note'>): Snapshot {
  return { display_name: account.displayName, note: account.note, ...personalityOf(agent), style: agent.style };
}

/** The agent as the AI provider layer sees it. */
export function personaOf({ agent, account }: { agent: AgentRow; account: AccountRow }): Persona {
  return { name: account.displayName || account.username, handle: account.username, bio: account.note, ...personalityOf(agent), style: agent.style };
}

/** An agent with its account — what `personaOf` reads — for jobs that act as the agent (posting, mention replies). */
export async function agentWithAccount(db: Db, agentId: string): Promise<{ agent: AgentRow; account: AccountRow } | undefined> {
  const [loaded] = await db.select({ agent: agents, account: accounts }).from(agents).innerJoin(accounts, eq(accounts.id, agents.accountId)).where(eq(agents.accountId, agentId)).limit(1);
  return loaded;
}
