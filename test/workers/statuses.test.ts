import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, json, postStatus, relate, scopedToken, signUp } from './helpers';

describe('posting', () => {
  it('renders safe HTML with mentions, hashtags and links, and counts the post on the profile', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const status = await postStatus(alice, `Hi @${bob.username} and @ghost_nobody! <script>x</script> #Cats & https://example.com/a?b=1 #cats`, { language: 'en' });
    expect(status.content).toContain(`<a href="http://127.0.0.1:8787/@${bob.username}" class="u-url mention">@<span>${bob.username}</span></a>`);
    expect(status.content).toContain('@ghost_nobody');
    expect(status.content).not.toContain('<script>');
    expect(status.content).toContain('&lt;script&gt;');
    expect(status.content).toContain('<a href="https://example.com/a?b=1" target="_blank" rel="nofollow noopener noreferrer">example.com/a?b=1</a>');
    expect(status.content).toContain('class="mention hashtag" rel="tag">#<span>Cats</span></a>');
    expect(status.mentions).toEqual([expect.objectContaining({ id: bob.id, username: bob.username })]);
    expect(status.tags).toEqual([{ name: 'cats', url: 'http://127.0.0.1:8787/tags/cats' }]);
    expect(status).toMatchObject({ visibility: 'public', language: 'en', favourited: false, reblog: null, account: { id: alice.id }, smile: { ai_generated: false } });
    expect((await json(await call(`/api/v1/accounts/${alice.id}`))).statuses_count).toBe(1);
  });

  it('counts a URL as 23 characters and refuses more than 500', async () => {
    const user = await signUp();
    await postStatus(user, `${'a'.repeat(470)} https://example.com/${'x'.repeat(300)}`);
    const res = await call('/api/v1/statuses', { token: user.token, json: { status: 'a'.repeat(501) } });
    expect(res.status).toBe(422);
    expect((await json(res)).details.status[0].error).toBe('ERR_TOO_LONG');
    const blank = await call('/api/v1/statuses', { token: user.token, json: { status: '   ' } });
    expect(blank.status).toBe(422);
    const badVisibility = await call('/api/v1/statuses', { token: user.token, json: { status: 'x', visibility: 'friends' } });
    expect(badVisibility.status).toBe(422);
  });

  it('creates one status for a retried request with the same Idempotency-Key', async () => {
    const user = await signUp();
    const first = await postStatus(user, 'only once', {}, { 'idempotency-key': 'key-1' });
    const again = await postStatus(user, 'only once', {}, { 'idempotency-key': 'key-1' });
    const other = await postStatus(user, 'only once', {}, { 'idempotency-key': 'key-2' });
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect((await json(await call(`/api/v1/accounts/${user.id}`))).statuses_count).toBe(2);
    // The key belongs to its account: another account's same key is a new status.
    const stranger = await signUp();
    expect((await postStatus(stranger, 'only once', {}, { 'idempotency-key': 'key-1' })).id).not.toBe(first.id);
  });

  it('threads replies and counts them; a reply to an unknown status is refused', async () => {
    const user = await signUp();
    const root = await postStatus(user, 'root');
    const reply = await postStatus(user, 'reply', { in_reply_to_id: root.id });
    expect(reply).toMatchObject({ in_reply_to_id: root.id, in_reply_to_account_id: user.id });
    expect((await json(await call(`/api/v1/statuses/${root.id}`))).replies_count).toBe(1);
    const bad = await call('/api/v1/statuses', { token: user.token, json: { status: 'x', in_reply_to_id: '123456789012345678' } });
    expect(bad.status).toBe(422);
  });

  it('needs a user token with write:statuses', async () => {
    const user = await signUp();
    expect((await call('/api/v1/statuses', { json: { status: 'x' } })).status).toBe(401);
    const readOnly = await scopedToken(user, 'read');
    expect((await call('/api/v1/statuses', { token: readOnly, json: { status: 'x' } })).status).toBe(403);
  });
});

describe('who can see a status', () => {
  it('followers-only statuses are visible to the author, followers and mentioned accounts only', async () => {
    const author = await signUp();
    const follower = await signUp();
    const mentioned = await signUp();
    const stranger = await signUp();
    await relate('follows', follower.id, author.id);
    const status = await postStatus(author, `for friends and @${mentioned.username}`, { visibility: 'private' });
    for (const [who, expected] of [[author, 200], [follower, 200], [mentioned, 200], [stranger, 404]] as const) {
      expect((await call(`/api/v1/statuses/${status.id}`, { token: who.token })).status).toBe(expected);
    }
    expect((await call(`/api/v1/statuses/${status.id}`)).status).toBe(404);
  });

  it('direct statuses are visible to mentioned accounts only, and a block hides everything', async () => {
    const author = await signUp();
    const friend = await signUp();
    const follower = await signUp();
    await relate('follows', follower.id, author.id);
    const dm = await postStatus(author, `@${friend.username} psst`, { visibility: 'direct' });
    expect((await call(`/api/v1/statuses/${dm.id}`, { token: friend.token })).status).toBe(200);
    expect((await call(`/api/v1/statuses/${dm.id}`, { token: follower.token })).status).toBe(404);
    const open = await postStatus(author, 'hello world');
    await relate('blocks', author.id, follower.id);
    expect((await call(`/api/v1/statuses/${open.id}`, { token: follower.token })).status).toBe(404);
    expect((await call(`/api/v1/statuses/${open.id}/favourite`, { method: 'POST', token: follower.token })).status).toBe(404);
  });
});

describe('editing and deleting', () => {
  it('edits keep a history and the source', async () => {
    const user = await signUp();
    const status = await postStatus(user, 'first #draft');
    const res = await call(`/api/v1/statuses/${status.id}`, { method: 'PUT', token: user.token, json: { status: 'second #final', spoiler_text: 'cw' } });
    expect(res.status).toBe(200);
    const edited = await json(res);
    expect(edited.edited_at).not.toBeNull();
    expect(edited).toMatchObject({ spoiler_text: 'cw', tags: [{ name: 'final' }] });
    const history = await json<Array<{ content: string }>>(await call(`/api/v1/statuses/${status.id}/history`));
    expect(history.map((h) => h.content)).toEqual([status.content, edited.content]);
    expect(await json(await call(`/api/v1/statuses/${status.id}/source`, { token: user.token }))).toEqual({ id: status.id, text: 'second #final', spoiler_text: 'cw' });
  });

  it("another account's status cannot be edited, deleted or read as source", async () => {
    const owner = await signUp();
    const other = await signUp();
    const status = await postStatus(owner, 'mine');
    expect((await call(`/api/v1/statuses/${status.id}`, { method: 'PUT', token: other.token, json: { status: 'yours now' } })).status).toBe(404);
    expect((await call(`/api/v1/statuses/${status.id}`, { method: 'DELETE', token: other.token })).status).toBe(404);
    expect((await call(`/api/v1/statuses/${status.id}/source`, { token: other.token })).status).toBe(404);
    expect((await json(await call(`/api/v1/statuses/${status.id}`))).content).toBe('<p>mine</p>');
  });

  it('deleting returns the text for redrafting and removes the status, its reblogs and favourites', async () => {
    const author = await signUp();
    const fan = await signUp();
    const root = await postStatus(author, 'root');
    const reply = await postStatus(author, 'to be deleted', { in_reply_to_id: root.id });
    await call(`/api/v1/statuses/${reply.id}/favourite`, { method: 'POST', token: fan.token });
    const boost = await json(await call(`/api/v1/statuses/${reply.id}/reblog`, { method: 'POST', token: fan.token }));
    const res = await call(`/api/v1/statuses/${reply.id}`, { method: 'DELETE', token: author.token });
    expect(res.status).toBe(200);
    expect((await json(res)).text).toBe('to be deleted');
    expect((await call(`/api/v1/statuses/${reply.id}`)).status).toBe(404);
    expect((await call(`/api/v1/statuses/${boost.id}`)).status).toBe(404);
    expect((await json(await call(`/api/v1/statuses/${root.id}`))).replies_count).toBe(0);
    expect((await json(await call(`/api/v1/accounts/${author.id}`))).statuses_count).toBe(1);
    const left = await env.DB.prepare('SELECT count(*) AS n FROM favourites WHERE status_id = ?').bind(reply.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});

describe('threads', () => {
  it('context lists ancestors and descendants the viewer may see', async () => {
    const a = await signUp();
    const b = await signUp();
    const root = await postStatus(a, 'root');
    const r1 = await postStatus(b, 'r1', { in_reply_to_id: root.id });
    const r2 = await postStatus(a, 'r2', { in_reply_to_id: r1.id });
    const hidden = await postStatus(a, 'followers only', { in_reply_to_id: r1.id, visibility: 'private' });
    const ctx = await json(await call(`/api/v1/statuses/${r1.id}/context`));
    expect(ctx.ancestors.map((s: { id: string }) => s.id)).toEqual([root.id]);
    expect(ctx.descendants.map((s: { id: string }) => s.id)).toEqual([r2.id]);
    const own = await json(await call(`/api/v1/statuses/${r1.id}/context`, { token: a.token }));
    expect(own.descendants.map((s: { id: string }) => s.id)).toEqual([r2.id, hidden.id]);
    const fromLeaf = await json(await call(`/api/v1/statuses/${r2.id}/context`));
    expect(fromLeaf.ancestors.map((s: { id: string }) => s.id)).toEqual([root.id, r1.id]);
  });
});
