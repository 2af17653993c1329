/**
 * One stream: the owner broadcasts (camera and microphone, or the screen, through MediaRecorder
 * in 1 s WebM slices over the broadcast socket); everyone else watches through MediaSource.
 * Both see the live chat, reactions and viewer count; after the end, the replay.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { endLive, getLiveStream, type LiveServerFrame, type LiveStream, openRoom } from '../api/live';
import { useSession } from '../auth/SessionProvider';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

type ChatLine = Extract<LiveServerFrame, { type: 'chat' }>['message'];
type Room = ReturnType<typeof openRoom>;

const REACTIONS = ['❤️', '🔥', '👏', '😂'];
/** The WebM Cluster element's id: where a late joiner's first media chunk can be cut into. */
const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];

export function LiveStreamPage({ id }: { id: string }) {
  const [resource, setStream] = useResource(() => getLiveStream(id), [id]);
  const { account } = useSession();
  useDocumentTitle(resource.state === 'ready' ? resource.data.title : 'Live');
  if (resource.state === 'loading') return <p>Loading…</p>;
  if (resource.state === 'error') return <p role="alert">{resource.error.message}</p>;
  const stream = resource.data;
  if (stream.state === 'ended') return <Replay stream={stream} />;
  const owner = account?.id === stream.account.id;
  return <Room key={stream.id} stream={stream} owner={owner} onEnded={(replay) => setStream({ ...stream, state: 'ended', replay_url: replay })} />;
}

function Replay({ stream }: { stream: LiveStream }) {
  return (
    <section className="live-stream">
      <h1>{stream.title}</h1>
      <p>The stream has ended.</p>
      {stream.replay_url ? <video className="live-replay" controls src={stream.replay_url} /> : <p>Nothing was recorded.</p>}
    </section>
  );
}

function Room({ stream, owner, onEnded }: { stream: LiveStream; owner: boolean; onEnded(replay: string | null): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const room = useRef<Room | null>(null);
  const [viewers, setViewers] = useState(0);
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [reactions, setReactions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [capture, setCapture] = useState<MediaStream | null>(null);

  useEffect(() => {
    const player = owner ? null : new Player(video.current!);
    let recorder: MediaRecorder | null = null;
    const r = openRoom(stream.id, owner ? 'broadcast' : 'watch', {
      onOpen: () => {
        player?.restart();
        recorder?.stop();
        recorder = null;
        if (owner && captureRef.current) recorder = record(captureRef.current, r);
      },
      onChunk: (chunk) => player?.push(chunk),
      onFrame: (frame) => {
        if (frame.type === 'viewers') setViewers(frame.count);
        else if (frame.type === 'chat') setChat((c) => [...c.slice(-199), frame.message]);
        else if (frame.type === 'reaction') setReactions((rs) => [...rs.slice(-19), frame.emoji]);
        else if (frame.type === 'error') setError(frame.error);
        else if (frame.type === 'ended') onEnded(frame.replay_url);
      },
    });
    room.current = r;
    startRecording.current = (media) => {
      recorder?.stop();
      recorder = record(media, r);
    };
    return () => {
      recorder?.stop();
      r.close();
    };
  }, [stream.id, owner]);

  const captureRef = useRef<MediaStream | null>(null);
  const startRecording = useRef<(media: MediaStream) => void>(() => {});
  const startCapture = async (screen: boolean) => {
    try {
      const media = screen ? await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true }) : await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      captureRef.current = media;
      setCapture(media);
      if (video.current) {
        video.current.srcObject = media;
        video.current.muted = true;
        void video.current.play();
      }
      startRecording.current(media);
    } catch (err) {
      setError(`Could not start the camera: ${(err as Error).message}`);
    }
  };

  const [text, setText] = useState('');
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    room.current?.send(JSON.stringify({ type: 'chat', text }));
    setText('');
  };

  return (
    <section className="live-stream">
      <h1>{stream.title}</h1>
      <p>
        <span className="live-badge">LIVE</span> <span data-testid="viewer-count">{viewers}</span> watching
      </p>
      <video ref={video} className="live-video" autoPlay playsInline muted={owner} controls={!owner} />
      {owner && (
        <div className="live-controls">
          {!capture && (
            <>
              <button type="button" onClick={() => void startCapture(false)}>Start camera</button>
              <button type="button" onClick={() => void startCapture(true)}>Share screen</button>
            </>
          )}
          <button type="button" onClick={() => void endLive(stream.id).then((s) => onEnded(s.replay_url))}>End stream</button>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="live-reactions" aria-label="Reactions">
        {REACTIONS.map((emoji) => (
          <button key={emoji} type="button" onClick={() => room.current?.send(JSON.stringify({ type: 'react', emoji }))}>{emoji}</button>
        ))}
        <span aria-live="polite">{reactions.slice(-5).join(' ')}</span>
      </div>
      <ol className="live-chat" aria-label="Live chat">
        {chat.map((m) => (
          <li key={m.id}><strong>{m.account.display_name || m.account.acct}</strong> {m.text}</li>
        ))}
      </ol>
      <form onSubmit={send} className="live-chat-form">
        <input aria-label="Chat message" value={text} onChange={(e) => setText(e.target.value)} maxLength={300} />
        <button type="submit">Send</button>
      </form>
    </section>
  );
}

/** Records the capture in 1 s WebM slices, each sent as one binary frame; the first slice carries the init segment. */
function record(media: MediaStream, room: Room): MediaRecorder {
  const type = ['video/webm;codecs=vp8,opus', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(media, type ? { mimeType: type } : {});
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) room.send(e.data);
  };
  recorder.start(1000);
  return recorder;
}

/** A MediaSource player fed chunk by chunk: the init segment first, then live media, appended one at a time. */
class Player {
  private source: MediaSource | null = null;
  private buffer: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  private received = 0;

  constructor(private readonly video: HTMLVideoElement) {}

  /** A new connection: its first chunk is an init segment again, so the player starts over. */
  restart(): void {
    this.queue = [];
    this.received = 0;
    this.buffer = null;
    const source = new MediaSource();
    this.source = source;
    this.video.src = URL.createObjectURL(source);
    source.addEventListener('sourceopen', () => {
      const type = ['video/webm;codecs=vp8,opus', 'video/webm'].find((t) => MediaSource.isTypeSupported(t)) ?? 'video/webm';
      this.buffer = source.addSourceBuffer(type);
      // Chunks play back to back: a late joiner's init segment carries old media, then live media follows.
      this.buffer.mode = 'sequence';
      this.buffer.addEventListener('updateend', () => this.drain());
      this.drain();
    });
  }

  push(chunk: ArrayBuffer): void {
    // The first live chunk after the init segment may start mid-cluster: cut it at the next cluster.
    this.queue.push(this.received++ === 1 ? fromCluster(chunk) : chunk);
    this.drain();
  }

  private drain(): void {
    if (!this.buffer || this.buffer.updating || this.queue.length === 0) return;
    try {
      this.buffer.appendBuffer(this.queue.shift()!);
      if (this.video.paused) void this.video.play().catch(() => undefined);
    } catch {
      // A chunk the decoder refused: the next cluster recovers.
    }
  }
}

function fromCluster(chunk: ArrayBuffer): ArrayBuffer {
  const bytes = new Uint8Array(chunk);
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (CLUSTER_ID.every((b, k) => bytes[i + k] === b)) return chunk.slice(i);
  }
  return chunk;
}
