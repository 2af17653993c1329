/** Follows, follow requests, blocks and mutes (Mastodon's paths). Thin: parse, call a service, serialize. */
import { type Context, Hono } from 'hono';
import { relationshipsApi as api } from '../../../shared/api/relationships';
import { getAccount } from '../accounts/accounts.service';
import { serializeAccount } from '../accounts/serializers';
import { followEvent } from '../analytics/events';
import { track } from '../analytics/track';
import type { AppEnv } from '../context';
import type { AccountRow } from '../db/schema';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { block, mute, unblock, unmute } from './blocks.service';
import { announce, notificationMessage } from '../streaming/announce';
import { authorizeRequest, follow, rejectRequest, removeFromFollowers, unfollow } from './follows.service';
import { type Listed, blockedAccounts, followList, mutedAccounts, pendingRequests } from './lists.service';
import { existingIds, relationships } from './relationships.service';
import { serializeRelationship } from './serializers';

export const relationshipsRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const me = (c: C) => c.var.caller!.account!;

/** The caller's Relationship to `id`, after a change. */
async function relationshipTo(c: C, id: string) {
  const [state] = await relationships(c.var.db, me(c).id, [id]);
  return serializeRelationship(state!);
}

/** A handler that runs `run` on an existing account (404 otherwise) and answers with the new relationship. */
function change(run: (c: C, target: AccountRow) => Promise<void>) {
  return async (c: C, { params }: { params: { id: string } }) => {
    const target = await getAccount(c.var, params.id);
    await run(c, target);
    return relationshipTo(c, target.id);
  };
}

function accountPage(c: C, items: Listed[]) {
  setLinkHeader(c, items.map((i) => i.cursor));
  return items.map((i) => serializeAccount(c.var.config, i.account));
}

// app.ts mounts this router before the accounts routes, so this path is not taken for `/accounts/:id`.
on(relationshipsRoutes, api.relationships, async (c, { query }) => {
  const states = await relationships(c.var.db, me(c).id, await existingIds(c.var.db, query.id));
  return states.map(serializeRelationship);
});

on(relationshipsRoutes, api.follow, async (c, { params, body }) => {
  const target = await getAccount(c.var, params.id);
  if (await follow(c.var.db, me(c), target, body)) track(c, [followEvent(me(c).id, target)]);
  announce(c, [notificationMessage({ recipientId: target.id, fromId: me(c).id, type: target.locked ? 'follow_request' : 'follow' })]);
  return relationshipTo(c, target.id);
});
on(relationshipsRoutes, api.unfollow, change((c, t) => unfollow(c.var.db, me(c).id, t.id)));
on(relationshipsRoutes, api.removeFromFollowers, change((c, t) => removeFromFollowers(c.var.db, me(c).id, t.id)));
on(relationshipsRoutes, api.block, change((c, t) => block(c.var.db, me(c).id, t.id)));
on(relationshipsRoutes, api.unblock, change((c, t) => unblock(c.var.db, me(c).id, t.id)));
on(relationshipsRoutes, api.mute, async (c, { params, body }) => {
  const target = await getAccount(c.var, params.id);
  await mute(c.var.db, me(c).id, target.id, body.notifications, body.duration);
  return relationshipTo(c, target.id);
});
on(relationshipsRoutes, api.unmute, change((c, t) => unmute(c.var.db, me(c).id, t.id)));
on(
  relationshipsRoutes,
  api.authorize,
  change(async (c, t) => {
    await authorizeRequest(c.var.db, me(c).id, t.id);
    // The follow is the requester's act: their consent decides (analytics/consent-sql.ts).
    track(c, [followEvent(t.id, me(c))]);
    announce(c, [notificationMessage({ recipientId: me(c).id, fromId: t.id, type: 'follow' })]);
  }),
);
on(relationshipsRoutes, api.reject, change((c, t) => rejectRequest(c.var.db, me(c).id, t.id)));

on(relationshipsRoutes, api.followers, async (c, { params, query }) => {
  const account = await getAccount(c.var, params.id);
  return accountPage(c, await followList(c.var.db, account.id, 'followers', query, c.var.caller?.account?.id ?? null));
});

on(relationshipsRoutes, api.following, async (c, { params, query }) => {
  const account = await getAccount(c.var, params.id);
  return accountPage(c, await followList(c.var.db, account.id, 'following', query, c.var.caller?.account?.id ?? null));
});

on(relationshipsRoutes, api.followRequests, async (c, { query }) => accountPage(c, await pendingRequests(c.var.db, me(c).id, query)));

on(relationshipsRoutes, api.blocks, async (c, { query }) => accountPage(c, await blockedAccounts(c.var.db, me(c).id, query)));

on(relationshipsRoutes, api.mutes, async (c, { query }) => {
  const items = await mutedAccounts(c.var.db, me(c).id, query);
  setLinkHeader(c, items.map((i) => i.cursor));
  return items.map((i) => ({ ...serializeAccount(c.var.config, i.account), mute_expires_at: i.expiresAt === null ? null : new Date(i.expiresAt).toISOString() }));
});
