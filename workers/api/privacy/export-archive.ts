/**
 * What a data export holds: everything stored about one person, gathered from D1, R2, the
 * Durable Objects and the ledger, as JSON files plus their media, zipped (fflate). Raw rows are
 * exported as stored (column names in camelCase), minus secrets (password hash, token hashes,
 * TOTP secrets). docs/privacy.md lists the files.
 */
import { analyticsActiveDays, analyticsEvents } from '../db/analytics';
import { eq, inArray, or } from 'drizzle-orm';
import { type Zippable, zipSync } from 'fflate';
import type { Config, Env } from '../../env';
import { roomOf } from '../chat/chat.service';
import { sessionOf } from '../agents/chat.service';
import type { Db } from '../context';
import { agentSessions } from '../db/agent-chat';
import { agentVersions, agents } from '../db/agents';
import { chatMembers, chats } from '../db/chats';
import { liveStreams } from '../db/live';
import { marketEntitlements, marketListings, marketReviews } from '../db/market';
import { mediaAttachments } from '../db/media';
import { notifications } from '../db/notifications';
import { consents } from '../db/privacy';
import { blocks, followRequests, follows, mutes } from '../db/relationships';
import { type AccountRow, accounts, identities, sessions } from '../db/schema';
import { bookmarks, favourites, pollVotes, reactions, statuses } from '../db/social';
import { stories } from '../db/stories';
import { trainingFiles } from '../db/training';
import { withLedger } from '../payments/db';
import { journalEntries, ledgerAccounts, paymentOrders, type PaymentOrderRow, tierInvoices } from '../payments/schema';

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value, null, 2));
/** Media is already compressed: stored, not deflated again. */
const STORED = { level: 0 } as const;

function profileOf(account: AccountRow) {
  const { passwordHash: _secret, agentCard: _derived, ...profile } = account;
  return profile;
}

async function social(db: Db, id: string) {
  const [own, bookmarked, favourited, reacted, votes, following, followers, requests, blocked, muted, notes, ownStories, streams] = await db.batch([
    db.select().from(statuses).where(eq(statuses.accountId, id)).orderBy(statuses.id),
    db.select().from(bookmarks).where(eq(bookmarks.accountId, id)),
    db.select().from(favourites).where(eq(favourites.accountId, id)),
    db.select().from(reactions).where(eq(reactions.accountId, id)),
    db.select().from(pollVotes).where(eq(pollVotes.accountId, id)),
    db.select().from(follows).where(eq(follows.accountId, id)),
    db.select().from(follows).where(eq(follows.targetId, id)),
    db.select().from(followRequests).where(or(eq(followRequests.accountId, id), eq(followRequests.targetId, id))),
    db.select().from(blocks).where(eq(blocks.accountId, id)),
    db.select().from(mutes).where(eq(mutes.accountId, id)),
    db.select().from(notifications).where(eq(notifications.accountId, id)).orderBy(notifications.id),
    db.select().from(stories).where(eq(stories.accountId, id)),
    db.select().from(liveStreams).where(eq(liveStreams.accountId, id)),
  ]);
  return {
    'statuses.json': own,
    'bookmarks.json': bookmarked,
    'favourites.json': favourited,
    'reactions.json': reacted,
    'poll_votes.json': votes,
    'relationships.json': { following, followers, follow_requests: requests, blocks: blocked, mutes: muted },
    'notifications.json': notes,
    'stories.json': ownStories,
    'live_streams.json': streams,
  };
}

/** The person's chats with every message of each (from its `ChatRoom`). */
async function chatTranscripts(db: Db, env: Env, id: string) {
  const rows = await db.select({ chat: chats }).from(chatMembers).innerJoin(chats, eq(chats.id, chatMembers.chatId)).where(eq(chatMembers.accountId, id));
  return Promise.all(
    rows.map(async ({ chat }) => {
      const outcome = await roomOf(env, chat.id).transcript(id);
      // A room that no longer admits them (a race with leaving) has nothing of theirs to give.
      const messages = 'value' in outcome ? outcome.value : [];
      return { id: chat.id, kind: chat.kind, title: chat.title, created_at: chat.createdAt, messages };
    }),
  );
}

/** Agents the person owns (settings, versions, training files listed) and what every agent remembers about them. */
async function agentData(db: Db, env: Env, id: string) {
  const owned = await db.select().from(agents).where(eq(agents.ownerId, id));
  const ids = owned.map((a) => a.accountId);
  const [versions, files, listings] = ids.length
    ? await db.batch([
        db.select().from(agentVersions).where(inArray(agentVersions.agentId, ids)),
        db.select({ id: trainingFiles.id, agentId: trainingFiles.agentId, name: trainingFiles.name, type: trainingFiles.type, size: trainingFiles.size, status: trainingFiles.status, createdAt: trainingFiles.createdAt }).from(trainingFiles).where(inArray(trainingFiles.agentId, ids)),
        db.select().from(marketListings).where(inArray(marketListings.agentId, ids)),
      ])
    : [[], [], []];
  const talked = await db.select({ agentId: agentSessions.agentId }).from(agentSessions).where(eq(agentSessions.personId, id));
  const memories = await Promise.all(
    talked.map(async ({ agentId }) => {
      const session = sessionOf(env.AGENT_SESSION, agentId, id);
      const [memory, history] = await Promise.all([session.memory(), session.history({ limit: 1_000_000 })]);
      return { agent_id: agentId, summary: memory.summary, facts: memory.facts, conversation: history.reverse() };
    }),
  );
  return {
    'agents.json': owned.map((a) => ({ ...a, versions: versions.filter((v) => v.agentId === a.accountId), training_files: files.filter((f) => f.agentId === a.accountId) })),
    'agent_memories.json': memories,
    listings,
  };
}

/** What of an order is the buyer's alone (their card, their payment with the provider, their invoice): left out of the creator's copy. */
function asCreatorSees(order: PaymentOrderRow) {
  const { paymentMethod, providerCustomer, cardBrand, cardLast4, cardFingerprint, providerPaymentId, clientSecret, invoiceId, invoiceNumber, invoiceUrl, invoiceTriedAt, ...sale } = order;
  return sale;
}

/**
 * Orders as buyer or creator (a sale without the buyer's card, payment and invoice), the plan
 * invoices, and the person's ledger accounts with their entries (payouts included). Read when
 * the export is requested, in the request (`exports.service.ts`).
 */
export async function paymentRecords(config: Config, waitUntil: (closing: Promise<unknown>) => void, id: string) {
  if (!config.LEDGER_DATABASE_URL) return { note: 'The ledger is not configured on this server: no payment records.' };
  return withLedger(config, waitUntil, async (ledger) => {
    const orders = await ledger.select().from(paymentOrders).where(or(eq(paymentOrders.buyerAccountId, id), eq(paymentOrders.creatorAccountId, id))).orderBy(paymentOrders.createdAt);
    const accountsOwned = await ledger.select().from(ledgerAccounts).where(eq(ledgerAccounts.ownerAccountId, id));
    const entries = accountsOwned.length ? await ledger.select().from(journalEntries).where(inArray(journalEntries.ledgerAccountId, accountsOwned.map((a) => a.id))).orderBy(journalEntries.id) : [];
    const planInvoices = await ledger.select().from(tierInvoices).where(eq(tierInvoices.accountId, id)).orderBy(tierInvoices.periodStart);
    return {
      orders: orders.map((o) => (o.buyerAccountId === id ? o : asCreatorSees(o))),
      plan_invoices: planInvoices,
      ledger_accounts: accountsOwned.map((a) => ({ ...a, entries: entries.filter((e) => e.ledgerAccountId === a.id) })),
    };
  });
}

/** Their uploads (with thumbnails) and profile images, as files under `media/`. */
async function mediaFiles(db: Db, bucket: R2Bucket, account: AccountRow): Promise<{ files: Zippable; index: unknown[] }> {
  const rows = await db.select().from(mediaAttachments).where(eq(mediaAttachments.accountId, account.id));
  const wanted = [
    ...rows.flatMap((m) => [{ key: m.key, name: `media/${m.key.split('/').pop()}`, mediaId: m.id }, ...(m.thumbnailKey ? [{ key: m.thumbnailKey, name: `media/${m.thumbnailKey.split('/').pop()}`, mediaId: m.id }] : [])]),
    ...[account.avatarKey, account.headerKey].filter((k): k is string => Boolean(k)).map((key) => ({ key, name: `media/profile/${key.split('/').pop()}`, mediaId: null })),
  ];
  const files: Zippable = {};
  const index: unknown[] = [];
  for (const w of wanted) {
    const object = await bucket.get(w.key);
    if (!object) continue;
    files[w.name] = [new Uint8Array(await object.arrayBuffer()), STORED];
    index.push({ file: w.name, media_id: w.mediaId, ...(w.mediaId ? { attachment: rows.find((r) => r.id === w.mediaId) } : {}) });
  }
  return { files, index };
}

/** The ZIP archive of everything about `account`. */
export async function buildArchive(env: Env, db: Db, config: Config, account: AccountRow, payments: unknown, at: number): Promise<Uint8Array> {
  const id = account.id;
  const [ownSessions, linked, consentLog, reviews, entitlements, analyticsEventRows, activeDays] = await db.batch([
    db.select({ id: sessions.id, appId: sessions.appId, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.accountId, id)),
    db.select({ provider: identities.provider, email: identities.email, createdAt: identities.createdAt }).from(identities).where(eq(identities.accountId, id)),
    db.select().from(consents).where(eq(consents.accountId, id)).orderBy(consents.id),
    db.select().from(marketReviews).where(eq(marketReviews.accountId, id)),
    db.select().from(marketEntitlements).where(eq(marketEntitlements.accountId, id)),
    db.select().from(analyticsEvents).where(eq(analyticsEvents.actorId, id)).orderBy(analyticsEvents.id),
    db.select({ day: analyticsActiveDays.day }).from(analyticsActiveDays).where(eq(analyticsActiveDays.accountId, id)).orderBy(analyticsActiveDays.day),
  ]);
  const [socialFiles, chatFiles, agentFiles, media] = await Promise.all([social(db, id), chatTranscripts(db, env, id), agentData(db, env, id), mediaFiles(db, env.MEDIA, account)]);
  const { listings, ...agentJson } = agentFiles;
  const documents: Record<string, unknown> = {
    'README.json': { exported_at: new Date(at).toISOString(), account_id: id, username: account.username, instance: config.INSTANCE_DOMAIN, about: 'Everything SMILE stores about you. Times are epoch milliseconds. See docs/privacy.md of the SMILE source for what each file holds.' },
    'account.json': { profile: profileOf(account), sessions: ownSessions, linked_logins: linked },
    ...socialFiles,
    'chats.json': chatFiles,
    ...agentJson,
    'market.json': { listings_of_my_agents: listings, reviews, entitlements },
    'payments.json': payments,
    'consents.json': consentLog,
    'analytics.json': { events: analyticsEventRows, active_days: activeDays.map((d) => d.day) },
    'media.json': media.index,
  };
  const files: Zippable = { ...media.files };
  for (const [name, value] of Object.entries(documents)) files[name] = json(value);
  return zipSync(files, { level: 6, mtime: at });
}
