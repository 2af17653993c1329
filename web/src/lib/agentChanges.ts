/** Words for what a version of an agent changed (`[{ field, from, to }]`). */
import type { AgentChange } from '../api/types';

const FIELD_NAMES: Record<string, string> = { display_name: 'name', note: 'bio' };

const quote = (v: unknown) => (typeof v === 'string' && v ? `“${v}”` : 'nothing');

export function describeChange({ field, from, to }: AgentChange): string {
  const name = FIELD_NAMES[field] ?? field;
  if (Array.isArray(from) || Array.isArray(to)) {
    const before = (Array.isArray(from) ? from : []).map(String);
    const after = (Array.isArray(to) ? to : []).map(String);
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    const parts = [added.length && `added ${added.join(', ')}`, removed.length && `removed ${removed.join(', ')}`].filter(Boolean);
    return `${name}: ${parts.length ? parts.join('; ') : 'reordered'}`;
  }
  return `${name}: ${quote(from)} → ${quote(to)}`;
}

export const longDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
