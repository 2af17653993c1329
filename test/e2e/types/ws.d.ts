/**
 * The slice of `ws` (installed as a dependency of masto; Node 20 has no global WebSocket) that
 * the end-to-end tests use.
 */
declare module 'ws' {
  export interface ClientOptions {
    headers?: Record<string, string>;
  }
  export default class WebSocket {
    static readonly OPEN: 1;
    constructor(url: string, protocols?: string | string[], options?: ClientOptions);
    constructor(url: string, options?: ClientOptions);
    readonly protocol: string;
    readonly readyState: 0 | 1 | 2 | 3;
    send(data: string | Buffer): void;
    close(code?: number, reason?: string): void;
    /** Drops the connection without a closing handshake, as a lost network does. */
    terminate(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'unexpected-response', listener: (req: unknown, res: { statusCode?: number }) => void): this;
  }
}
