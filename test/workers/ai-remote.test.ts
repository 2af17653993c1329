/**
 * The remote AI providers against recorded response shapes (a fake `AI` binding and a fake fetch
 * replaying test/workers/fixtures/ai-recordings.ts), their errors, the configuration that picks a
 * provider, and — when the test env points AI_BASE_URL at a reachable server — the live contract.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Env } from '../../workers/env';
import { AiProviderError } from '../../workers/api/ai/errors';
import { openAiCompatibleProvider } from '../../workers/api/ai/openai-compatible';
import { getAiProvider } from '../../workers/api/ai/providers';
import { workersAiProvider } from '../../workers/api/ai/workers-ai';
import { collect, contractRequest, describeProviderContract } from './ai-contract';
import * as rec from './fixtures/ai-recordings';

/** Bytes in awkward chunks: lines and a multi-byte character split across reads, as a network delivers them. */
function replay(body: string, chunkSize = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += chunkSize)));
    },
  });
}

interface Call {
  model: string;
  inputs: Record<string, any>;
}

function fakeAi(guard: unknown = rec.WORKERS_AI_GUARD_SAFE, calls: Call[] = []): Ai {
  const run = async (model: string, inputs: Record<string, any>) => {
    calls.push({ model, inputs });
    if (model.includes('llama-guard')) return guard;
    if (model.includes('bge')) {
      const texts: string[] = inputs.text;
      return { shape: [texts.length, 768], data: texts.map((_, i) => Array.from({ length: 768 }, (_, j) => Math.sin(i + j))), pooling: 'mean' };
    }
    return replay(rec.WORKERS_AI_STREAM);
  };
  return { run } as unknown as Ai;
}

type Route = (body: any) => Response | Promise<Response>;
function fakeFetch(routes: Record<string, Route>, calls: Array<{ path: string; body: any; auth: string | null }> = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = JSON.parse(String(init?.body ?? '{}'));
    calls.push({ path: url.pathname, body, auth: new Headers(init?.headers).get('authorization') });
    const route = routes[url.pathname];
    return route ? route(body) : new Response('not found', { status: 404 });
  }) as typeof fetch;
}

const sse = (body: string) => new Response(replay(body), { headers: { 'content-type': 'text/event-stream' } });
const openAiRoutes: Record<string, Route> = {
  '/v1/chat/completions': (body) => (body.stream ? sse(rec.OPENAI_STREAM) : Response.json(rec.OPENAI_CHAT_GUARD_ANSWER)),
  '/v1/embeddings': (body) => Response.json({ ...rec.OPENAI_EMBEDDINGS, data: rec.OPENAI_EMBEDDINGS.data.slice(0, body.input.length) }),
  '/v1/moderations': () => Response.json(rec.OPENAI_MODERATION_FLAGGED),
};
const openAi = (routes = openAiRoutes, calls?: Parameters<typeof fakeFetch>[1]) =>
  openAiCompatibleProvider({ baseUrl: 'http://llm.test/v1/', apiKey: 'sk-test', chatModel: 'llama3.1:8b', embedModel: 'nomic-embed-text', dimensions: 4, fetch: fakeFetch(routes, calls) });

describeProviderContract('workers-ai (replayed recordings)', () => workersAiProvider(fakeAi()));
describeProviderContract('openai-compatible (replayed recordings)', () => openAi());

describe('Workers AI provider', () => {
  it('streams the response pieces of the SSE stream, split anywhere on the wire, and sends the persona prompt, seed and max_tokens', async () => {
    const calls: Call[] = [];
    const pieces = await collect(workersAiProvider(fakeAi(undefined, calls)).generate(contractRequest));
    expect(pieces.join('')).toBe('The lighthouse was built in 1887 — café.');
    expect(pieces.length).toBe(7);
    const { inputs } = calls[0]!;
    expect(inputs).toMatchObject({ stream: true, seed: 11, max_tokens: 120 });
    expect(inputs.messages[0].role).toBe('system');
    expect(inputs.messages[0].content).toContain('Nova');
    expect(inputs.messages[0].content).toContain('The lighthouse on Kestrel Point was built in 1887.');
    expect(inputs.messages[0].content).toContain('Puffin');
    expect(inputs.messages.at(-1)).toEqual({ role: 'user', content: contractRequest.prompt });
    expect(inputs.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it('returns bge embeddings as 768-long vectors and refuses a response of the wrong shape', async () => {
    const vectors = await workersAiProvider(fakeAi()).embed(['a', 'b', 'c']);
    expect(vectors.map((v) => v.length)).toEqual([768, 768, 768]);
    const broken = { run: async () => ({ shape: [1, 3], data: [[1, 2, 3]] }) } as unknown as Ai;
    await expect(workersAiProvider(broken).embed(['a'])).rejects.toMatchObject({ status: 502 });
  });

  it("maps Llama Guard's verdicts: safe allows, violent crime is rejected, hate and self-harm are held", async () => {
    expect(await workersAiProvider(fakeAi(rec.WORKERS_AI_GUARD_SAFE)).moderate('hello')).toEqual({ action: 'allow', categories: [] });
    expect(await workersAiProvider(fakeAi(rec.WORKERS_AI_GUARD_UNSAFE_TEXT)).moderate('x')).toMatchObject({ action: 'reject', categories: ['violence'] });
    expect(await workersAiProvider(fakeAi(rec.WORKERS_AI_GUARD_UNSAFE_OBJECT)).moderate('x')).toMatchObject({ action: 'hold', categories: ['hate', 'self-harm'] });
  });

  it('turns a failing binding into a 503 and a garbled stream into a 502', async () => {
    const down = { run: async () => { throw new Error('Binding AI needs to be run remotely'); } } as unknown as Ai;
    const err = await collect(workersAiProvider(down).generate(contractRequest)).catch((e) => e);
    expect(err).toBeInstanceOf(AiProviderError);
    expect(err).toMatchObject({ status: 503 });
    expect(err.message).toContain('run remotely');
    const garbled = { run: async () => replay('data: {not json\n\n') } as unknown as Ai;
    await expect(collect(workersAiProvider(garbled).generate(contractRequest))).rejects.toMatchObject({ status: 502 });
  });
});

describe('OpenAI-compatible provider', () => {
  it('streams delta contents from /chat/completions with the key, model, seed and persona prompt', async () => {
    const calls: Parameters<typeof fakeFetch>[1] = [];
    const text = (await collect(openAi(openAiRoutes, calls).generate(contractRequest))).join('');
    expect(text).toBe('Ahoy! The tide turns at dawn.');
    expect(calls[0]).toMatchObject({ path: '/v1/chat/completions', auth: 'Bearer sk-test', body: { model: 'llama3.1:8b', stream: true, seed: 11, max_tokens: 120 } });
    expect(calls[0]!.body.messages[0].content).toContain('Keep the light burning.');
  });

  it('puts embeddings back in input order by their index', async () => {
    const [first, second] = await openAi().embed(['one', 'two']);
    expect(Array.from(first!)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
    expect(Array.from(second!)).toEqual([0.5, -0.5, 0.5, -0.5]);
  });

  it('says which setting to fix when the embedding length does not match AI_EMBED_DIMENSIONS', async () => {
    const provider = openAiCompatibleProvider({ baseUrl: 'http://llm.test/v1', chatModel: 'm', embedModel: 'e', dimensions: 768, fetch: fakeFetch(openAiRoutes) });
    await expect(provider.embed(['one'])).rejects.toThrow(/AI_EMBED_DIMENSIONS/);
  });

  it('falls back to lexical embeddings when no embedding model is configured', async () => {
    const calls: Parameters<typeof fakeFetch>[1] = [];
    const provider = openAiCompatibleProvider({ baseUrl: 'http://llm.test/v1', chatModel: 'm', fetch: fakeFetch(openAiRoutes, calls) });
    expect((await provider.embed(['one']))[0]!.length).toBe(512);
    expect(provider.dimensions).toBe(512);
    expect(calls).toHaveLength(0);
  });

  it('uses /moderations where the server has it: threats are rejected, with the categories named', async () => {
    expect(await openAi().moderate('x')).toMatchObject({ action: 'reject', categories: ['harassment', 'violence'] });
  });

  it('without /moderations asks the chat model a Llama-Guard-style question, and remembers not to try /moderations again', async () => {
    const calls: Parameters<typeof fakeFetch>[1] = [];
    const { '/v1/moderations': _, ...noModeration } = openAiRoutes;
    const provider = openAi(noModeration, calls);
    expect(await provider.moderate('I want to hurt myself')).toMatchObject({ action: 'hold', categories: ['self-harm'] });
    await provider.moderate('again');
    expect(calls.map((c) => c.path)).toEqual(['/v1/moderations', '/v1/chat/completions', '/v1/chat/completions']);
    expect(calls[1]!.body).toMatchObject({ stream: false, temperature: 0 });
    expect(calls[1]!.body.messages[0].content).toContain('S11: suicide and self-harm.');
    expect(calls[1]!.body.messages[0].content).toContain('I want to hurt myself');
  });

  it('maps failures: unreachable, throttled and server errors are 503; a refused key or a garbled body is 502', async () => {
    const status = (s: number) => openAi({ '/v1/chat/completions': () => new Response('{"error":"nope"}', { status: s }) });
    await expect(collect(status(503).generate(contractRequest))).rejects.toMatchObject({ status: 503 });
    await expect(collect(status(429).generate(contractRequest))).rejects.toMatchObject({ status: 503 });
    const unauthorized = await collect(status(401).generate(contractRequest)).catch((e) => e);
    expect(unauthorized).toMatchObject({ status: 502 });
    expect(unauthorized.message).toContain('HTTP 401');
    const unreachable = openAiCompatibleProvider({ baseUrl: 'http://llm.test/v1', chatModel: 'm', fetch: (async () => { throw new TypeError('connection refused'); }) as typeof fetch });
    await expect(collect(unreachable.generate(contractRequest))).rejects.toMatchObject({ status: 503 });
    const garbled = openAi({ '/v1/chat/completions': () => sse('data: {"nothing":1}\n\n') });
    await expect(collect(garbled.generate(contractRequest))).rejects.toMatchObject({ status: 502 });
  });
});

describe('choosing a provider', () => {
  const withVars = (vars: Record<string, string>) => ({ ...env, ...vars }) as Env;

  it('is the built-in engine unless configured otherwise, even with an AI binding present', () => {
    expect(getAiProvider(withVars({})).name).toBe('builtin');
  });

  it('is Workers AI or an OpenAI-compatible server when AI_PROVIDER says so', () => {
    expect(getAiProvider(withVars({ AI_PROVIDER: 'workers-ai' })).name).toBe('workers-ai');
    const provider = getAiProvider(withVars({ AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'http://127.0.0.1:11434/v1', AI_CHAT_MODEL: 'llama3.1', AI_EMBED_MODEL: 'nomic-embed-text', AI_EMBED_DIMENSIONS: '768' }));
    expect(provider).toMatchObject({ name: 'openai-compatible', dimensions: 768 });
  });

  it('refuses an OpenAI-compatible setup without a base URL or model, and an unknown provider', () => {
    expect(() => loadConfig(withVars({ AI_PROVIDER: 'openai-compatible', AI_CHAT_MODEL: 'x' }))).toThrow(/AI_BASE_URL/);
    expect(() => loadConfig(withVars({ AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'http://127.0.0.1:1/v1' }))).toThrow(/AI_CHAT_MODEL/);
    expect(() => loadConfig(withVars({ AI_PROVIDER: 'gpt' }))).toThrow(/AI_PROVIDER/);
    expect(() => loadConfig(withVars({ AI_EMBED_DIMENSIONS: 'many' }))).toThrow(/AI_EMBED_DIMENSIONS/);
  });

  it('says so when Workers AI is chosen but the Worker has no AI binding', () => {
    expect(() => getAiProvider({ ...withVars({ AI_PROVIDER: 'workers-ai' }), AI: undefined })).toThrow(/no AI binding/);
  });
});

// The live suite: set AI_BASE_URL and AI_CHAT_MODEL (optionally AI_API_KEY, AI_EMBED_MODEL,
// AI_EMBED_DIMENSIONS) in the environment of `vitest`; test/vitest.workers.config.ts passes them on.
const live = env as Env;
const liveUrl = typeof live.AI_BASE_URL === 'string' ? live.AI_BASE_URL : undefined;
async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
const liveReason = !liveUrl ? 'skipped: AI_BASE_URL is not set in the test env' : (await reachable(liveUrl)) ? `against ${liveUrl}` : `skipped: ${liveUrl} is unreachable`;
if (liveUrl && !liveReason.startsWith('skipped')) {
  describeProviderContract(`openai-compatible, live ${liveReason}`, () => getAiProvider(withLive()));
} else {
  describe.skip(`AI provider contract: openai-compatible, live (${liveReason})`, () => {
    it('runs the provider contract against a real server', () => {});
  });
}
function withLive(): Env {
  return { ...live, AI_PROVIDER: 'openai-compatible' } as Env;
}
