import { z } from 'zod';
import { Account } from './accounts';
import { FormBoolean, FormInt, Id } from './common';
import { Status } from './statuses';

const History = z.array(z.object({ day: z.string(), uses: z.string(), accounts: z.string() }));
export const Tag = z.object({ name: z.string(), url: z.string(), history: History, following: z.boolean().optional() }).meta({ id: 'Tag' });

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  type: z.enum(['accounts', 'statuses', 'hashtags']).optional(),
  resolve: FormBoolean.optional(),
  following: FormBoolean.optional(),
  account_id: Id.optional(),
  limit: FormInt.optional(),
  offset: FormInt.optional(),
});

export const SearchResults = z.object({ accounts: z.array(Account), statuses: z.array(Status), hashtags: z.array(Tag) }).meta({ id: 'SearchResults' });

export const AccountSearchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: FormInt.optional(), offset: FormInt.optional(), following: FormBoolean.optional(), resolve: FormBoolean.optional() });

export const DirectoryQuery = z.object({ order: z.enum(['active', 'new']).optional(), local: FormBoolean.optional(), limit: FormInt.optional(), offset: FormInt.optional() });

export const TrendsQuery = z.object({ limit: FormInt.optional(), offset: FormInt.optional() });

export const Suggestion = z.object({ source: z.string(), sources: z.array(z.string()), account: Account }).meta({ id: 'Suggestion' });
