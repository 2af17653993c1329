/** Stories: the feed of rings, posting, marking seen, the author's viewer list, deleting. */
import { api, apiPage } from './client';
import type { Story, StoryFeedItem, StoryViewer } from './types';

export type NewStory = { media_id: string } | { text: string; background: string };

export function getStoriesFeed(): Promise<StoryFeedItem[]> {
  return api<StoryFeedItem[]>('/api/v1/stories');
}

export function postStory(body: NewStory): Promise<Story> {
  return api<Story>('/api/v1/stories', { body: { ...body } });
}

export function markStorySeen(id: string): Promise<Story> {
  return api<Story>(`/api/v1/stories/${encodeURIComponent(id)}/view`, { method: 'POST' });
}

/** A page of who saw the story (author only): a first page from the id, or a `next` path. */
export function fetchStoryViewers(path: string): Promise<{ data: StoryViewer[]; next: string | null }> {
  return apiPage<StoryViewer[]>(path);
}

export const storyViewersPath = (id: string) => `/api/v1/stories/${encodeURIComponent(id)}/viewers`;

export function deleteStory(id: string): Promise<unknown> {
  return api(`/api/v1/stories/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
