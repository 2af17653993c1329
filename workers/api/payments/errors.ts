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

/** The database was too busy to run a transaction within its attempts; nothing it did was kept, so asking again is safe (503). */
export class LedgerBusyError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'LedgerBusyError';
  }
}
