import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

/**
 * One live broadcast: relays the broadcaster's media chunks to viewers, live chat and viewer count, recording to R2. Filled by the real-time issue (#5).
 */
export class LiveStream extends DurableObject<Env> {}
