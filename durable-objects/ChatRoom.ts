import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

/**
 * One conversation (1-to-1 or group): its messages in SQLite storage and its members' hibernatable WebSockets. Filled by the real-time issue (#5).
 */
export class ChatRoom extends DurableObject<Env> {}
