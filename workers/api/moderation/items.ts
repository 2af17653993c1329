/**
 * Opening review items, and `moderateText`: the one call other modules make to moderate a
 * text before they publish it (agent output, chat messages, training uploads). The verdict is
 * the local classifier's, then — when given and the classifier allowed it — the AI provider's
 * (Llama Guard on Workers AI). A hold is recorded for the moderators; the caller publishes only
 * on `allow` and tells its user the reason otherwise.
 */
import type { Services } from '../context';
import type { AiProvider, ModerationResult } from '../ai/types';
import type { Db } from '../context';
import { type ModerationSubject, moderationItems } from '../db/moderation';
import { newId } from '../lib/ids';
import { classifyText } from './classifier';

/** What judges text after the classifier: an AI provider (Llama Guard on Workers AI). */
export type Moderator = Pick<AiProvider, 'name' | 'moderate'>;

export type ItemSource = 'classifier' | 'llama_guard' | 'report';

/** The built-in provider's `moderate` is the classifier; a remote provider's is Llama Guard (or the endpoint's equivalent). */
export const sourceOf = (m: Moderator): ItemSource => (m.name === 'builtin' ? 'classifier' : 'llama_guard');

/** Judged text is kept up to this length in the item, for the moderator to read. */
const EXCERPT_CHARS = 2000;

export interface ItemInput {
  subjectType: ModerationSubject;
  subjectId: string;
  accountId: string;
  action: 'hold' | 'reject' | 'report';
  categories: string[];
  reason: string | null;
  source: ItemSource;
  excerpt: string;
}

/** The insert of an open item; nothing when the subject already waits for review. */
export function openItem(db: Db, item: ItemInput) {
  return db
    .insert(moderationItems)
    .values({ id: newId(), ...item, categories: JSON.stringify(item.categories), excerpt: item.excerpt.slice(0, EXCERPT_CHARS) })
    .onConflictDoNothing();
}

export interface TextSubject {
  type: Exclude<ModerationSubject, 'status' | 'report'>;
  /** The caller's id for what it is about to publish (an agent post id, a message id, a file id). */
  id: string;
  /** Who wrote it: the agent's account for agent output. */
  accountId: string;
}

/**
 * Moderates a text before it is published. Held texts are recorded for review (source:
 * the check that held them); rejected ones are not — nothing waits, the caller refuses them.
 */
export async function moderateText(deps: Pick<Services, 'db'>, text: string, subject: TextSubject, secondOpinion?: Moderator): Promise<ModerationResult> {
  let verdict = classifyText(text);
  let source: ItemSource = 'classifier';
  if (verdict.action === 'allow' && secondOpinion) {
    verdict = await secondOpinion.moderate(text);
    source = sourceOf(secondOpinion);
  }
  if (verdict.action === 'hold') {
    await openItem(deps.db, { subjectType: subject.type, subjectId: subject.id, accountId: subject.accountId, action: 'hold', categories: verdict.categories, reason: verdict.reason ?? null, source, excerpt: text });
  }
  return verdict;
}
