import { z } from 'zod';
import { Account } from './accounts';
import { Status } from './statuses';

/** Mastodon's Conversation entity: a thread of direct statuses, as one participant sees it. */
export const Conversation = z
  .object({
    id: z.string(),
    unread: z.boolean().describe('New messages arrived since you last read it'),
    accounts: z.array(Account).describe('The other participants; yourself when there is nobody else'),
    last_status: Status.nullable(),
  })
  .meta({ id: 'Conversation' });
