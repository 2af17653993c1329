import { loadCommonConfig, type Env } from '../../env';
import { builtinProvider } from './builtin/provider';
import { AiProviderError } from './errors';
import { openAiCompatibleProvider } from './openai-compatible';
import type { AiProvider } from './types';
import { workersAiProvider } from './workers-ai';

const cache = new WeakMap<object, AiProvider>();

/**
 * The AI provider the configuration names (`AI_PROVIDER`, default `builtin`), built once per
 * isolate's env. Workers AI is used only when chosen explicitly: the binding throws offline.
 */
export function getAiProvider(env: Env): AiProvider {
  let provider = cache.get(env);
  if (provider) return provider;
  const config = loadCommonConfig(env);
  switch (config.AI_PROVIDER) {
    case 'workers-ai':
      if (!env.AI) throw new AiProviderError('workers-ai', 503, 'AI_PROVIDER=workers-ai but the Worker has no AI binding ([ai] in wrangler.toml)');
      provider = workersAiProvider(env.AI, { chat: config.AI_CHAT_MODEL, embed: config.AI_EMBED_MODEL, dimensions: config.AI_EMBED_DIMENSIONS });
      break;
    case 'openai-compatible':
      provider = openAiCompatibleProvider({
        // The config refuses openai-compatible without both.
        baseUrl: config.AI_BASE_URL!,
        chatModel: config.AI_CHAT_MODEL!,
        apiKey: config.AI_API_KEY,
        embedModel: config.AI_EMBED_MODEL,
        dimensions: config.AI_EMBED_DIMENSIONS,
      });
      break;
    default:
      provider = builtinProvider();
  }
  cache.set(env, provider);
  return provider;
}
