import { z } from 'zod';
import { lexicalEmbedding, EMBED_DIMENSIONS as LEXICAL_DIMENSIONS } from './builtin/embed';
import { AiProviderError, remoteStatusError } from './errors';
import { guardPrompt, parseGuardText } from './llama-guard';
import { buildMessages } from './prompt';
import { sseData } from './sse';
import type { AiProvider, GenerateRequest, ModerationAction, ModerationResult } from './types';

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  apiKey?: string;
  chatModel: string;
  /** Without it, embeddings are the built-in lexical ones (the server may have no embedding model). */
  embedModel?: string;
  /** Length of the embedding model's vectors. */
  dimensions?: number;
  /** Injected by tests to replay recorded responses. */
  fetch?: typeof fetch;
}

const ChatChunk = z.object({ choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).optional() })) });
const ChatCompletion = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1) });
const Embeddings = z.object({ data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })) });
const Moderations = z.object({ results: z.array(z.object({ flagged: z.boolean(), categories: z.record(z.string(), z.boolean().nullish()) })).min(1) });

/** OpenAI's moderation categories that nothing excuses; any other flag is held for a person to look at. */
const REJECTED = new Set(['sexual/minors', 'hate/threatening', 'harassment/threatening', 'illicit/violent', 'violence/graphic']);
const CATEGORY_NAMES: Record<string, string> = {
  'sexual/minors': 'child-safety',
  'hate/threatening': 'hate',
  'harassment/threatening': 'harassment',
  'self-harm/intent': 'self-harm',
  'self-harm/instructions': 'self-harm',
  'violence/graphic': 'violence',
  illicit: 'crime',
  'illicit/violent': 'crime',
};

/**
 * Any server that speaks OpenAI's HTTP API (OpenAI, Ollama, vLLM, llama.cpp, LM Studio, …):
 * `POST /chat/completions` streamed, `POST /embeddings`, and `POST /moderations` where the server
 * has it. Servers without a moderation endpoint (most local ones) get the chat model asked a
 * Llama-Guard-style question instead; that answer is parsed the same way as Workers AI's guard.
 */
export function openAiCompatibleProvider(options: OpenAiCompatibleOptions): AiProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const dimensions = options.embedModel ? (options.dimensions ?? 1536) : LEXICAL_DIMENSIONS;
  let hasModerations: boolean | undefined;

  async function post(what: string, path: string, body: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }) },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new AiProviderError('openai-compatible', 503, `${what}: ${base} is unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    return res;
  }

  async function ok(what: string, res: Response): Promise<Response> {
    if (res.ok) return res;
    throw remoteStatusError('openai-compatible', what, res.status, await res.text().catch(() => ''));
  }

  async function json<T>(what: string, res: Response, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new AiProviderError('openai-compatible', 502, `${what} returned an unexpected response`);
    return parsed.data;
  }

  async function moderateWithChat(text: string): Promise<ModerationResult> {
    const res = await ok('moderation', await post('moderation', '/chat/completions', {
      model: options.chatModel,
      messages: [{ role: 'user', content: guardPrompt(text) }],
      stream: false,
      temperature: 0,
      max_tokens: 20,
    }));
    const completion = await json('moderation', res, ChatCompletion);
    return parseGuardText(completion.choices[0]?.message.content ?? '');
  }

  return {
    name: 'openai-compatible',
    dimensions,

    async *generate(request: GenerateRequest) {
      const res = await ok('text generation', await post('text generation', '/chat/completions', {
        model: options.chatModel,
        messages: buildMessages(request),
        stream: true,
        ...(request.seed !== undefined && { seed: request.seed }),
        ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
      }));
      if (!res.body) throw new AiProviderError('openai-compatible', 502, 'text generation returned no body');
      for await (const data of sseData(res.body)) {
        let chunk: unknown;
        try {
          chunk = JSON.parse(data);
        } catch {
          throw new AiProviderError('openai-compatible', 502, `text generation streamed something that is not JSON: ${data.slice(0, 80)}`);
        }
        const parsed = ChatChunk.safeParse(chunk);
        if (!parsed.success) throw new AiProviderError('openai-compatible', 502, 'text generation streamed a chunk without choices');
        const content = parsed.data.choices[0]?.delta?.content;
        if (content) yield content;
      }
    },

    async embed(texts: string[]) {
      if (!options.embedModel) return texts.map(lexicalEmbedding);
      if (texts.length === 0) return [];
      const res = await ok('embedding', await post('embedding', '/embeddings', { model: options.embedModel, input: texts }));
      const { data } = await json('embedding', res, Embeddings);
      if (data.length !== texts.length || data.some((d) => d.embedding.length !== dimensions)) {
        throw new AiProviderError('openai-compatible', 502, `embedding: expected ${texts.length} vectors of ${dimensions} numbers (is AI_EMBED_DIMENSIONS right for ${options.embedModel}?)`);
      }
      return [...data].sort((a, b) => a.index - b.index).map((d) => Float32Array.from(d.embedding));
    },

    async moderate(text: string): Promise<ModerationResult> {
      if (hasModerations === false) return moderateWithChat(text);
      const res = await post('moderation', '/moderations', { input: text });
      // No such endpoint on this server: remember it, and ask the chat model from now on.
      if (res.status === 404 || res.status === 405 || res.status === 501) {
        hasModerations = false;
        return moderateWithChat(text);
      }
      hasModerations = true;
      const result = (await json('moderation', await ok('moderation', res), Moderations)).results[0]!;
      if (!result.flagged) return { action: 'allow', categories: [] };
      const flagged = Object.entries(result.categories).filter(([, on]) => on).map(([name]) => name);
      const action: ModerationAction = flagged.some((c) => REJECTED.has(c)) ? 'reject' : 'hold';
      const categories = [...new Set(flagged.map((c) => CATEGORY_NAMES[c] ?? c))];
      return { action, categories: categories.length ? categories : ['other'], reason: `${action === 'reject' ? 'Not allowed' : 'Held for review'}: ${categories.join(', ') || 'flagged'}` };
    },
  };
}
