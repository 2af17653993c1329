/** Why the ledger refused a posting; the routes map these to 409 / 422 later. */
export class LedgerError extends Error {
  constructor(
    readonly code: 'unbalanced' | 'invalid_entry' | 'idempotency_conflict' | 'not_found' | 'invalid_state',
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
