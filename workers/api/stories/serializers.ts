/** The wire shapes of stories: the Story entity, a stories-feed entry and a viewer. */
import type { z } from 'zod';
import type { Story, StoryFeedItem, StoryViewer } from '../../../shared/schemas/stories';
import type { Config } from '../../env';
import { serializeAccount } from '../accounts/serializers';
import type { AccountRow } from '../db/schema';
import { serializeMedia } from '../media/serializers';
import type { FeedEntry, LoadedStory } from './stories.service';

const iso = (ms: number) => new Date(ms).toISOString();

export function serializeStory(config: Config, { story, account, media, seen, viewsCount }: LoadedStory): z.input<typeof Story> {
  return {
    id: story.id,
    account: serializeAccount(config, account),
    created_at: iso(story.createdAt),
    expires_at: iso(story.expiresAt),
    media_attachment: media ? serializeMedia(config, media) : null,
    text: story.text,
    background: story.background,
    seen: Boolean(seen),
    views_count: viewsCount,
  };
}

export function serializeFeedEntry(config: Config, entry: FeedEntry): z.input<typeof StoryFeedItem> {
  return {
    account: serializeAccount(config, entry.account),
    has_unseen: entry.hasUnseen,
    last_story_at: iso(entry.stories[entry.stories.length - 1]!.story.createdAt),
    stories: entry.stories.map((s) => serializeStory(config, s)),
  };
}

export const serializeViewer = (config: Config, v: { account: AccountRow; viewedAt: number }): z.input<typeof StoryViewer> => ({ account: serializeAccount(config, v.account), viewed_at: iso(v.viewedAt) });
