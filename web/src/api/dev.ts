/** Development-only endpoints. */
import { request } from './http';
import type { Mail } from './types';

/** The dev mailbox (newest first); 404 when the server has it turned off. */
export function devMailbox(to?: string): Promise<Mail[]> {
  return request<Mail[]>('/api/v1/dev/mailbox', { query: { to: to || undefined } });
}
