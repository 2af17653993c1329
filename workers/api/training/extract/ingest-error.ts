/**
 * A training file that cannot be ingested as it is (malformed JSON, unreadable PDF, no text):
 * retrying cannot help, so the file is marked failed with this message, shown to its owner.
 */
export class IngestError extends Error {
  override name = 'IngestError';
}
