/**
 * Receives a training file: the `file` part of a multipart body is streamed into R2 with the
 * media module's reader and sink (never buffered whole), under `training/<agentId>/<fileId>`.
 * Its type comes from the file name and is checked against its first bytes; the size limit is
 * checked from Content-Length before reading and again on every chunk. On any failure nothing
 * stays in R2.
 */
import { TRAINING_LIMITS, TRAINING_UPLOAD_MAX_BODY_BYTES } from '../../../shared/api/training';
import { ApiError, badRequest, invalidField } from '../lib/errors';
import { MultipartError, type PartInfo, boundaryOf, readMultipart } from '../media/multipart-stream';
import { R2UploadSink } from '../media/r2-sink';
import { type TrainingType, trainingRules } from './file-types';

export interface ReceivedTrainingFile {
  sink: R2UploadSink<TrainingType>;
  name: string;
}

export const trainingKey = (agentId: string, fileId: string) => `training/${agentId}/${fileId}`;

export async function receiveTrainingFile(bucket: R2Bucket, request: Request, agentId: string, fileId: string): Promise<ReceivedTrainingFile> {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (!boundary) throw new ApiError(415, 'Send the file as multipart/form-data, in a part named `file`');
  if (Number(request.headers.get('content-length') ?? 0) > TRAINING_UPLOAD_MAX_BODY_BYTES) throw tooLarge('The file');
  if (!request.body) throw invalidField('file', "can't be blank", 'ERR_BLANK');
  let received: ReceivedTrainingFile | null = null;
  const open = (part: PartInfo) => {
    // Only the first `file` part counts; other parts are read past.
    if (part.name !== 'file' || received) return null;
    const name = (part.filename ?? '').split(/[\\/]/).pop()!.slice(0, 255);
    received = { name, sink: new R2UploadSink(bucket, 'file', () => trainingKey(agentId, fileId), trainingRules(name)) };
    return received.sink;
  };
  try {
    await readMultipart(request.body, boundary, open, { maxFieldBytes: 64 * 1024, maxTotalBytes: TRAINING_UPLOAD_MAX_BODY_BYTES, tooLarge });
    if (!received) throw invalidField('file', "can't be blank", 'ERR_BLANK');
    return received;
  } catch (err) {
    await (received as ReceivedTrainingFile | null)?.sink.discard();
    if (err instanceof MultipartError) throw badRequest(err.message);
    throw err;
  }
}

const tooLarge = (what: string) => new ApiError(413, `${what} is larger than ${TRAINING_LIMITS.fileMaxBytes / 1024 / 1024} MB`);
