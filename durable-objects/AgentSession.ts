import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

/**
 * One agent × one person: conversation history, rolling summary and learned facts. Filled by the agents issue (#4).
 */
export class AgentSession extends DurableObject<Env> {}
