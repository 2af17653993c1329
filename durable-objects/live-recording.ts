import { LIVE } from '../shared/constants';
import { concatBytes } from '../workers/api/lib/bytes';
import type { Logger } from '../workers/api/lib/logger';

/**
 * A live stream's recording, written to R2 as it goes: one multipart upload (`live/<id>.webm`),
 * whose parts must be at least 5 MiB except the last. Chunks wait in the object's SQLite
 * storage until a part's worth has come, then that part is uploaded and its chunks dropped, so
 * at most one part (plus one in flight) is held, and a restarted object loses nothing: the
 * upload id, the uploaded parts' etags and the waiting chunks are all in storage. Chunks keep
 * their arrival order (`seq`), parts their numbers, so the object is the chunks concatenated.
 */
export class Recording {
  /** Part uploads run one after another, in part order. */
  private uploads: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: SqlStorage,
    private readonly bucket: R2Bucket,
    private readonly log: Logger,
  ) {
    sql.exec('CREATE TABLE IF NOT EXISTS rec_chunks (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL, part INTEGER)');
    sql.exec('CREATE TABLE IF NOT EXISTS rec_parts (part INTEGER PRIMARY KEY, etag TEXT NOT NULL)');
    sql.exec('CREATE TABLE IF NOT EXISTS rec_upload (id INTEGER PRIMARY KEY CHECK (id = 0), upload_id TEXT NOT NULL)');
  }

  /** Stores a chunk; once a part's worth is waiting, uploads it in the background. */
  append(streamId: string, chunk: ArrayBuffer): void {
    this.sql.exec('INSERT INTO rec_chunks (data) VALUES (?)', chunk);
    const waiting = this.sql.exec<{ n: number }>('SELECT COALESCE(SUM(length(data)), 0) AS n FROM rec_chunks WHERE part IS NULL').one().n;
    if (waiting < LIVE.recordingPartBytes) return;
    const part = this.cutPart();
    this.uploads = this.uploads.then(() => this.uploadPart(streamId, part)).catch((err: unknown) => this.log.warn('recording part upload failed; retried at the end', { part, error: (err as Error).message }));
  }

  /**
   * Uploads what is left as the last part (and any part whose upload failed), completes the
   * upload and returns the object's key; null when nothing was ever recorded.
   */
  async complete(streamId: string): Promise<string | null> {
    await this.uploads;
    if (this.sql.exec('SELECT 1 FROM rec_chunks WHERE part IS NULL LIMIT 1').toArray().length) this.cutPart();
    const left = this.sql.exec<{ part: number }>('SELECT DISTINCT part FROM rec_chunks ORDER BY part').toArray();
    for (const { part } of left) await this.uploadPart(streamId, part);
    const parts = this.sql.exec<{ part: number; etag: string }>('SELECT part, etag FROM rec_parts ORDER BY part').toArray();
    if (parts.length === 0) return null;
    await (await this.upload(streamId)).complete(parts.map((p) => ({ partNumber: p.part, etag: p.etag })));
    this.sql.exec('DELETE FROM rec_parts');
    return recordingKey(streamId);
  }

  /** Gives the waiting chunks the next part number. */
  private cutPart(): number {
    const part = this.sql.exec<{ n: number }>('SELECT MAX(COALESCE((SELECT MAX(part) FROM rec_parts), 0), COALESCE((SELECT MAX(part) FROM rec_chunks), 0)) + 1 AS n').one().n;
    this.sql.exec('UPDATE rec_chunks SET part = ? WHERE part IS NULL', part);
    return part;
  }

  private async uploadPart(streamId: string, part: number): Promise<void> {
    const chunks = this.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM rec_chunks WHERE part = ? ORDER BY seq', part).toArray();
    const body = concatBytes(...chunks.map((c) => new Uint8Array(c.data)));
    const uploaded = await (await this.upload(streamId)).uploadPart(part, body);
    this.sql.exec('INSERT OR REPLACE INTO rec_parts (part, etag) VALUES (?, ?)', part, uploaded.etag);
    this.sql.exec('DELETE FROM rec_chunks WHERE part = ?', part);
  }

  /** The stream's multipart upload, created with its first part. */
  private async upload(streamId: string): Promise<R2MultipartUpload> {
    const key = recordingKey(streamId);
    const stored = this.sql.exec<{ upload_id: string }>('SELECT upload_id FROM rec_upload').toArray()[0];
    if (stored) return this.bucket.resumeMultipartUpload(key, stored.upload_id);
    const upload = await this.bucket.createMultipartUpload(key, { httpMetadata: { contentType: 'video/webm' } });
    this.sql.exec('INSERT INTO rec_upload (id, upload_id) VALUES (0, ?)', upload.uploadId);
    return upload;
  }
}

export const recordingKey = (streamId: string) => `live/${streamId}.webm`;
