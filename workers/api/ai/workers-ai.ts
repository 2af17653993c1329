import { z } from 'zod';
import { AiProviderError } from './errors';
import { parseGuardText, verdictFromCodes } from './llama-guard';
import { buildMessages } from './prompt';
import { sseData } from './sse';
import type { AiProvider, GenerateRequest, ModerationResult } from './types';

export const WORKERS_AI_MODELS = {
  // The fp8 build of Llama 3.1 8B Instruct: the one listed in the pinned workers-types catalog.
  chat: '@cf/meta/llama-3.1-8b-instruct-fp8',
  embed: '@cf/baai/bge-base-en-v1.5',
  guard: '@cf/meta/llama-guard-3-8b',
} as const;

const BGE_BASE_DIMENSIONS = 768;
// bge-base accepts batches of text; 100 per call keeps each request well under the input limits.
const EMBED_BATCH = 100;

const StreamEvent = z.object({ response: z.string().optional() });
const EmbedOutput = z.object({ data: z.array(z.array(z.number())) });
const GuardOutput = z.object({
  response: z.union([z.string(), z.object({ safe: z.boolean().optional(), categories: z.array(z.string()).optional() })]),
});

/**
 * Workers AI through the `AI` binding. The binding only works against Cloudflare's network
 * (offline `wrangler dev` throws "Binding AI needs to be run remotely"), so it is chosen only when
 * configured explicitly. `AI_CHAT_MODEL`, `AI_EMBED_MODEL` and `AI_EMBED_DIMENSIONS` override the defaults.
 */
export function workersAiProvider(ai: Ai, models: { chat?: string; embed?: string; dimensions?: number } = {}): AiProvider {
  const chatModel = models.chat ?? WORKERS_AI_MODELS.chat;
  const embedModel = models.embed ?? WORKERS_AI_MODELS.embed;
  const dimensions = models.dimensions ?? BGE_BASE_DIMENSIONS;
  // The binding's overloads are keyed by catalog names; ours are configuration strings.
  const run = (model: string, inputs: Record<string, unknown>) => (ai.run as (m: string, i: Record<string, unknown>) => Promise<unknown>)(model, inputs);

  async function call(what: string, model: string, inputs: Record<string, unknown>): Promise<unknown> {
    try {
      return await run(model, inputs);
    } catch (err) {
      // The binding reports outages, quota and bad input alike as thrown errors with a message.
      throw new AiProviderError('workers-ai', 503, `${what} (${model}) failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function invalid(what: string, detail: string): AiProviderError {
    return new AiProviderError('workers-ai', 502, `${what} returned an unexpected response: ${detail}`);
  }

  return {
    name: 'workers-ai',
    dimensions,

    async *generate(request: GenerateRequest) {
      const stream = await call('text generation', chatModel, {
        messages: buildMessages(request),
        stream: true,
        ...(request.seed !== undefined && { seed: request.seed }),
        ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
      });
      if (!(stream instanceof ReadableStream)) throw invalid('text generation', 'not a stream');
      for await (const data of sseData(stream)) {
        let event: unknown;
        try {
          event = JSON.parse(data);
        } catch {
          throw invalid('text generation', `not JSON: ${data.slice(0, 80)}`);
        }
        const parsed = StreamEvent.safeParse(event);
        if (!parsed.success) throw invalid('text generation', 'an event without a response string');
        // The last event before [DONE] carries usage and an empty response.
        if (parsed.data.response) yield parsed.data.response;
      }
    },

    async embed(texts: string[]) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += EMBED_BATCH) {
        const batch = texts.slice(i, i + EMBED_BATCH);
        const parsed = EmbedOutput.safeParse(await call('embedding', embedModel, { text: batch }));
        const data = parsed.success ? parsed.data.data : [];
        if (data.length !== batch.length || data.some((v) => v.length !== dimensions)) throw invalid('embedding', `expected ${batch.length} vectors of ${dimensions} numbers`);
        for (const v of data) vectors.push(Float32Array.from(v));
      }
      return vectors;
    },

    async moderate(text: string): Promise<ModerationResult> {
      const parsed = GuardOutput.safeParse(await call('moderation', WORKERS_AI_MODELS.guard, { messages: [{ role: 'user', content: text }] }));
      if (!parsed.success) throw invalid('moderation', 'no verdict');
      const verdict = parsed.data.response;
      // Llama Guard answers in text (`unsafe\nS1`); the binding may also hand back the parsed object.
      return typeof verdict === 'string' ? parseGuardText(verdict) : verdictFromCodes(verdict.safe ?? !verdict.categories?.length, verdict.categories ?? []);
    },
  };
}
