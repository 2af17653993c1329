/**
 * The owner authorization matrix (issue 7 §5), accounts, follows and statuses part, and the registry's completeness:
 * every contract in `allEndpoints` is classified in test/workers/authorization-registry.ts, so a
 * new endpoint fails here until it has an entry. authorization.test.ts covers tokens, scopes and
 * roles for every contract; this suite covers objects and their owners.
 */
import { describe, expect, it } from 'vitest';
import { allEndpoints } from '../../shared/api';
import { hit, keyOf } from './authorization-matrix';
import { registry } from './authorization-registry';
import { statusesRegistry } from './authorization-registry.social';
import { matrixSuite } from './authorization-suite';
import { call, postStatus, signUp, unique } from './helpers';

describe('authorization registry', () => {
  it('classifies every contract, and nothing that is no contract', () => {
    const keys = allEndpoints.map(keyOf);
    expect(keys.filter((k) => !(k in registry)), 'contracts missing from the registry').toEqual([]);
    expect(Object.keys(registry).filter((k) => !keys.includes(k)), 'stale registry keys').toEqual([]);
  });
});

matrixSuite('accounts, follows and statuses', statusesRegistry, (world, blocked) => {
  it('hides the content of people who blocked the caller, or whom the caller blocked, in timelines, threads, search and notifications', async () => {
    const w = world();
    const [blocker, blockee] = await Promise.all([signUp(), signUp()]);
    const tag = unique('blocktag');
    const thread = await postStatus(w.owner, `thread ${unique('text')} #${tag}`);
    const mine = await postStatus(w.other, `mine ${unique('text')}`);
    for (const [u, word] of [[blocker, 'blocker'], [blockee, 'blockee']] as const) {
      await call(`/api/v1/accounts/${w.other.id}/follow`, { token: u.token, json: {} });
      await call(`/api/v1/accounts/${u.id}/follow`, { token: w.other.token, json: {} });
      for (const extra of [{}, { in_reply_to_id: thread.id }]) {
        const text = `${word} ${unique('say')} #${tag} @${w.other.username}`;
        blocked.add(text.split(' ')[1]!);
        await postStatus(u, text, extra);
      }
      await call(`/api/v1/statuses/${mine.id}/favourite`, { method: 'POST', token: u.token });
      await call(`/api/v1/statuses/${mine.id}/reblog`, { method: 'POST', token: u.token, json: {} });
    }
    blocked.add(blocker.username).add(blockee.username);
    await call(`/api/v1/accounts/${w.other.id}/block`, { token: blocker.token, json: {} });
    await call(`/api/v1/accounts/${blockee.id}/block`, { token: w.other.token, json: {} });
    const reads: Array<[string, Record<string, string>, string?]> = [
      ['get /api/v1/timelines/home', {}],
      ['get /api/v1/timelines/public', {}],
      ['get /api/v1/timelines/tag/:hashtag', { hashtag: tag }],
      ['get /api/v1/statuses/:id/context', { id: thread.id }],
      ['get /api/v1/statuses/:id/favourited_by', { id: mine.id }],
      ['get /api/v1/statuses/:id/reblogged_by', { id: mine.id }],
      ['get /api/v1/notifications', {}],
      ['get /api/v1/conversations', {}],
      ['get /api/v2/search', {}, `q=${tag}&resolve=false`],
      ['get /api/v2/search', {}, `q=${[...blocked][0]}`],
      ['get /api/v1/accounts/search', {}, `q=${blocker.username}`],
      ['get /api/v1/accounts/search', {}, `q=${blockee.username}`],
    ];
    for (const [key, params, query] of reads) {
      const res = await hit(w, key, 'other', { params, query }, undefined);
      expect(res.status, key).toBe(200);
    }
  });
});
