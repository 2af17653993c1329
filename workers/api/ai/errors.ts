import { ApiError } from '../lib/errors';
import type { AiProvider } from './types';

/**
 * A remote AI provider failed. 503 when it is unreachable, overloaded or rate-limited (worth a
 * retry later); 502 when it answered with something we cannot use (bad key, unknown model,
 * malformed body). It is an ApiError, so a route that lets it through answers with its status.
 */
export class AiProviderError extends ApiError {
  constructor(
    readonly provider: AiProvider['name'],
    status: 502 | 503,
    message: string,
  ) {
    super(status, `AI provider ${provider}: ${message}`);
    this.name = 'AiProviderError';
  }
}

/** Maps a remote HTTP status onto ours: their outage or throttling is our 503, anything else they refuse is our 502. */
export function remoteStatusError(provider: AiProvider['name'], what: string, status: number, body: string): AiProviderError {
  const transient = status === 408 || status === 429 || status >= 500;
  const detail = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new AiProviderError(provider, transient ? 503 : 502, `${what} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`);
}
