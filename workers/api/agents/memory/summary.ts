/**
 * The rolling summary of a conversation, extractive: the person's most salient sentences (those
 * whose words come back most often across the conversation), in the order said, turned to the
 * second person. Questions and sentences that became facts are left out: facts are kept, shown
 * and corrected on their own. Deterministic and local, so it costs nothing and works offline
 * whatever the AI provider.
 */
import { sentences, terms } from '../../ai/builtin/text';
import { extractFacts } from './extract-facts';

/** A summary is rebuilt after this many new messages (person and agent). */
export const SUMMARY_EVERY = 10;
const MAX_SENTENCES = 4;
const MAX_CHARS = 600;

function secondPerson(s: string): string {
  const swap: Record<string, string> = { i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself', "i'm": "you're", am: 'are', "i've": "you've", "i'll": "you'll", "i'd": "you'd" };
  const out = s.replace(/\b(?:i'm|i've|i'll|i'd|i|me|my|mine|myself|am)\b/gi, (w) => swap[w.toLowerCase()] ?? w);
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** The summary of the person's messages (oldest first). */
export function summarize(personMessages: readonly string[]): string {
  const candidates = personMessages
    .flatMap((m) => sentences(m.replace(/’/g, "'")))
    .filter((s) => !/\?\s*$/.test(s) && extractFacts(s).length === 0)
    .map((text, order) => ({ text, order, terms: [...new Set(terms(text))] }))
    .filter((c) => c.terms.length >= 2);
  const frequency = new Map<string, number>();
  for (const c of candidates) for (const t of c.terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const chosen = candidates
    .map((c) => ({ ...c, salience: c.terms.reduce((sum, t) => sum + (frequency.get(t) ?? 0), 0) / Math.sqrt(c.terms.length) }))
    .sort((a, b) => b.salience - a.salience || b.order - a.order)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.order - b.order);
  let summary = '';
  for (const c of chosen) {
    const next = `${summary} ${secondPerson(c.text)}`.trim();
    if (next.length > MAX_CHARS) break;
    summary = next;
  }
  return summary;
}
