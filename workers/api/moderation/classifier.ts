// Placeholder in this branch; replaced by the moderation branch at merge.
import type { ModerationResult } from '../ai/types';

export function classifyText(_text: string): ModerationResult {
  return { action: 'allow', categories: [] };
}
