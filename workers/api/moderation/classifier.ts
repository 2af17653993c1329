/**
 * The local classifier: word lists, spam heuristics and harm patterns, combined into one
 * verdict. It is pure and fast (no I/O, matchers built once per isolate), so it runs inline on
 * every status, profile and agent output before anything is stored; it is also the built-in AI
 * provider's `moderate`. The policy table is in docs/moderation.md.
 */
import type { ModerationAction, ModerationResult } from '../ai/types';
import { harms } from './harm';
import { spamReason } from './spam';
import { listedWords } from './words';

const RANK: Record<ModerationAction, number> = { allow: 0, hold: 1, reject: 2 };

interface Finding {
  category: string;
  action: ModerationAction;
  reason?: string;
}

function findings(text: string): Finding[] {
  const out: Finding[] = [];
  const words = listedWords(text);
  if (words.has('slur')) out.push({ category: 'slur', action: 'reject', reason: 'contains a slur' });
  if (words.has('ambiguous-slur')) out.push({ category: 'slur', action: 'hold', reason: 'may contain a slur' });
  if (words.has('sexual')) out.push({ category: 'sexual', action: 'allow' });
  if (words.has('profanity')) out.push({ category: 'profanity', action: 'allow' });
  out.push(...harms(text));
  const spam = spamReason(text);
  if (spam) out.push({ category: 'spam', action: 'hold', reason: `looks like spam (${spam})` });
  return out;
}

/**
 * The verdict on a text: the most severe action any finding calls for, every category found,
 * and the reason of the finding that decided (shown to the author).
 */
export function classifyText(text: string): ModerationResult {
  const found = findings(text);
  const categories = [...new Set(found.map((f) => f.category))];
  const decisive = found.reduce<Finding | undefined>((worst, f) => (!worst || RANK[f.action] > RANK[worst.action] ? f : worst), undefined);
  if (!decisive || decisive.action === 'allow') return { action: 'allow', categories };
  return { action: decisive.action, categories, reason: `This ${decisive.reason}` };
}
