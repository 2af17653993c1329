/**
 * The built-in provider: works offline with nothing to download. Generation is the engine in
 * `compose.ts`, embeddings are lexical (`embed.ts`), moderation is the local classifier. Pure: no
 * bindings, no I/O, so a benchmark can bundle it on its own.
 */
import { classifyText } from '../../moderation/classifier';
import type { AiProvider, GenerateRequest } from '../types';
import { compose } from './compose';
import { EMBED_DIMENSIONS, lexicalEmbedding } from './embed';
import { mulberry32 } from './random';

/** The text in pieces of a word or two with their trailing space, as a model would stream tokens. */
export function pieces(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(''));
  return out;
}

/** The whole reply at once: what `generate` streams, for callers and benchmarks that want a string. */
export function generateText(request: GenerateRequest): string {
  // Without a seed every call may differ, as a sampled model's would.
  const seed = request.seed ?? Math.floor(Math.random() * 2 ** 32);
  return compose(request, mulberry32(seed));
}

export function builtinProvider(): AiProvider {
  return {
    name: 'builtin',
    dimensions: EMBED_DIMENSIONS,
    async *generate(request: GenerateRequest) {
      yield* pieces(generateText(request));
    },
    async embed(texts: string[]) {
      return texts.map(lexicalEmbedding);
    },
    async moderate(text: string) {
      return classifyText(text);
    },
  };
}
