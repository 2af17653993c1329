import { z } from 'zod';
import { Account } from './accounts';
import { Id, StringList } from './common';
import { PageQuery } from './pagination';
import { LiveStream } from './live';
import { Status } from './statuses';

export const NotificationType = z.enum(['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'reaction', 'moderation', 'live', 'export', 'moderation_warning']);

export const Notification = z
  .object({
    id: Id,
    type: NotificationType.describe('`reaction` and `moderation` are SMILE’s: an emoji reaction to your status; your status was held for review or removed by a moderator (the status carries `smile.moderation`); `live`: someone you follow went live (the notification carries `live_stream`); `export`: your data export is ready (Settings → Privacy & data); `moderation_warning` (Mastodon 4.3): staff warned or suspended you (the notification carries `moderation_warning`)'),
    moderation_warning: z
      .object({ id: Id, action: z.string(), text: z.string(), created_at: z.string() })
      .optional()
      .describe('The staff action of a `moderation_warning` (`warn`, `suspend`, `ban`, `delete`) and its text'),
    live_stream: LiveStream.optional().describe('SMILE: the stream of a `live` notification'),
    created_at: z.string(),
    group_key: z.string(),
    account: Account,
    status: Status.optional(),
  })
  .meta({ id: 'Notification' });

const Types = StringList.pipe(z.array(NotificationType));

export const NotificationsQuery = PageQuery.extend({
  types: Types.optional(),
  exclude_types: Types.optional(),
  account_id: Id.optional(),
});

export const UnreadCount = z.object({ count: z.number().int() }).meta({ id: 'UnreadCount' });

const Marker = z.object({ last_read_id: Id, version: z.number().int(), updated_at: z.string() });
export const Markers = z.object({ home: Marker.optional(), notifications: Marker.optional() }).meta({ id: 'Markers' });
export const MarkersQuery = z.object({ timeline: StringList.pipe(z.array(z.enum(['home', 'notifications']))).optional() });
export const SaveMarkersBody = z
  .object({ home: z.object({ last_read_id: Id }).optional(), notifications: z.object({ last_read_id: Id }).optional() })
  .meta({ id: 'SaveMarkersBody' });
