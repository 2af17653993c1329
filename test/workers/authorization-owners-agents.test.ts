/** The owner authorization matrix (issue 7 §5), agents part (training, chat, memory, drafts): see authorization-registry.ts. */
import { expect, it } from 'vitest';
import { CALLERS, hit } from './authorization-matrix';
import { agentsRegistry } from './authorization-registry.agents';
import { matrixSuite } from './authorization-suite';
import { chat } from './agent-chat.helpers';
import { createAgent } from './helpers';

matrixSuite('agents', agentsRegistry, (world) => {
  it("shows nobody else the owner's conversation with, or memory of, a public agent", async () => {
    const w = world();
    const agent = await createAgent(w.friend);
    await chat(w.owner, agent.id, 'I live in York.');
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      for (const key of ['get /api/v1/agents/:id/chat', 'get /api/v1/agents/:id/memory']) {
        // Each caller gets their own conversation (empty), never the owner's: the leak checks look.
        expect((await hit(w, key, caller, { params: { id: agent.id } }, undefined)).status, `${key} as ${caller}`).toBe(200);
      }
    }
  });
});
