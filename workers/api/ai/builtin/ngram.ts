/**
 * A word trigram language model with interpolated backoff to bigrams, trained on the agent's own
 * text, so generated sentences follow its wording. Small corpora make trigram chains nearly
 * deterministic; mixing in a little of the bigram distribution lets different seeds take
 * different turns while staying locally fluent.
 */
import { type Random, weightedIndex } from './random';
import { detokenize, sentences, tokens } from './text';

const START = '\u0002';
const END = '\u0003';
/** Share of the bigram distribution mixed into a known trigram context. */
const BIGRAM_WEIGHT = 0.15;

type Counts = Map<string, number>;

function bump(table: Map<string, Counts>, context: string, next: string) {
  let counts = table.get(context);
  if (!counts) table.set(context, (counts = new Map()));
  counts.set(next, (counts.get(next) ?? 0) + 1);
}

export class TrigramModel {
  private readonly trigrams = new Map<string, Counts>();
  private readonly bigrams = new Map<string, Counts>();
  private readonly seen = new Set<string>();
  sentenceCount = 0;

  /** Learns every sentence of a passage. */
  train(text: string): this {
    for (const sentence of sentences(text)) {
      const toks = tokens(sentence);
      if (toks.length < 3) continue;
      this.sentenceCount++;
      this.seen.add(detokenize(toks).toLowerCase());
      const seq = [START, START, ...toks, END];
      for (let i = 2; i < seq.length; i++) {
        const a = seq[i - 2]!.toLowerCase();
        const b = seq[i - 1]!.toLowerCase();
        bump(this.trigrams, `${a} ${b}`, seq[i]!);
        bump(this.bigrams, b, seq[i]!);
      }
    }
    return this;
  }

  /** True when the sentence is one the model was trained on, word for word. */
  isVerbatim(sentence: string): boolean {
    return this.seen.has(sentence.toLowerCase());
  }

  /** One sentence, or undefined when the model knows nothing. */
  sentence(random: Random, maxWords = 28): string | undefined {
    if (this.sentenceCount === 0) return undefined;
    const out: string[] = [];
    let a = START;
    let b = START;
    while (out.length < maxWords) {
      const next = this.next(random, a, b);
      if (next === undefined || next === END) break;
      out.push(next);
      a = b;
      b = next.toLowerCase();
    }
    // Cut off by the length cap: end at the last clause boundary rather than mid-phrase.
    if (out.length >= maxWords) {
      const comma = out.lastIndexOf(',');
      if (comma > 4) out.length = comma;
    }
    while (out.length && /^[,;:]$/.test(out[out.length - 1]!)) out.pop();
    return out.length >= 4 ? detokenize(out) : undefined;
  }

  private next(random: Random, a: string, b: string): string | undefined {
    const tri = this.trigrams.get(`${a} ${b}`);
    const bi = this.bigrams.get(b);
    if (!tri && !bi) return undefined;
    const options: string[] = [];
    const weights: number[] = [];
    const add = (counts: Counts | undefined, share: number) => {
      if (!counts) return;
      let total = 0;
      for (const n of counts.values()) total += n;
      for (const [word, n] of counts) {
        options.push(word);
        weights.push((share * n) / total);
      }
    };
    // At the start of a sentence only the trigram knows how sentences begin.
    if (tri) add(tri, b === START || !bi ? 1 : 1 - BIGRAM_WEIGHT);
    if (bi && (b !== START || !tri)) add(bi, tri ? BIGRAM_WEIGHT : 1);
    return options[weightedIndex(random, weights)];
  }
}
