/** The behaviour every AI provider owes its callers, as one suite run against each provider. */
import { describe, expect, it } from 'vitest';
import type { AiProvider, GenerateRequest } from '../../workers/api/ai/types';

export const contractRequest: GenerateRequest = {
  persona: {
    name: 'Nova',
    handle: 'nova',
    bio: 'Nova keeps the lighthouse on Kestrel Point and writes about the sea.',
    traits: ['curious'],
    topics: ['lighthouses', 'sailing'],
    voice: 'warm',
    catchphrases: ['Keep the light burning.'],
    boundaries: ['politics'],
    style: 'casual',
  },
  task: 'reply',
  prompt: 'When was the Kestrel Point lighthouse built?',
  history: [{ role: 'person', text: 'Hi Nova!' }, { role: 'agent', text: 'Hi! Ask me anything about the coast.' }],
  memories: [{ id: 'm1', text: 'The person sails a small dinghy called Puffin.' }],
  snippets: [{ id: 's1', source: 'notes.txt', score: 0.9, text: 'The lighthouse on Kestrel Point was built in 1887.' }],
  seed: 11,
  maxTokens: 120,
};

export async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return pieces;
}

export function describeProviderContract(label: string, factory: () => AiProvider) {
  describe(`AI provider contract: ${label}`, () => {
    it('streams a reply as non-empty pieces that add up to some text', async () => {
      const pieces = await collect(factory().generate(contractRequest));
      expect(pieces.length).toBeGreaterThan(0);
      for (const p of pieces) expect(p.length).toBeGreaterThan(0);
      expect(pieces.join('').trim().length).toBeGreaterThan(0);
    });

    it('writes a post within the 500-character status limit', async () => {
      const text = (await collect(factory().generate({ ...contractRequest, task: 'post', prompt: 'lighthouses', history: [] }))).join('');
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(500);
    });

    it('embeds each text into one vector of the advertised length, and nothing into nothing', async () => {
      const provider = factory();
      const vectors = await provider.embed(['The lighthouse was built in 1887.', 'Sailing at dawn.']);
      expect(vectors).toHaveLength(2);
      for (const v of vectors) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(provider.dimensions);
      }
      expect(await provider.embed([])).toEqual([]);
    });

    it('moderates text with an action and a list of categories', async () => {
      const result = await factory().moderate('What a lovely sunset over the harbour.');
      expect(['allow', 'hold', 'reject']).toContain(result.action);
      expect(Array.isArray(result.categories)).toBe(true);
    });
  });
}
