import { describe, expect, it } from 'vitest';
import { PNG_1X1, type TestUser, call, json, postStatus, signUp } from './helpers';

async function upload(user: TestUser, description = 'a dot'): Promise<string> {
  const form = new FormData();
  form.set('file', new File([PNG_1X1], 'dot.png'));
  form.set('description', description);
  const res = await call('/api/v2/media', { token: user.token, multipart: form });
  expect(res.status).toBe(200);
  return (await json(res)).id;
}

describe('statuses with media', () => {
  it('attaches uploads in order, with or without text, and shows them in the status', async () => {
    const user = await signUp();
    const [a, b] = [await upload(user, 'first'), await upload(user, 'second')];
    const status = await postStatus(user, '', { media_ids: [b, a] });
    expect(status.media_attachments.map((m: { id: string; description: string }) => [m.id, m.description])).toEqual([[b, 'second'], [a, 'first']]);
    expect(status.media_attachments[0].url).toMatch(/\/media\//);
    const onlyMedia = await json<Array<{ id: string }>>(await call(`/api/v1/accounts/${user.id}/statuses?only_media=true`));
    expect(onlyMedia.map((s) => s.id)).toEqual([status.id]);
  });

  it("refuses another account's media, media already used, more than four, and media with a poll", async () => {
    const user = await signUp();
    const other = await signUp();
    const theirs = await upload(other);
    expect((await call('/api/v1/statuses', { token: user.token, json: { status: 'x', media_ids: [theirs] } })).status).toBe(422);
    const mine = await upload(user);
    await postStatus(user, 'first use', { media_ids: [mine] });
    expect((await call('/api/v1/statuses', { token: user.token, json: { status: 'again', media_ids: [mine] } })).status).toBe(422);
    const five = [];
    for (let i = 0; i < 5; i++) five.push(await upload(user));
    expect((await call('/api/v1/statuses', { token: user.token, json: { status: 'x', media_ids: five } })).status).toBe(422);
    const withPoll = await call('/api/v1/statuses', { token: user.token, json: { status: 'x', media_ids: [five[0]], poll: { options: ['a', 'b'], expires_in: 600 } } });
    expect(withPoll.status).toBe(422);
    expect((await json(withPoll)).details).toHaveProperty('poll');
    // Nothing was posted by the refused requests: the media are still free to use.
    expect((await postStatus(user, 'now', { media_ids: five.slice(0, 4) })).media_attachments).toHaveLength(4);
  });

  it('delete and redraft reuses the same media; an edit can drop media', async () => {
    const user = await signUp();
    const [a, b] = [await upload(user), await upload(user)];
    const status = await postStatus(user, 'draft', { media_ids: [a, b] });
    const deleted = await json(await call(`/api/v1/statuses/${status.id}`, { method: 'DELETE', token: user.token }));
    const redraft = await postStatus(user, deleted.text, { media_ids: [a, b] });
    expect(redraft.media_attachments).toHaveLength(2);
    const edited = await json(await call(`/api/v1/statuses/${redraft.id}`, { method: 'PUT', token: user.token, json: { status: 'only one', media_ids: [b] } }));
    expect(edited.media_attachments.map((m: { id: string }) => m.id)).toEqual([b]);
  });
});
