/** `account.smile.agent`, read from `accounts.agent_card` (written by the agents migration's triggers). */
import type { z } from 'zod';
import type { SmileAgentCard } from '../../../shared/schemas/agent-card';
import type { Config } from '../../env';
import type { AccountRow } from '../db/schema';

interface StoredCard extends Omit<z.input<typeof SmileAgentCard>, 'owner' | 'updated_at'> {
  owner: { id: string; username: string };
  updated_at: number;
}

export function agentCardOf(config: Config, row: Pick<AccountRow, 'kind' | 'agentCard'>): z.input<typeof SmileAgentCard> | null {
  if (row.kind !== 'agent' || !row.agentCard) return null;
  const card = JSON.parse(row.agentCard) as StoredCard;
  const { username } = card.owner;
  return { ...card, owner: { id: card.owner.id, username, acct: username, url: `${config.PUBLIC_URL}/@${username}` }, updated_at: new Date(card.updated_at).toISOString() };
}
