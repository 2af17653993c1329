/**
 * Streams one uploaded file into R2 while it is being received. Bytes are gathered into 5 MiB
 * parts (R2's minimum, and every part but the last must be the same size); a file that fits in
 * one part is written with a single `put`, a larger one with a multipart upload. The type is
 * identified from the first bytes before anything is stored (by `UploadRules`: media here,
 * training files in `training/file-types.ts`), the byte count is checked against the type's
 * limit on every chunk, and `discard()` removes whatever was written or started.
 */
import { LIMITS } from '../../../shared/constants';
import { ApiError, invalidField } from '../lib/errors';
import type { PartSink } from './multipart-stream';
import { imageSize, type Size } from './image-size';
import { type Sniffed, sniffMedia } from './sniff';

export const PART_BYTES = 5 * 1024 * 1024;
const SNIFF_BYTES = 4096;
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

export const maxBytesFor = (s: Sniffed) => (s.kind === 'image' ? LIMITS.imageMaxBytes : LIMITS.videoMaxBytes);

/** What a sink accepts: the type of a file from its first bytes (at most 4 KiB), and its size limit. */
export interface UploadRules<T extends { mime: string }> {
  /** Throws the API error to answer (422, 415) when the bytes are not accepted. */
  identify(head: Uint8Array): T;
  maxBytes(type: T): number;
}

/** Images, video and audio, as sniffed from their bytes; `accepts` narrows the kinds. */
export function mediaRules(field: string, accepts: (s: Sniffed) => boolean, expected: string): UploadRules<Sniffed> {
  return {
    identify(head) {
      const sniffed = sniffMedia(head);
      if (!sniffed || !accepts(sniffed)) throw invalidField(field, `must be ${expected}`, 'ERR_UNSUPPORTED_TYPE');
      return sniffed;
    },
    maxBytes: maxBytesFor,
  };
}

export class R2UploadSink<T extends { mime: string } = Sniffed> implements PartSink {
  // Grows by doubling up to one part, so a small upload does not cost 5 MiB of memory.
  private buf = new Uint8Array(64 * 1024);
  private filled = 0;
  private upload: R2MultipartUpload | null = null;
  private parts: R2UploadedPart[] = [];
  private stored = false;
  size = 0;
  sniffed: T | null = null;
  key: string | null = null;
  /** Image dimensions, read from the first part. */
  dimensions: Size | null = null;
  /** The whole file, kept only when it fit in one part (for the blurhash). */
  whole: Uint8Array | null = null;
  /** How many parts a multipart upload used (0 for a single put). */
  get partCount() {
    return this.parts.length;
  }

  constructor(
    private readonly bucket: R2Bucket,
    private readonly field: string,
    private readonly keyFor: (t: T) => string,
    private readonly rules: UploadRules<T>,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(PART_BYTES - this.filled, chunk.length - at);
      if (this.filled + n > this.buf.length) this.grow(this.filled + n);
      this.buf.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      this.size += n;
      at += n;
      // Bytes that are no supported media are refused after the first 4 KiB, not the first part.
      if (!this.sniffed && this.filled >= SNIFF_BYTES) this.identify();
      if (this.sniffed) this.checkLimit();
      if (this.filled === PART_BYTES) await this.sendPart(this.buf.subarray(0, PART_BYTES));
    }
  }

  async end(): Promise<void> {
    this.identify();
    this.checkLimit();
    this.measure();
    const httpMetadata = { contentType: this.sniffed!.mime, cacheControl: CACHE_CONTROL };
    if (this.upload) {
      if (this.filled > 0) await this.sendPart(this.buf.subarray(0, this.filled));
      await this.upload.complete(this.parts);
    } else {
      this.whole = this.buf.subarray(0, this.filled);
      await this.bucket.put(this.key!, this.whole, { httpMetadata });
    }
    this.stored = true;
  }

  /** Removes the stored object, or aborts the multipart upload still in progress. */
  async discard(): Promise<void> {
    if (this.stored) await this.bucket.delete(this.key!);
    else if (this.upload) await this.upload.abort().catch(() => {});
    this.stored = false;
    this.upload = null;
  }

  private grow(needed: number): void {
    let size = this.buf.length;
    while (size < needed) size *= 2;
    const bigger = new Uint8Array(Math.min(PART_BYTES, size));
    bigger.set(this.buf.subarray(0, this.filled));
    this.buf = bigger;
  }

  private identify(): void {
    if (this.sniffed) return;
    this.sniffed = this.rules.identify(this.buf.subarray(0, this.filled));
    this.key = this.keyFor(this.sniffed);
  }

  /** Reads the image size from the head of the file, still in the buffer before the first part goes. */
  private measure(): void {
    if (this.sniffed!.mime.startsWith('image/') && this.parts.length === 0) this.dimensions = imageSize(this.sniffed!.mime, this.buf.subarray(0, this.filled));
  }

  private checkLimit(): void {
    const max = this.rules.maxBytes(this.sniffed!);
    if (this.size > max) throw new ApiError(413, `${this.field} is larger than ${max / 1024 / 1024} MB`);
  }

  private async sendPart(bytes: Uint8Array): Promise<void> {
    this.identify();
    this.checkLimit();
    this.measure();
    this.upload ??= await this.bucket.createMultipartUpload(this.key!, { httpMetadata: { contentType: this.sniffed!.mime, cacheControl: CACHE_CONTROL } });
    // The part is copied out by the time uploadPart resolves, so the buffer can be reused.
    this.parts.push(await this.upload.uploadPart(this.parts.length + 1, bytes));
    this.filled = 0;
  }
}
