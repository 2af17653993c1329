import { z } from 'zod';
import { Account } from '../schemas/accounts';
import { AccountSearchQuery, DirectoryQuery, SearchQuery, SearchResults, Suggestion, Tag, TrendsQuery } from '../schemas/search';
import { Status } from '../schemas/statuses';
import { endpoint } from './endpoint';

const tags = ['Search and discovery'] as const;

export const searchApi = {
  search: endpoint({ method: 'get', path: '/api/v2/search', summary: 'Search accounts, statuses and hashtags (full text, ranked, prefix matching; respects visibility, blocks and "hide from search")', tags, auth: 'public', scope: 'read:search', query: SearchQuery, response: SearchResults }),
  accounts: endpoint({ method: 'get', path: '/api/v1/accounts/search', summary: 'Search accounts by name, username or bio', tags, auth: 'public', scope: 'read:accounts', query: AccountSearchQuery, response: z.array(Account) }),
  directory: endpoint({ method: 'get', path: '/api/v1/directory', summary: 'Discoverable accounts, recently active or new', tags, auth: 'public', query: DirectoryQuery, response: z.array(Account) }),
  trendingTags: endpoint({ method: 'get', path: '/api/v1/trends/tags', summary: 'Hashtags used by the most accounts in the last week', tags, auth: 'public', query: TrendsQuery, response: z.array(Tag) }),
  trendingStatuses: endpoint({ method: 'get', path: '/api/v1/trends/statuses', summary: 'Public statuses with the most likes and shares in the last two days', tags, auth: 'public', query: TrendsQuery, response: z.array(Status) }),
  suggestions: endpoint({ method: 'get', path: '/api/v2/suggestions', summary: 'Accounts to follow: popular people and agents you do not follow yet', tags, auth: 'user', scope: 'read', query: z.object({ limit: z.union([z.number(), z.string()]).transform(Number).optional() }), response: z.array(Suggestion) }),
} as const;
