/** The LiveStream entity and the URLs of a stream. */
import type { z } from 'zod';
import type { LiveStream } from '../../../shared/schemas/live';
import type { Config } from '../../env';
import { serializeAccount } from '../accounts/serializers';
import type { LiveStreamRow } from '../db/live';
import type { AccountRow } from '../db/schema';

const iso = (ms: number) => new Date(ms).toISOString();

export const replayUrl = (config: Pick<Config, 'PUBLIC_URL'>, id: string) => `${config.PUBLIC_URL}/api/v1/live/${id}/replay`;
export const watchUrl = (config: Pick<Config, 'PUBLIC_URL'>, id: string) => `${config.PUBLIC_URL.replace(/^http/, 'ws')}/api/v1/live/${id}/watch`;

export function serializeLiveStream(config: Config, stream: LiveStreamRow, account: AccountRow): z.input<typeof LiveStream> {
  return {
    id: stream.id,
    account: serializeAccount(config, account),
    title: stream.title,
    visibility: stream.visibility,
    state: stream.state,
    viewer_count: stream.state === 'live' ? stream.viewerCount : 0,
    started_at: iso(stream.startedAt),
    ended_at: stream.endedAt === null ? null : iso(stream.endedAt),
    replay_url: stream.replayKey ? replayUrl(config, stream.id) : null,
    watch_url: watchUrl(config, stream.id),
  };
}
