/**
 * The social core through a real Mastodon client library: follow, post with media and with a
 * poll, favourite / reblog / bookmark, vote, notifications, thread context, hashtag timeline,
 * direct-message conversations, and paging through more than 25 statuses with masto's
 * Link-header paginator.
 */
import { describe, expect, it } from 'vitest';
import { PNG_1X1, newClient as newClientAt } from './masto-client';
import { sharedServer } from './server';

const server = sharedServer();

const newClient = (username: string) => newClientAt(server.url, username);

describe('the social core through masto', () => {
  it('follows, posts with media and a poll, interacts, votes and notifies', async () => {
    const alice = await newClient('masto_alice');
    const bob = await newClient('masto_bob');

    const relationship = await bob.client.v1.accounts.$select(alice.account.id).follow();
    expect(relationship.following).toBe(true);

    const media = await alice.client.v2.media.create({ file: new Blob([PNG_1X1], { type: 'image/png' }), description: 'a single pixel' });
    expect(media.type).toBe('image');
    const photo = await alice.client.v1.statuses.create({ status: 'A pixel for #MastoTest', mediaIds: [media.id], visibility: 'public' });
    expect(photo.mediaAttachments.map((m) => m.description)).toEqual(['a single pixel']);
    const question = await alice.client.v1.statuses.create({ status: 'Tea or coffee?', poll: { options: ['Tea', 'Coffee'], expiresIn: 3600 } });
    expect(question.poll?.options.map((o) => o.title)).toEqual(['Tea', 'Coffee']);

    const home = await bob.client.v1.timelines.home.list({ limit: 10 });
    expect(home.map((s) => s.id)).toEqual([question.id, photo.id]);

    expect((await bob.client.v1.statuses.$select(photo.id).favourite()).favouritesCount).toBe(1);
    const boost = await bob.client.v1.statuses.$select(photo.id).reblog();
    expect(boost.reblog?.id).toBe(photo.id);
    expect((await bob.client.v1.statuses.$select(photo.id).bookmark()).bookmarked).toBe(true);
    expect((await bob.client.v1.bookmarks.list()).map((s) => s.id)).toEqual([photo.id]);

    const voted = await bob.client.v1.polls.$select(question.poll!.id).votes.create({ choices: [1] });
    expect(voted.options.map((o) => o.votesCount)).toEqual([0, 1]);
    await expect(bob.client.v1.polls.$select(question.poll!.id).votes.create({ choices: [0] })).rejects.toMatchObject({ statusCode: 422 });

    const reply = await bob.client.v1.statuses.create({ status: `@masto_alice lovely pixel`, inReplyToId: photo.id });
    const context = await alice.client.v1.statuses.$select(photo.id).context.fetch();
    expect(context.descendants.map((s) => s.id)).toEqual([reply.id]);

    const notifications = await alice.client.v1.notifications.list();
    expect(notifications.map((n) => n.type).sort()).toEqual(['favourite', 'follow', 'mention', 'reblog']);

    const tagged = await bob.client.v1.timelines.tag.$select('mastotest').list();
    expect(tagged.map((s) => s.id)).toEqual([photo.id]);
  });

  it('keeps a direct-message thread as one conversation, read and removed through masto', async () => {
    const carol = await newClient('masto_carol');
    const dave = await newClient('masto_dave');
    const opener = await carol.client.v1.statuses.create({ status: '@masto_dave a word in private?', visibility: 'direct' });
    const answer = await dave.client.v1.statuses.create({ status: '@masto_carol of course', visibility: 'direct', inReplyToId: opener.id });

    const [thread, ...others] = await carol.client.v1.conversations.list();
    expect(others).toEqual([]);
    expect(thread).toMatchObject({ unread: true, accounts: [{ id: dave.account.id }], lastStatus: { id: answer.id, visibility: 'direct' } });
    expect((await carol.client.v1.conversations.$select(thread!.id).read()).unread).toBe(false);
    expect((await dave.client.v1.conversations.list()).map((c) => [c.unread, c.lastStatus?.id])).toEqual([[false, answer.id]]);

    await carol.client.v1.conversations.$select(thread!.id).remove();
    expect(await carol.client.v1.conversations.list()).toEqual([]);
  });

  it('pages through 27 statuses with the Link-header paginator, without gaps or repeats', async () => {
    const { client, account } = await newClient('masto_pager');
    const posted: string[] = [];
    for (let i = 0; i < 27; i++) posted.push((await client.v1.statuses.create({ status: `status number ${i}` })).id);
    const seen: string[] = [];
    for await (const page of client.v1.accounts.$select(account.id).statuses.list({ limit: 10 })) {
      seen.push(...page.map((s) => s.id));
      if (page.length === 0) break;
    }
    expect(seen).toEqual([...posted].reverse());
  });
});
