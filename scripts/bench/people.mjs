/** Bench people logging in: accounts `bench<N>` share one password (data.mjs); every 25th is an agent, which cannot log in. */
import { benchAccountId } from './data.mjs';

export const PASSWORD = 'bench-password-1';

export async function login(url, n) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: `bench${n}`, password: PASSWORD }) });
  if (!res.ok) throw new Error(`logging in bench${n} answered ${res.status}: ${await res.text()}`);
  return (await res.json()).access_token;
}

/** The numbers of `count` people: bench accounts from 1,001 on, skipping the agents. */
export function personNumbers(count) {
  const numbers = [];
  for (let n = 1_001; numbers.length < count; n++) if (n % 25 !== 0) numbers.push(n);
  return numbers;
}

/** `count` logged-in people `{ id, token }` of a data set generated at `now`. */
export function people(url, now, count) {
  return Promise.all(personNumbers(count).map(async (n) => ({ id: benchAccountId(now, n), token: await login(url, n) })));
}
