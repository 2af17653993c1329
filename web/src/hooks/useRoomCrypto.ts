/**
 * The encryption side of an end-to-end encrypted room (docs/e2ee.md): this browser's device,
 * the members' devices from the directory, every message opened as it arrives (attachments
 * fetched and decrypted into blob URLs), and sealing what is sent for every member device.
 * A plain room uses none of it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type AttachmentKey, type MessagePlaintext, NotForThisDevice, decryptBlob, decryptMessage, encryptBlob, encryptMessage } from '../../../shared/e2ee/crypto';
import type { E2eeEnvelope } from '../../../shared/schemas/e2ee';
import type { Chat, ChatRoomMessage } from '../api/chats';
import { type E2eeDevice, listDevices, uploadEncrypted } from '../api/e2ee';
import type { MediaAttachment } from '../api/types';
import { type LocalDevice, ensureDevice } from '../lib/e2eeDevice';

export interface OpenedAttachment {
  id: string;
  type: 'image' | 'video' | 'audio' | 'unknown';
  url: string;
  name: string;
}

/** A message as this device could open it: its text and files, or why not. */
export type Opened = { text: string; attachments: OpenedAttachment[] } | { problem: string };

const kindOf = (mime: string): OpenedAttachment['type'] => (mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : 'unknown');

export function useRoomCrypto(chat: Chat | null, me: string, messages: ChatRoomMessage[]) {
  const encrypted = chat?.encrypted ?? false;
  const [device, setDevice] = useState<LocalDevice | null>(null);
  const [deviceError, setDeviceError] = useState<string | null>(null);
  const [directory, setDirectory] = useState<E2eeDevice[]>([]);
  const [opened, setOpened] = useState<Record<string, Opened>>({});
  const started = useRef(new Set<string>());
  const memberIds = chat ? chat.members.map((m) => m.account.id).sort().join(',') : '';

  useEffect(() => {
    if (!encrypted || !me) return;
    ensureDevice(me).then(setDevice, (err: unknown) => setDeviceError(err instanceof Error ? err.message : String(err)));
  }, [encrypted, me]);

  const refresh = useCallback(async () => {
    const list = memberIds ? await listDevices(memberIds.split(',')) : [];
    setDirectory(list);
    return list;
  }, [memberIds]);

  useEffect(() => {
    if (encrypted && device) void refresh().catch(() => undefined);
  }, [encrypted, device, refresh]);

  const open = useCallback(
    async (m: ChatRoomMessage & { envelope: E2eeEnvelope }, known: E2eeDevice[]): Promise<Opened> => {
      let sender = known.find((d) => d.device_id === m.envelope.sender_device);
      if (!sender) sender = (await refresh()).find((d) => d.device_id === m.envelope.sender_device);
      // A key the directory lists under someone else is not the author's: refuse to show it as theirs.
      if (!sender || sender.account_id !== m.account_id) return { problem: 'This message came from a device that is not its author’s, and was not opened.' };
      let plain: MessagePlaintext;
      try {
        plain = await decryptMessage({ chatId: m.chat_id, deviceId: device!.device_id, privateKey: device!.privateKey, senderPublicKey: sender.public_key }, m.envelope);
      } catch (err) {
        return { problem: err instanceof NotForThisDevice ? err.message : 'This message could not be decrypted.' };
      }
      const attachments = await Promise.all(
        (plain.attachments ?? []).map(async (a) => {
          const media = m.media_attachments.find((x) => x.id === a.media_id);
          if (!media?.url) return null;
          const bytes = await (await fetch(media.url)).arrayBuffer();
          const url = URL.createObjectURL(new Blob([await decryptBlob(bytes, a)], { type: a.type }));
          return { id: a.media_id, type: kindOf(a.type), url, name: a.name };
        }),
      );
      return { text: plain.text, attachments: attachments.filter((a): a is OpenedAttachment => a !== null) };
    },
    [device, refresh],
  );

  useEffect(() => {
    if (!encrypted || !device) return;
    for (const m of messages) {
      if (!m.envelope || started.current.has(m.id)) continue;
      started.current.add(m.id);
      const envelope = m.envelope;
      void open({ ...m, envelope }, directory)
        .catch((): Opened => ({ problem: 'This message could not be decrypted.' }))
        .then((result) => setOpened((o) => ({ ...o, [m.id]: result })));
    }
  }, [encrypted, device, messages, directory, open]);

  /** Encrypts a message (and its files, uploaded as opaque bytes) for every current member device. */
  const seal = useCallback(
    async (text: string, files: File[]): Promise<{ envelope: E2eeEnvelope; media: MediaAttachment[] }> => {
      if (!device || !chat) throw new Error('This device is not ready for encryption yet.');
      const media: MediaAttachment[] = [];
      const keys: AttachmentKey[] = [];
      for (const file of files) {
        const sealed = await encryptBlob(new Uint8Array(await file.arrayBuffer()));
        const uploaded = await uploadEncrypted(sealed.data);
        media.push(uploaded);
        keys.push({ media_id: uploaded.id, key: sealed.key, iv: sealed.iv, type: file.type || 'application/octet-stream', name: file.name });
      }
      // Fresh each time: a device someone added since is then included.
      const recipients = (await refresh()).filter((d) => d.revoked_at === null);
      const envelope = await encryptMessage({ chatId: chat.id, deviceId: device.device_id, privateKey: device.privateKey }, recipients, { text, ...(keys.length && { attachments: keys }) });
      return { envelope, media };
    },
    [device, chat, refresh],
  );

  return { encrypted, ready: !encrypted || device !== null, deviceError, device, directory, opened, seal };
}
