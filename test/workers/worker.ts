/**
 * The Worker the test pool runs: the API Worker and the conversations' Durable Objects, which
 * deployments run in the chat Worker (workers/chat.ts, bound by `script_name`). Here they share one
 * workerd script, so `runInDurableObject` reaches them; the end-to-end tests run the two Workers as
 * they are deployed.
 */
export * from '../../workers/index';
export { default } from '../../workers/index';
export { AgentSession, ChatRoom } from '../../workers/chat';
