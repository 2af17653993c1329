export interface RunningServer {
  url: string;
  port: number;
  /** The local state directory (D1, R2, Durable Objects), removed by `stop` unless kept. */
  state: string;
  /** Stops the server; `keepState` leaves the state directory for a restart (`startServer({ state })`). */
  stop(options?: { keepState?: boolean }): Promise<void>;
  /** Everything the server printed, for a failing test's message. */
  output(): string;
  /** CPU time (ms) the server's processes (wrangler and its workerd) have used so far; NaN off Linux. */
  cpuMs(): Promise<number>;
  /** Runs SQL against the server's local D1 database (`wrangler d1 execute`); resolves with the rows. */
  sql(command: string): Promise<Record<string, unknown>[]>;
}

export interface StartOptions {
  /** `--var` overrides for the Worker's configuration. */
  vars?: Record<string, string>;
  /** Runs after the migrations and before the server starts, with the state directory. */
  prepare?: (state: string) => Promise<void>;
  /** Starts wrangler with `--test-scheduled`: GET `/__scheduled` runs the scheduled handler. */
  testScheduled?: boolean;
  /** Restarts on the state directory a stopped server kept (no migrations, no `prepare`): a restart on the same data. */
  state?: string;
  /** The port to listen on (a free one otherwise). A restart keeps the port: access tokens are issued for the URL. */
  port?: number;
  /** A file that receives everything the server prints, besides `output()` (for readers in other processes). */
  logFile?: string;
}

/** The API rate limits test and benchmark servers run with: their clients share one address. */
export const RAISED_RATE_LIMITS: Record<string, string>;
export function freePort(): Promise<number>;
export function startServer(options?: StartOptions): Promise<RunningServer>;
/** Runs SQL against the local D1 database of a state directory (`wrangler d1 execute`); resolves with the rows. */
export function d1Sql(state: string): RunningServer['sql'];

export interface WranglerOptions {
  /** The local state directory, removed by `stop`. */
  state: string;
  /** Added to `wrangler dev --local --ip 127.0.0.1 --port …`: a `--config`, `--var`s, flags. */
  args?: string[];
  /** Polled until it answers 2xx (default `/`). */
  readyPath?: string;
  /** Default: a free port. */
  port?: number;
  /** A file that receives everything the server prints, besides `output()`. */
  logFile?: string;
}

export function startWrangler(options: WranglerOptions): Promise<Pick<RunningServer, 'url' | 'port' | 'stop' | 'output'>>;
