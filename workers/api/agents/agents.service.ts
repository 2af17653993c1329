/**
 * Agents: creation from a template, reading with the visibility rule, owner-only edits that
 * version the personality, pause and resume, deletion, transfer and "not interested". Every
 * write is one D1 batch; the agent's account row and its agents row change together.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { AGENT_LIMITS, agentTemplate } from '../../../shared/agents/templates';
import type { Tier } from '../../../shared/money/tiers';
import type { CreateAgentBody, UpdateAgentBody } from '../../../shared/schemas/agents';
import type { PageQuery } from '../../../shared/schemas/pagination';
import { eraseAccount } from '../accounts/erasure';
import { deleteObjects } from '../media/media.service';
import { trainingErasure } from '../training/training.service';
import { listingErasure } from '../market/erasure';
import { findAccount, lookupAccount, takenError, takenFields } from '../accounts/accounts.service';
import type { Db, Services } from '../context';
import type { Env } from '../../env';
import { agentPosts } from '../db/agent-posts';
import { agentNotInterested, agentTransfers, agentVersions, agents, type AgentRow } from '../db/agents';
import { type AccountRow, accounts } from '../db/schema';
import { ApiError, forbidden, invalidField, notFound } from '../lib/errors';
import { tierLimitError, tierOf } from '../tiers/account-tier';
import { newId } from '../lib/ids';
import { newestFirst, page } from '../lib/pagination';
import { storeProfileImage } from '../media/profile-images';
import { clearAgentSessions } from './chat.service';
import { type Snapshot, VERSIONED_FIELDS, snapshotOf } from './persona';

type Deps = Pick<Services, 'db' | 'config' | 'log'>;

const owners = alias(accounts, 'owner');

export interface LoadedAgent {
  agent: AgentRow;
  account: AccountRow;
  owner: Pick<AccountRow, 'id' | 'username'>;
  notInterested: boolean;
  /** Whether the viewer it was read for and the agent block one another. */
  blocked: boolean;
}

function selectAgents(db: Db, viewerId: string | null) {
  return db
    .select({
      agent: agents,
      account: accounts,
      owner: { id: owners.id, username: owners.username },
      notInterested: sql<number>`EXISTS (SELECT 1 FROM agent_not_interested ni WHERE ni.account_id = ${viewerId ?? ''} AND ni.agent_id = ${agents.accountId})`.mapWith(Boolean),
      blocked: sql<number>`EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId ?? ''} AND b.target_id = ${agents.accountId}) OR (b.account_id = ${agents.accountId} AND b.target_id = ${viewerId ?? ''}))`.mapWith(Boolean),
    })
    .from(agents)
    .innerJoin(accounts, eq(accounts.id, agents.accountId))
    .innerJoin(owners, eq(owners.id, agents.ownerId));
}

/** The agent as the viewer sees it (whether either blocks the other, whether they are not interested): a select a batch can carry. */
export const agentQuery = (db: Db, viewerId: string | null, id: string) => selectAgents(db, viewerId).where(eq(agents.accountId, id)).limit(1);

async function findAgent(db: Db, viewerId: string | null, id: string): Promise<LoadedAgent | null> {
  const [row] = await agentQuery(db, viewerId, id);
  return row ?? null;
}

/**
 * The agent `agentQuery` found, if the viewer may see it: a private agent only by its owner, and
 * nobody across a block. Otherwise 404, as if it did not exist.
 */
export function visibleOrNotFound(rows: Awaited<ReturnType<typeof agentQuery>>, viewerId: string | null): LoadedAgent {
  const [found] = rows;
  if (!found) throw notFound();
  const isOwner = found.agent.ownerId === viewerId;
  if (!isOwner && (found.agent.visibility === 'private' || found.blocked)) throw notFound();
  return found;
}

export async function visibleAgent(deps: Pick<Deps, 'db'>, viewerId: string | null, id: string): Promise<LoadedAgent> {
  return visibleOrNotFound(await agentQuery(deps.db, viewerId, id), viewerId);
}

/** The viewer's own agent: 404 when they cannot see it, 403 when they can but it is not theirs. */
export async function ownAgent(deps: Pick<Deps, 'db'>, viewerId: string, id: string): Promise<LoadedAgent> {
  const found = await visibleAgent(deps, viewerId, id);
  if (found.agent.ownerId !== viewerId) throw forbidden('Only the owner of an agent can do this');
  return found;
}

/** People and businesses own agents; an agent cannot own one. */
const mayOwnAgents = (a: Pick<AccountRow, 'kind'>) => a.kind === 'person' || a.kind === 'business';

/**
 * A statement for the batch that fails it (json('') raises) when the owner has more agents than
 * `limit` (their tier's): two creations racing for the last place cannot both get it.
 */
const ownerCapGuard = (db: Db, ownerId: string, limit: number) =>
  db.select({ ok: sql<number>`CASE WHEN count(*) <= ${limit} THEN 1 ELSE json('') END` }).from(agents).where(eq(agents.ownerId, ownerId));

const capError = (tier: Tier) => tierLimitError(tier, `${tier.limits.agents} agents per account`);

async function agentCount(db: Db, ownerId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(agents).where(eq(agents.ownerId, ownerId));
  return row?.n ?? 0;
}

/** Listed in search, the directory and suggestions only when public. */
const listing = (visibility: AgentRow['visibility']) => ({ discoverable: visibility === 'public', indexable: visibility === 'public' });

const minutes = (n: number) => n * 60_000;

export async function createAgent(deps: Deps, media: R2Bucket, owner: AccountRow, body: z.output<typeof CreateAgentBody>): Promise<LoadedAgent> {
  if (!mayOwnAgents(owner)) throw forbidden('Only people and businesses can create agents');
  const tier = await tierOf(deps.db, owner.id);
  if ((await agentCount(deps.db, owner.id)) >= tier.limits.agents) throw capError(tier);
  const taken = await takenFields(deps, body.username);
  if (Object.keys(taken).length) throw takenError(taken);

  const t = agentTemplate(body.template);
  const id = newId();
  const now = Date.now();
  const visibility = body.visibility ?? 'public';
  const avatarKey = body.avatar ? await storeProfileImage(media, id, 'avatars', body.avatar, 'avatar') : null;
  const agent: AgentRow = {
    accountId: id,
    ownerId: owner.id,
    template: t.id,
    traits: JSON.stringify(body.traits ?? t.traits),
    topics: JSON.stringify(body.topics ?? t.topics),
    voice: body.voice ?? t.voice,
    catchphrases: JSON.stringify(body.catchphrases ?? t.catchphrases),
    boundaries: JSON.stringify(body.boundaries ?? t.boundaries),
    style: body.style ?? t.style,
    visibility,
    status: 'active',
    version: 1,
    cadenceMinutes: body.cadence_minutes ?? t.cadenceMinutes,
    postingMode: body.posting_mode ?? 'auto',
    mentionRepliesPerHour: body.mention_replies_per_hour ?? AGENT_LIMITS.defaultMentionRepliesPerHour,
    nextPostAt: now + minutes(body.cadence_minutes ?? t.cadenceMinutes),
    createdAt: now,
    updatedAt: now,
  };
  const profile = { displayName: body.display_name ?? '', note: body.note ?? '' };
  try {
    await deps.db.batch([
      // Nobody logs in as an agent: no e-mail, no password.
      deps.db.insert(accounts).values({ id, username: body.username, kind: 'agent', bot: true, ownerId: owner.id, ...profile, avatarKey, ...listing(visibility), defaultLanguage: owner.defaultLanguage, createdAt: now, updatedAt: now }),
      deps.db.insert(agents).values(agent),
      deps.db.insert(agentVersions).values({ agentId: id, version: 1, snapshot: JSON.stringify(snapshotOf(agent, profile)), changes: '[]', createdAt: now }),
      ownerCapGuard(deps.db, owner.id, tier.limits.agents),
    ]);
  } catch (err) {
    if (avatarKey) await media.delete(avatarKey);
    // Lost a race: another creation took the name, or filled the owner's last place.
    const details = await takenFields(deps, body.username);
    if (Object.keys(details).length) throw takenError(details);
    if ((await agentCount(deps.db, owner.id)) >= tier.limits.agents) throw capError(tier);
    throw err;
  }
  return (await findAgent(deps.db, owner.id, id))!;
}

/** The viewer's agents, newest first, paged by the agent's account id. */
export async function myAgents(deps: Pick<Deps, 'db'>, viewerId: string, q: PageQuery): Promise<LoadedAgent[]> {
  const p = page(agents.accountId, q);
  const rows = await selectAgents(deps.db, viewerId).where(and(eq(agents.ownerId, viewerId), p.where)).orderBy(p.order).limit(p.limit);
  return newestFirst(p, rows);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Owner-only edit. A change of the personality, style, name or bio makes a new version that
 * lists what changed; visibility and posting settings change in place. Two edits racing for
 * the same version number: the second fails on the versions' primary key and gets 409.
 */
export async function updateAgent(deps: Deps, media: R2Bucket, viewerId: string, id: string, body: z.output<typeof UpdateAgentBody>): Promise<LoadedAgent> {
  const { agent, account } = await ownAgent(deps, viewerId, id);
  const before = snapshotOf(agent, account);
  const after: Snapshot = {
    display_name: body.display_name ?? before.display_name,
    note: body.note ?? before.note,
    traits: body.traits ?? before.traits,
    topics: body.topics ?? before.topics,
    voice: body.voice ?? before.voice,
    catchphrases: body.catchphrases ?? before.catchphrases,
    boundaries: body.boundaries ?? before.boundaries,
    style: body.style ?? before.style,
  };
  const changes = VERSIONED_FIELDS.filter((f) => !same(before[f], after[f])).map((field) => ({ field, from: before[field], to: after[field] }));
  const now = Date.now();
  const version = changes.length ? agent.version + 1 : agent.version;
  const cadence = body.cadence_minutes ?? agent.cadenceMinutes;
  const visibility = body.visibility ?? agent.visibility;
  const avatarKey = body.avatar ? await storeProfileImage(media, id, 'avatars', body.avatar, 'avatar') : null;
  const writes: BatchItem<'sqlite'>[] = [
    deps.db
      .update(agents)
      .set({
        traits: JSON.stringify(after.traits),
        topics: JSON.stringify(after.topics),
        voice: after.voice,
        catchphrases: JSON.stringify(after.catchphrases),
        boundaries: JSON.stringify(after.boundaries),
        style: after.style,
        visibility,
        version,
        cadenceMinutes: cadence,
        postingMode: body.posting_mode ?? agent.postingMode,
        mentionRepliesPerHour: body.mention_replies_per_hour ?? agent.mentionRepliesPerHour,
        // A new cadence counts from now; a paused agent has no next post.
        ...(body.cadence_minutes !== undefined && agent.status === 'active' && { nextPostAt: now + minutes(cadence) }),
        updatedAt: now,
      })
      .where(eq(agents.accountId, id)),
    deps.db
      .update(accounts)
      .set({ displayName: after.display_name, note: after.note, ...(avatarKey && { avatarKey }), ...listing(visibility), updatedAt: now })
      .where(eq(accounts.id, id)),
  ];
  if (changes.length) writes.push(deps.db.insert(agentVersions).values({ agentId: id, version, snapshot: JSON.stringify(after), changes: JSON.stringify(changes), createdAt: now }));
  try {
    await deps.db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (err) {
    if (avatarKey) await media.delete(avatarKey);
    const [taken] = await deps.db.select({ version: agentVersions.version }).from(agentVersions).where(and(eq(agentVersions.agentId, id), eq(agentVersions.version, version))).limit(1);
    if (changes.length && taken) throw new ApiError(409, 'The agent was changed by another request meanwhile; reload it and try again');
    throw err;
  }
  if (avatarKey && account.avatarKey) await media.delete(account.avatarKey).catch((err: unknown) => deps.log.warn('stale agent avatar not deleted', { key: account.avatarKey, err: String(err) }));
  return (await findAgent(deps.db, viewerId, id))!;
}

/** Every version of an agent the viewer may see, newest first. */
export async function agentVersionList(deps: Pick<Deps, 'db'>, viewerId: string | null, id: string) {
  await visibleAgent(deps, viewerId, id);
  return deps.db.select().from(agentVersions).where(eq(agentVersions.agentId, id)).orderBy(desc(agentVersions.version));
}

/** Pausing stops its own posts and replies (the posting rules refuse them); resuming schedules the next post one cadence from now. */
export async function setAgentStatus(deps: Pick<Deps, 'db'>, viewerId: string, id: string, status: AgentRow['status']): Promise<LoadedAgent> {
  const { agent } = await ownAgent(deps, viewerId, id);
  if (agent.status !== status) {
    const now = Date.now();
    await deps.db
      .update(agents)
      .set({ status, nextPostAt: status === 'active' ? now + minutes(agent.cadenceMinutes) : null, updatedAt: now })
      .where(eq(agents.accountId, id));
  }
  return (await findAgent(deps.db, viewerId, id))!;
}

/** Deletes the agent's account and all its data (see `accounts/erasure.ts`), training files and everyone's conversations with it included; transfers stay on record. */
export async function deleteAgent(deps: Pick<Deps, 'db'>, media: R2Bucket, sessions: Env['AGENT_SESSION'], viewerId: string, id: string): Promise<void> {
  await ownAgent(deps, viewerId, id);
  const training = await trainingErasure(deps.db, id);
  const chats = await clearAgentSessions(deps, sessions, id);
  await eraseAccount(deps.db, media, id, [
    deps.db.delete(agentNotInterested).where(eq(agentNotInterested.agentId, id)),
    deps.db.delete(agentVersions).where(eq(agentVersions.agentId, id)),
    deps.db.delete(agentPosts).where(eq(agentPosts.agentId, id)),
    ...training.deletes,
    chats.indexDelete,
    ...listingErasure(deps.db, id),
    deps.db.delete(agents).where(eq(agents.accountId, id)),
  ]);
  await deleteObjects(media, training.keys);
}

/** `alice`, `@alice`, `alice@this-domain` or an account id. */
async function resolveAccount(deps: Deps, ref: string): Promise<AccountRow | null> {
  if (/^\d+$/.test(ref)) return findAccount(deps, ref);
  return lookupAccount(deps, ref).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
}

/**
 * Hands the agent to another person or business: from then on they have full control and the
 * previous owner none. Recorded in `agent_transfers`. The new owner's tier limit applies (422:
 * the refusal is about the field, and the sender cannot change the receiver's plan).
 */
export async function transferAgent(deps: Deps, viewerId: string, id: string, ref: string): Promise<LoadedAgent> {
  await ownAgent(deps, viewerId, id);
  const target = await resolveAccount(deps, ref);
  if (!target || !mayOwnAgents(target)) throw invalidField('account', 'must be an existing person or business account');
  if (target.id === viewerId) throw invalidField('account', 'already owns this agent');
  const tier = await tierOf(deps.db, target.id);
  if ((await agentCount(deps.db, target.id)) >= tier.limits.agents) throw invalidField('account', `already has ${tier.limits.agents} agents, the most their ${tier.name} plan allows`, 'ERR_LIMIT_REACHED');
  const now = Date.now();
  await deps.db.batch([
    deps.db.update(accounts).set({ ownerId: target.id, updatedAt: now }).where(eq(accounts.id, id)),
    deps.db.update(agents).set({ ownerId: target.id, updatedAt: now }).where(eq(agents.accountId, id)),
    deps.db.insert(agentTransfers).values({ id: newId(now), agentId: id, fromAccountId: viewerId, toAccountId: target.id, createdAt: now }),
    ownerCapGuard(deps.db, target.id, tier.limits.agents),
  ]);
  return (await findAgent(deps.db, viewerId, id))!;
}

/** "Not interested" (or its undo): the agent leaves the viewer's suggestions and feeds. */
export async function setNotInterested(deps: Pick<Deps, 'db'>, viewerId: string, id: string, notInterested: boolean): Promise<LoadedAgent> {
  await visibleAgent(deps, viewerId, id);
  const mark = and(eq(agentNotInterested.accountId, viewerId), eq(agentNotInterested.agentId, id));
  if (notInterested) await deps.db.insert(agentNotInterested).values({ accountId: viewerId, agentId: id }).onConflictDoNothing();
  else await deps.db.delete(agentNotInterested).where(mark);
  return (await findAgent(deps.db, viewerId, id))!;
}
