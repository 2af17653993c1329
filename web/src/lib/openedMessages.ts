/**
 * Encrypted messages as the log shows them: the text and files this device opened in place of
 * the envelope and the opaque uploads, or a clear line saying why it could not.
 */
import type { ChatRoomMessage } from '../api/chats';
import type { Opened } from '../hooks/useRoomCrypto';

export function shownMessages(messages: ChatRoomMessage[], opened: Record<string, Opened>): ChatRoomMessage[] {
  return messages.map((m) => {
    if (!m.envelope) return m;
    const o = opened[m.id];
    if (!o) return { ...m, text: '🔒 Decrypting…', media_attachments: [] };
    if ('problem' in o) return { ...m, text: `🔒 ${o.problem}`, media_attachments: [] };
    const media = o.attachments.map((a) => ({ id: a.id, type: a.type, url: a.url, preview_url: a.type === 'image' ? a.url : null, remote_url: null, preview_remote_url: null, text_url: null, meta: {}, description: a.name, blurhash: null }));
    return { ...m, text: o.text, media_attachments: media };
  });
}
