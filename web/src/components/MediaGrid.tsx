/** A status's attachments: images in a grid of one to four, videos with controls. */
import type { Status } from '../api/types';

type Attachment = Status['media_attachments'][number] & { preview_url?: string | null; description?: string | null };

export function MediaGrid({ media, sensitive }: { media: Status['media_attachments']; sensitive: boolean }) {
  if (media.length === 0) return null;
  return (
    <div className={`media-grid media-grid-${Math.min(media.length, 4)}${sensitive ? ' media-sensitive' : ''}`}>
      {(media as Attachment[]).map((m) => {
        if (!m.url) return null;
        const alt = m.description ?? '';
        if (m.type === 'video' || m.type === 'gifv') {
          return <video key={m.id} src={m.url} poster={m.preview_url ?? undefined} controls={m.type === 'video'} autoPlay={m.type === 'gifv'} loop={m.type === 'gifv'} muted={m.type === 'gifv'} playsInline aria-label={alt || 'Video'} />;
        }
        if (m.type === 'audio') return <audio key={m.id} src={m.url} controls aria-label={alt || 'Audio'} />;
        return (
          <a key={m.id} href={m.url} target="_blank" rel="noopener noreferrer" className="media-item">
            <img src={m.preview_url ?? m.url} alt={alt || 'Image (no description)'} loading="lazy" />
          </a>
        );
      })}
    </div>
  );
}
