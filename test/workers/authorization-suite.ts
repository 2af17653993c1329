/** Turns one part of the registry into tests: every owned contract as every caller, then the leak checks. */
import { beforeAll, describe, expect, it } from 'vitest';
import { collectSecrets, leaksIn } from './authorization-leaks';
import { type Entry, type World, contract, makeWorld, runOwned, runRead, seen } from './authorization-matrix';

/** Unowned reads without path params that every caller makes, for the leak checks. */
const READ_KINDS = new Set(['public', 'own-collection', 'role:moderator', 'role:admin']);

export function matrixSuite(name: string, registry: Record<string, Entry>, extra?: (w: () => World, blocked: Set<string>) => void) {
  describe(`authorization matrix: ${name}`, () => {
    let world: World;
    let calls = 0;
    const blocked = new Set<string>();
    beforeAll(async () => {
      world = await makeWorld();
    });

    for (const [key, entry] of Object.entries(registry)) {
      if (entry.kind !== 'owned') continue;
      it(`${key}: owner, outsiders and roles`, async () => {
        calls += await runOwned(world, key, entry);
      }, 60_000);
    }

    extra?.(() => world, blocked);

    // After the fixtures, so that the lists and feeds read here hold the owner's objects.
    for (const [key, entry] of Object.entries(registry)) {
      if (entry.kind === 'owned' || !READ_KINDS.has(entry.kind) || contract(key).method !== 'get' || key.includes(':')) continue;
      it(`${key}: read by every caller (${entry.kind})`, async () => {
        calls += await runRead(world, key, entry.kind, entry.query?.(world));
      });
    }

    it('no response leaks a hash, a token, a second factor, an e-mail, a private text or blocked content', async () => {
      const secrets = await collectSecrets(world);
      let checks = 0;
      const leaks: string[] = [];
      // Refusals too: an error body must not carry what the refused caller may not see.
      for (const s of seen) {
        const r = leaksIn(s, secrets, world, blocked);
        checks += r.checks;
        leaks.push(...r.leaks);
      }
      console.log(`authorization matrix (${name}): ${calls} checked calls, ${seen.length} responses, ${checks} leak checks`);
      expect(leaks).toEqual([]);
    });
  });
}
