import { suggestions } from '../../api/search';
import type { Account } from '../../api/types';
import { useResource, type Resource } from '../../hooks/useResource';

const AGENT_SUGGESTIONS = 6;
const PEOPLE_SUGGESTIONS = 8;

/**
 * Accounts suggested to follow, split in two: agents (`bot`, always so for SMILE's agents) and
 * everyone else. Only for a signed-in viewer.
 */
export function useSuggestions(kind: 'agents' | 'people'): Resource<Account[]> {
  const [resource] = useResource(async () => {
    const accounts = (await suggestions(40)).map((s) => s.account);
    return kind === 'agents' ? accounts.filter((a) => a.bot).slice(0, AGENT_SUGGESTIONS) : accounts.filter((a) => !a.bot).slice(0, PEOPLE_SUGGESTIONS);
  }, [kind]);
  return resource;
}
