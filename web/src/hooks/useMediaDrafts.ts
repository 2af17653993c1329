/**
 * Images and videos picked for a post or a message: each uploaded as soon as it is picked (its
 * progress, alt text and failure shown per file), at most `max`. The status composer and the chat
 * composer both attach media this way.
 */
import { useRef, useState } from 'react';
import { describeMedia, uploadMedia } from '../api/statuses';
import type { MediaDraft } from '../components/MediaDraftList';

export function useMediaDrafts(max: number) {
  const [drafts, setDrafts] = useState<MediaDraft[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<MediaDraft>) => setDrafts((all) => all.map((m) => (m.key === key ? { ...m, ...change } : m)));

  /** Starts uploading what was picked (up to the limit); false when nothing was. */
  const add = (files: FileList | null): boolean => {
    const picked = [...(files ?? [])].slice(0, max - drafts.length).map((file) => ({ key: crypto.randomUUID(), file, preview: URL.createObjectURL(file), progress: 0, description: '' }));
    setDrafts((all) => [...all, ...picked]);
    for (const d of picked) {
      uploadMedia(d.file, '', (fraction) => patch(d.key, { progress: fraction })).then(
        (attachment) => patch(d.key, { attachment, progress: 1 }),
        (err: unknown) => patch(d.key, { error: err instanceof Error ? err.message : String(err) }),
      );
    }
    // The same file can be picked again after it was removed.
    if (input.current) input.current.value = '';
    return picked.length > 0;
  };

  const remove = (key: string) =>
    setDrafts((all) => {
      const gone = all.find((m) => m.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return all.filter((m) => m.key !== key);
    });

  /** Saves the alt texts typed since upload, before the post or message that shows them is sent. */
  const saveDescriptions = () =>
    Promise.all(drafts.filter((m) => m.description.trim() && m.attachment && m.attachment.description !== m.description.trim()).map((m) => describeMedia(m.attachment!.id, m.description.trim())));

  const clear = () => {
    drafts.forEach((m) => URL.revokeObjectURL(m.preview));
    setDrafts([]);
  };

  return {
    drafts,
    /** The hidden file input's ref. */
    input,
    add,
    remove,
    describe: (key: string, description: string) => patch(key, { description }),
    saveDescriptions,
    clear,
    uploading: drafts.some((m) => !m.attachment && !m.error),
    failed: drafts.some((m) => m.error),
    full: drafts.length >= max,
  };
}
