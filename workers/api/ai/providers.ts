// Placeholder in this branch; replaced by the ai-engine branch at merge.
import type { Env } from '../../env';
import { EMBED_DIMENSIONS, lexicalEmbedding } from './builtin/embed';
import type { AiProvider } from './types';

export function getAiProvider(_env: Env): AiProvider {
  return {
    name: 'builtin',
    dimensions: EMBED_DIMENSIONS,
    embed: async (texts) => texts.map(lexicalEmbedding),
    generate: () => {
      throw new Error('not in this branch');
    },
    moderate: async () => {
      throw new Error('not in this branch');
    },
  };
}
