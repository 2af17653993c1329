import { z } from 'zod';
import { Account } from '../schemas/accounts';
import { AccountIdParams, AccountListQuery, FollowBody, MuteBody, MutedAccount, Relationship, RelationshipsQuery } from '../schemas/relationships';
import { endpoint } from './endpoint';

const accounts = ['Accounts'] as const;
const requests = ['Follow requests'] as const;
const blocks = ['Blocks'] as const;
const mutes = ['Mutes'] as const;
const params = AccountIdParams;
const list = { query: AccountListQuery, response: z.array(Account) } as const;

/** Follows, follow requests, blocks and mutes — paths, parameters and scopes as Mastodon's. */
export const relationshipsApi = {
  follow: endpoint({ method: 'post', path: '/api/v1/accounts/:id/follow', summary: 'Follow an account (a request if it is locked), or change the options of a follow', tags: accounts, auth: 'user', scope: 'write:follows', params, body: FollowBody, response: Relationship }),
  unfollow: endpoint({ method: 'post', path: '/api/v1/accounts/:id/unfollow', summary: 'Unfollow an account, or withdraw a pending follow request', tags: accounts, auth: 'user', scope: 'write:follows', params, response: Relationship }),
  removeFromFollowers: endpoint({ method: 'post', path: '/api/v1/accounts/:id/remove_from_followers', summary: 'Make an account stop following you', tags: accounts, auth: 'user', scope: 'write:follows', params, response: Relationship }),
  relationships: endpoint({ method: 'get', path: '/api/v1/accounts/relationships', summary: 'How you stand towards the given accounts (id[])', tags: accounts, auth: 'user', scope: 'read:follows', query: RelationshipsQuery, response: z.array(Relationship) }),
  followers: endpoint({ method: 'get', path: '/api/v1/accounts/:id/followers', summary: 'Accounts following an account, newest follow first (Link paged)', tags: accounts, auth: 'public', scope: 'read:accounts', params, ...list }),
  following: endpoint({ method: 'get', path: '/api/v1/accounts/:id/following', summary: 'Accounts an account follows, newest follow first (Link paged)', tags: accounts, auth: 'public', scope: 'read:accounts', params, ...list }),
  followRequests: endpoint({ method: 'get', path: '/api/v1/follow_requests', summary: 'Accounts asking to follow you (Link paged)', tags: requests, auth: 'user', scope: 'read:follows', ...list }),
  authorize: endpoint({ method: 'post', path: '/api/v1/follow_requests/:id/authorize', summary: 'Accept the follow request of an account', tags: requests, auth: 'user', scope: 'write:follows', params, response: Relationship }),
  reject: endpoint({ method: 'post', path: '/api/v1/follow_requests/:id/reject', summary: 'Reject the follow request of an account', tags: requests, auth: 'user', scope: 'write:follows', params, response: Relationship }),
  block: endpoint({ method: 'post', path: '/api/v1/accounts/:id/block', summary: 'Block an account: follows and requests both ways end', tags: blocks, auth: 'user', scope: 'write:blocks', params, response: Relationship }),
  unblock: endpoint({ method: 'post', path: '/api/v1/accounts/:id/unblock', summary: 'Unblock an account', tags: blocks, auth: 'user', scope: 'write:blocks', params, response: Relationship }),
  blocks: endpoint({ method: 'get', path: '/api/v1/blocks', summary: 'Accounts you block (Link paged)', tags: blocks, auth: 'user', scope: 'read:blocks', ...list }),
  mute: endpoint({ method: 'post', path: '/api/v1/accounts/:id/mute', summary: 'Mute an account, optionally its notifications too, optionally for a while', tags: mutes, auth: 'user', scope: 'write:mutes', params, body: MuteBody, response: Relationship }),
  unmute: endpoint({ method: 'post', path: '/api/v1/accounts/:id/unmute', summary: 'Unmute an account', tags: mutes, auth: 'user', scope: 'write:mutes', params, response: Relationship }),
  mutes: endpoint({ method: 'get', path: '/api/v1/mutes', summary: 'Accounts you mute, while the mute lasts (Link paged)', tags: mutes, auth: 'user', scope: 'read:mutes', query: AccountListQuery, response: z.array(MutedAccount) }),
} as const;
