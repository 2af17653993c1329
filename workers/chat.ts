/**
 * The chat Worker (wrangler.chat.jsonc): the conversations' Durable Objects alone — every chat room
 * (`ChatRoom`) and every agent's memory of a conversation with one person (`AgentSession`), which a
 * room's agent reads and writes as it answers. The API Worker binds both by `script_name`. A room's
 * isolate then holds the conversations' code (a fifth of the API's bundle) instead of the whole API
 * with its ~1,700 schemas, so V8's major collections, which every broadcast's garbage reaches, mark a
 * small heap: docs/realtime-bench.md has the measurements. Nothing here depends on the API Worker,
 * so it deploys first.
 */
export { AgentSession } from '../durable-objects/AgentSession';
export { ChatRoom } from '../durable-objects/ChatRoom';

export default {
  // Nothing is served here: clients reach rooms and agents through the API.
  fetch: () => Response.json({ error: 'Not found' }, { status: 404 }),
} satisfies ExportedHandler;
