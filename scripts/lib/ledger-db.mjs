/**
 * The ledger's Postgres for local runs and tests, reached exactly as the Worker reaches Neon:
 * through the Neon driver over a WebSocket. Runs
 *  - an embedded Postgres (PGlite, in memory or in `dataDir`) served on 127.0.0.1 by
 *    pglite-socket, or uses the real PostgreSQL named by `databaseUrl`;
 *  - a WebSocket-to-TCP proxy on 127.0.0.1 that speaks Neon's wsproxy contract
 *    (`/v1?address=host:port`) and forwards to that one server only;
 * and applies the ledger migrations. PGlite takes seconds to boot (more on a busy machine), so
 * it boots on the proxy's first connection: a run that never touches the ledger pays nothing.
 * Returns the Worker's `LEDGER_DATABASE_URL` and `LEDGER_WS_PROXY`, `ready()` and `stop()`.
 * Types: ledger-db.d.mts.
 */
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Pool, neonConfig } from '@neondatabase/serverless';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort } from './dev-server.mjs';
import { applyLedgerMigrations } from './ledger-migrations.mjs';
import { connectionTurns, createTurns } from './pg-turns.mjs';

/** How long the proxy waits, once the database ended TCP, for the driver to close the WebSocket itself. */
const CLOSE_GRACE_MS = 1000;

/**
 * Neon's wsproxy contract for one allowed target: a binary WebSocket piped to a TCP socket, once
 * `ready()` resolves. `turns`: connections share one embedded database and take turns by the
 * protocol (pg-turns.mjs); null for a real server.
 */
async function startWsProxy(target, ready, port, turns) {
  let nextId = 0;
  const http = createHttpServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://proxy');
    if (url.pathname !== '/v1' || url.searchParams.get('address') !== target) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const pending = [];
      let tcp = null;
      const send = (buf) => {
        if (!tcp || tcp.connecting) pending.push(buf);
        else tcp.write(buf);
      };
      const turn = turns ? connectionTurns(turns, nextId++, send, () => tcp?.end()) : null;
      ws.on('message', (data) => {
        const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data);
        if (turn) turn.fromClient(buf);
        else send(buf);
      });
      ws.on('close', () => turn?.close());
      // pglite-socket keeps its side open after the Postgres Terminate message; the driver
      // closes the WebSocket right after sending it, and that close ends the TCP side, so
      // Client.end() returns. (Ending TCP on Terminate itself races the driver's close, and
      // workerd then reports an uncaught "Network connection lost".)
      ws.on('close', () => tcp?.end());
      ws.on('error', () => tcp?.destroy());
      ready().then(
        () => {
          if (ws.readyState !== WebSocket.OPEN) return;
          const [host, port] = target.split(':');
          tcp = connect(Number(port), host);
          tcp.setNoDelay(true);
          tcp.on('connect', () => {
            for (const buf of pending.splice(0)) tcp.write(buf);
            if (ws.readyState !== WebSocket.OPEN) tcp.end();
          });
          tcp.on('data', (data) => {
            turn?.fromServer(data);
            if (ws.readyState === WebSocket.OPEN) ws.send(data);
          });
          // Always a clean WebSocket close, and after the driver's own: workerd reports an
          // abrupt close, or one racing the driver's after Terminate (PostgreSQL ends TCP at
          // once), as an uncaught "Network connection lost" in the Worker.
          const closeSoon = () => setTimeout(() => ws.readyState === WebSocket.OPEN && ws.close(1000), CLOSE_GRACE_MS);
          tcp.on('close', closeSoon);
          tcp.on('error', closeSoon);
        },
        (err) => {
          console.error(`The ledger database did not start: ${err.message}`);
          ws.terminate();
        },
      );
    });
  });
  await new Promise((done) => http.listen(port, '127.0.0.1', done));
  return {
    // The driver adds the scheme itself (ws:// once useSecureWebSocket is off).
    address: `127.0.0.1:${port}`,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((done) => http.close(done));
    },
  };
}

/** PGlite as a client of applyLedgerMigrations (no socket needed before anyone connects). */
const pgliteMigrationPool = (db) => ({
  connect: async () => ({
    query: async (text, params) => (params ? db.query(text, params) : { rows: (await db.exec(text)).at(-1)?.rows ?? [] }),
    release() {},
  }),
});

/**
 * @param {{ databaseUrl?: string, dataDir?: string, proxyPort?: number, databasePort?: number }} [options]
 *   `databaseUrl`: a real PostgreSQL to use instead of PGlite; `dataDir`: where PGlite keeps its
 *   files (in memory otherwise); the ports, when the caller has to know them in advance.
 */
export async function startLedgerDb(options = {}) {
  let databaseUrl = options.databaseUrl;
  let starting = null;
  let stopDatabase = async () => {};
  let ready;
  if (databaseUrl) {
    ready = () => Promise.resolve();
  } else {
    const port = options.databasePort ?? (await freePort());
    databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    ready = () =>
      (starting ??= (async () => {
        const db = await PGlite.create(options.dataDir);
        await applyLedgerMigrations(pgliteMigrationPool(db));
        // Queries of concurrent connections are queued onto the one PGlite (a transaction keeps
        // its connection's turn); the default of one connection would refuse every Pool, and
        // every concurrent request of the Worker opens a pool of its own.
        const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1000 });
        await server.start();
        stopDatabase = async () => {
          await server.stop();
          await db.close();
        };
      })());
  }
  const target = new URL(databaseUrl);
  const proxy = await startWsProxy(`${target.hostname}:${target.port || 5432}`, ready, options.proxyPort ?? (await freePort()), options.databaseUrl ? null : createTurns());
  if (options.databaseUrl) {
    const pool = ledgerPool(databaseUrl, proxy.address);
    try {
      await applyLedgerMigrations(pool);
    } finally {
      await pool.end();
    }
  }
  return {
    LEDGER_DATABASE_URL: databaseUrl,
    LEDGER_WS_PROXY: proxy.address,
    ready,
    stop: async () => {
      await proxy.stop();
      await stopDatabase();
    },
  };
}

/** A Node-side Pool of the Neon driver through the local proxy (migrations, checks in tests). */
export function ledgerPool(databaseUrl, proxyAddress) {
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${proxyAddress}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  return new Pool({ connectionString: databaseUrl });
}
