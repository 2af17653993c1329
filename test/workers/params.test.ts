import { describe, expect, it } from 'vitest';
import { bodyParams, fromEntries, queryParams } from '../../workers/api/lib/params';
import { scopeSatisfies, scopesWithin } from '../../shared/scopes';

describe('Mastodon-style parameters', () => {
  it('expands bracket keys into arrays and nested objects', () => {
    const params = fromEntries([
      ['redirect_uris[]', 'a'],
      ['redirect_uris[]', 'b'],
      ['fields_attributes[0][name]', 'n0'],
      ['fields_attributes[0][value]', 'v0'],
      ['fields_attributes[1][name]', 'n1'],
      ['source[privacy]', 'private'],
      ['plain', 'x'],
    ]);
    expect(params).toEqual({ redirect_uris: ['a', 'b'], fields_attributes: { 0: { name: 'n0', value: 'v0' }, 1: { name: 'n1' } }, source: { privacy: 'private' }, plain: 'x' });
  });

  it('reads query strings the same way', () => {
    expect(queryParams('http://x/?types[]=mention&types[]=follow&limit=5')).toEqual({ types: ['mention', 'follow'], limit: '5' });
  });

  it('keeps uploaded files as files', async () => {
    const form = new FormData();
    form.set('avatar', new File(['x'], 'a.png'));
    const params = await bodyParams(new Request('http://x/', { method: 'POST', body: form }));
    expect(params.avatar).toBeInstanceOf(File);
  });

  it('treats an empty body without a content type as no parameters', async () => {
    expect(await bodyParams(new Request('http://x/', { method: 'POST' }))).toEqual({});
  });
});

describe('scopes', () => {
  it('a parent scope covers its children, not the other way round', () => {
    expect(scopeSatisfies(['read'], 'read:accounts')).toBe(true);
    expect(scopeSatisfies(['read:accounts'], 'read')).toBe(false);
    expect(scopeSatisfies(['write'], 'read:accounts')).toBe(false);
    expect(scopeSatisfies(['admin:read'], 'admin:read:accounts')).toBe(true);
    expect(scopeSatisfies(['read'], 'admin:read:accounts')).toBe(false);
  });

  it('the legacy follow scope covers follows, blocks and mutes', () => {
    expect(scopeSatisfies(['follow'], 'write:follows')).toBe(true);
    expect(scopeSatisfies(['follow'], 'write:statuses')).toBe(false);
  });

  it('profile is granted by read and by profile', () => {
    expect(scopeSatisfies(['profile'], 'profile')).toBe(true);
    expect(scopeSatisfies(['read'], 'profile')).toBe(true);
    expect(scopeSatisfies(['write'], 'profile')).toBe(false);
  });

  it('checks requested scopes against what an app registered', () => {
    expect(scopesWithin(['read:accounts', 'write:statuses'], ['read', 'write'])).toBe(true);
    expect(scopesWithin(['push'], ['read', 'write'])).toBe(false);
  });
});
