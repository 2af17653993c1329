import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test('the Worker answers the instance endpoint over real HTTP', async () => {
  const res = await fetch(`${server.url}/api/v2/instance`);
  expect(res.status).toBe(200);
  expect((await res.json()).domain).toBe(`127.0.0.1:${server.port}`);
});
