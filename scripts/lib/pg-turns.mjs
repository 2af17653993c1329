/**
 * Turn-taking for connections that share one embedded database. PGlite is a single Postgres
 * session: pglite-socket serves many connections from it by queueing what each sends, chunk by
 * chunk, and keeping a connection's turn while its transaction is open — but only once that
 * transaction's BEGIN has run, and at the granularity of TCP chunks, not protocol messages. Under
 * concurrent load another connection's statement then ran inside a transaction, or between a
 * Bind and its Execute ("SET TRANSACTION ISOLATION LEVEL must be called before any query",
 * "portal does not exist"). The WebSocket proxy in front of it therefore hands out turns by the
 * protocol itself: a connection holds the database from the moment it sends until every Query
 * or Sync it sent has its ReadyForQuery, and for as long as that ReadyForQuery says a
 * transaction is open ('T', 'E'). Real PostgreSQL needs none of this.
 *
 * It also ends a connection on Terminate, as PostgreSQL does: pglite-socket waits for the client
 * to end TCP, and the Neon driver never closes its WebSocket on `end()` (its Connection passes
 * the write callback where the encoding goes), so each connection stayed open until
 * pglite-socket's `maxConnections` refused every new one.
 */

/** One holder at a time, the others waiting in arrival order. */
export function createTurns() {
  let holder = null;
  const waiting = [];
  return {
    acquire(id) {
      if (holder === null || holder === id) {
        holder = id;
        return Promise.resolve();
      }
      return new Promise((granted) => waiting.push({ id, granted }));
    },
    release(id) {
      if (holder !== id) {
        const i = waiting.findIndex((w) => w.id === id);
        if (i >= 0) waiting.splice(i, 1);
        return;
      }
      const next = waiting.shift();
      holder = next?.id ?? null;
      next?.granted();
    },
  };
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/**
 * One connection's side of the turns: `fromClient` takes what the driver sends and writes it to
 * the database when the connection has the turn, and calls `terminated` once the client's
 * Terminate is written; `fromServer` reads the answers for ReadyForQuery; `close` gives the turn
 * up for good.
 */
export function connectionTurns(turns, id, write, terminated) {
  let startup = true;
  let sslAnswerBytes = 0;
  let frontend = Buffer.alloc(0);
  let backend = Buffer.alloc(0);
  let expected = 0;
  let inTransaction = false;
  let holding = false;
  let asking = false;
  let terminating = false;
  const queued = [];

  /** Counts the ReadyForQuery messages that complete messages in `buf` will bring. */
  function countFrontend(buf) {
    frontend = Buffer.concat([frontend, buf]);
    for (;;) {
      if (startup) {
        if (frontend.length < 8) return;
        const length = frontend.readInt32BE(0);
        if (frontend.length < length) return;
        const code = frontend.readInt32BE(4);
        frontend = frontend.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) sslAnswerBytes++;
        else if (code !== CANCEL_REQUEST) {
          startup = false;
          expected++; // the startup ends with ReadyForQuery
        }
        continue;
      }
      if (frontend.length < 5) return;
      const length = frontend.readInt32BE(1);
      if (frontend.length < 1 + length) return;
      const type = String.fromCharCode(frontend[0]);
      frontend = frontend.subarray(1 + length);
      if (type === 'Q' || type === 'S') expected++;
      if (type === 'X') terminating = true;
    }
  }

  function forward(buf) {
    countFrontend(buf);
    write(buf);
    if (terminating) terminated();
  }

  function maybeRelease() {
    if (holding && expected === 0 && !inTransaction && queued.length === 0) {
      holding = false;
      turns.release(id);
    }
  }

  async function flush() {
    if (asking) return;
    asking = true;
    await turns.acquire(id);
    asking = false;
    holding = true;
    for (const buf of queued.splice(0)) forward(buf);
    maybeRelease();
  }

  return {
    fromClient(buf) {
      if (holding) {
        forward(buf);
        return;
      }
      queued.push(buf);
      void flush();
    },
    fromServer(buf) {
      backend = Buffer.concat([backend, buf]);
      while (sslAnswerBytes > 0 && backend.length > 0) {
        backend = backend.subarray(1);
        sslAnswerBytes--;
      }
      while (backend.length >= 5) {
        const length = backend.readInt32BE(1);
        if (backend.length < 1 + length) break;
        if (backend[0] === 0x5a /* Z: ReadyForQuery */) {
          expected = Math.max(0, expected - 1);
          inTransaction = backend[5] !== 0x49; /* I: idle */
        }
        backend = backend.subarray(1 + length);
      }
      maybeRelease();
    },
    close() {
      queued.length = 0;
      holding = false;
      turns.release(id);
    },
  };
}
