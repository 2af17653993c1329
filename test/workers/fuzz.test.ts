/**
 * Every write contract with a body, fed arbitrary JSON, near-valid bodies full of nasty values,
 * and broken requests (malformed, truncated, 10 MB, wrong or missing content type, forms,
 * deep nesting): the API answers each with a JSON error or success, never a 500, and a refused
 * create leaves no row behind. The number of requests sent is printed at the end (docs/security.md).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allEndpoints } from '../../shared/api';
import type { Endpoint } from '../../shared/api/endpoint';
import { agentsApi, chatsApi, marketApi, statusesApi } from '../../shared/api';
import { anyJson, deepValue, nearValid } from './fuzz.arbitraries';
import { call, count, createAgent, signUp, type TestUser } from './helpers';

const ARBITRARY_RUNS = 8;
const NEAR_VALID_RUNS = 16;
const CREATE_RUNS = 25;
let sent = 0;
/** Built once: 10 MB, ten times the default body limit. */
const HUGE_BODY = new TextEncoder().encode(`{"a":"${'x'.repeat(10 * 1024 * 1024)}"}`);

/** A plausible value for each path parameter, so the body is what gets tested. */
function pathOf(ep: Endpoint): string {
  const sample: Record<string, string> = { provider: 'test', emoji: encodeURIComponent('👍'), key: 'x.png' };
  return ep.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => sample[name] ?? '1');
}

let user: TestUser | undefined;
/** A signed-in user; a new one when a fuzzed request revoked the token or deleted the account. */
async function caller(): Promise<TestUser> {
  if (user && (await call('/api/v1/accounts/verify_credentials', { token: user.token })).status === 200) return user;
  user = await signUp();
  return user;
}

async function send(ep: Endpoint, token: string, body: BodyInit, contentType: string | null): Promise<Response> {
  sent++;
  return call(pathOf(ep), { method: ep.method.toUpperCase(), token, body, headers: contentType ? { 'content-type': contentType } : {} });
}

/** Never a 500; every refusal a JSON body with an `error` string. */
async function expectHandled(res: Response, what: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), `${what}: error content type`).toContain('json');
    expect(typeof JSON.parse(text).error, `${what}: error body ${text.slice(0, 200)}`).toBe('string');
  }
}

const jsonText = (v: unknown) => JSON.stringify(v) ?? 'null';

const writeContracts = allEndpoints.filter((ep) => ep.method !== 'get' && (ep.body || ep.streamedBody));

describe('fuzzing every write contract with a body', () => {
  afterAll(() => {
    console.log(`fuzz: ${sent} requests to ${writeContracts.length} write contracts`);
  });

  for (const ep of writeContracts) {
    it(`${ep.method.toUpperCase()} ${ep.path} never answers 500`, async () => {
      const { token } = await caller();
      const schema = ep.body ?? ep.streamedBody!;
      const what = `${ep.method} ${ep.path}`;
      await fc.assert(
        fc.asyncProperty(anyJson, async (body) => expectHandled(await send(ep, token, jsonText(body), 'application/json'), `${what} ${jsonText(body).slice(0, 200)}`)),
        { numRuns: ARBITRARY_RUNS, endOnFailure: true },
      );
      await fc.assert(
        fc.asyncProperty(nearValid(schema), async (body) => expectHandled(await send(ep, token, jsonText(body), 'application/json'), `${what} ${jsonText(body).slice(0, 200)}`)),
        { numRuns: NEAR_VALID_RUNS, endOnFailure: true },
      );
      const sample = jsonText(fc.sample(nearValid(schema), { numRuns: 1, seed: 42 })[0]);
      const broken: [string, BodyInit, string | null][] = [
        ['malformed JSON', '{"status": "hi",', 'application/json'],
        ['truncated JSON', sample.slice(0, Math.max(1, Math.floor(sample.length / 2))), 'application/json'],
        ['a JSON array', '[1, 2, 3]', 'application/json'],
        ['deep nesting', jsonText({ a: fc.sample(deepValue, { numRuns: 1, seed: 7 })[0] }), 'application/json'],
        ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'],
        ['text/plain', sample, 'text/plain'],
        ['XML', '<status>hi</status>', 'application/xml'],
        ['no content type', sample, null],
        ['a form', 'status=%00%ff&a[b][c][]=1&a[b]=2&media_ids[]=x&&=&%E0%A4%A', 'application/x-www-form-urlencoded'],
        ['broken multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', 'multipart/form-data; boundary=x'],
      ];
      // The 1 MB limit of buffered bodies is one middleware in on(), so one contract proves it;
      // each streamed body enforces its own limit.
      if (ep.streamedBody || ep === writeContracts[0]) broken.push(['a 10 MB body', HUGE_BODY, 'application/json']);
      for (const [name, body, type] of broken) await expectHandled(await send(ep, token, body, type), `${what}: ${name}`);
    });
  }
});

describe('a refused create writes nothing', () => {
  const cases: { ep: Endpoint; tables: string[]; seed?: (u: TestUser) => Promise<Record<string, unknown>> }[] = [
    { ep: statusesApi.create, tables: ['statuses', 'mentions', 'status_tags', 'polls', 'idempotency_keys'] },
    { ep: agentsApi.create, tables: ['accounts', 'agents', 'agent_versions'] },
    { ep: marketApi.create, tables: ['market_listings', 'market_listing_media'], seed: async (u) => ({ agent_id: (await createAgent(u)).id }) },
    { ep: chatsApi.create, tables: ['chats', 'chat_members'], seed: async () => ({ account_ids: [(await signUp()).id] }) },
  ];
  for (const { ep, tables, seed } of cases) {
    it(`${ep.method.toUpperCase()} ${ep.path}`, async () => {
      const me = await caller();
      // Half the bodies carry a real reference (an agent of mine, another account), so they get past the lookups.
      const real = seed ? await seed(me) : {};
      const bodies = fc.tuple(nearValid(ep.body!), fc.boolean()).map(([b, withReal]) => (withReal && b && typeof b === 'object' && !Array.isArray(b) ? { ...b, ...real } : b));
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = await Promise.all(tables.map((t) => count(t)));
          const res = await send(ep, me.token, jsonText(body), 'application/json');
          await expectHandled(res.clone(), `${ep.path} ${jsonText(body).slice(0, 200)}`);
          if (res.status >= 400) expect(await Promise.all(tables.map((t) => count(t))), `${ep.path} refused ${res.status} but wrote`).toEqual(before);
        }),
        { numRuns: CREATE_RUNS, endOnFailure: true },
      );
    });
  }
});
