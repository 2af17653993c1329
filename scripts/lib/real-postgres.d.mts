/** The newest installed PostgreSQL's bin folder (Debian layout), or null. */
export function postgresBin(): string | null;

/** A fresh PostgreSQL cluster on 127.0.0.1 with SCRAM auth; `stop()` removes it. */
export function startRealPostgres(): Promise<{ databaseUrl: string; stop(): void }>;
