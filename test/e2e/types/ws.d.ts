/**
 * The slice of `ws` (installed as a dependency of masto; Node 20 has no global WebSocket) that
 * test/e2e/streaming.test.ts uses.
 */
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string, protocols?: string | string[]);
    readonly protocol: string;
    send(data: string | Buffer): void;
    close(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'unexpected-response', listener: (req: unknown, res: { statusCode?: number }) => void): this;
  }
}
