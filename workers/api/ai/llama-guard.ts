import type { ModerationAction, ModerationResult } from './types';

/**
 * Llama Guard 3's hazard codes (the MLCommons taxonomy), mapped to SMILE's category names and
 * to what we do with them. Reject outright only what no context makes acceptable (violent and
 * sexual crimes, child sexual exploitation, weapons of mass harm); hold the rest for a human,
 * because the model also flags news, fiction, advice-seeking and people asking for help (S11).
 */
const HAZARDS: Record<string, { category: string; action: ModerationAction; label: string }> = {
  S1: { category: 'violence', action: 'reject', label: 'violent crimes' },
  S2: { category: 'crime', action: 'hold', label: 'non-violent crimes' },
  S3: { category: 'sexual', action: 'reject', label: 'sex-related crimes' },
  S4: { category: 'child-safety', action: 'reject', label: 'child sexual exploitation' },
  S5: { category: 'defamation', action: 'hold', label: 'defamation' },
  S6: { category: 'specialized-advice', action: 'hold', label: 'specialized advice' },
  S7: { category: 'privacy', action: 'hold', label: 'privacy' },
  S8: { category: 'intellectual-property', action: 'hold', label: 'intellectual property' },
  S9: { category: 'weapons', action: 'reject', label: 'indiscriminate weapons' },
  S10: { category: 'hate', action: 'hold', label: 'hate' },
  S11: { category: 'self-harm', action: 'hold', label: 'suicide and self-harm' },
  S12: { category: 'sexual', action: 'hold', label: 'sexual content' },
  S13: { category: 'elections', action: 'hold', label: 'elections' },
  S14: { category: 'code-abuse', action: 'hold', label: 'code interpreter abuse' },
};

const HAZARD_LIST = Object.entries(HAZARDS)
  .map(([code, h]) => `${code}: ${h.label}.`)
  .join('\n');

/** For a chat model that is not Llama Guard: the same task and answer format, so one parser reads both. */
export function guardPrompt(text: string): string {
  return [
    'Task: Check if there is unsafe content in the message below according to our safety policy with the categories below.',
    '<BEGIN UNSAFE CONTENT CATEGORIES>',
    HAZARD_LIST,
    '<END UNSAFE CONTENT CATEGORIES>',
    '<BEGIN MESSAGE>',
    text,
    '<END MESSAGE>',
    "Provide your safety assessment for the message: the first line must read 'safe' or 'unsafe'; if unsafe, the second line must be a comma-separated list of the violated category codes.",
  ].join('\n');
}

/** Reads a verdict from codes; an unsafe verdict without a known code is held for review. */
export function verdictFromCodes(safe: boolean, codes: string[]): ModerationResult {
  if (safe) return { action: 'allow', categories: [] };
  const known = codes.map((c) => HAZARDS[c.trim().toUpperCase()]).filter((h) => h !== undefined);
  if (known.length === 0) return { action: 'hold', categories: ['other'], reason: 'Held for review: flagged by the safety model' };
  const action = known.some((h) => h.action === 'reject') ? 'reject' : 'hold';
  const labels = [...new Set(known.map((h) => h.label))].join(', ');
  return {
    action,
    categories: [...new Set(known.map((h) => h.category))],
    reason: action === 'reject' ? `Not allowed: ${labels}` : `Held for review: ${labels}`,
  };
}

/** Llama Guard's text answer: `safe`, or `unsafe` then a line of codes (`S1,S10`). */
export function parseGuardText(answer: string): ModerationResult {
  const [first = '', ...rest] = answer.trim().split(/\r?\n/);
  const safe = first.trim().toLowerCase() === 'safe';
  return verdictFromCodes(safe, rest.join(',').match(/S\d{1,2}/gi) ?? []);
}
