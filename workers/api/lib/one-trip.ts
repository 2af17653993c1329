/**
 * Several drizzle selects read in ONE D1 round trip, sharing intermediate results.
 *
 * D1 is paid per round trip, and statements of a batch cannot share a result. Here the shared
 * queries become MATERIALIZED common table expressions, each select a CTE with
 * positional column names, and every select's rows come back as one JSON array of
 * `json_array(columns)`: a statement answers one row, and drizzle's own row mapping turns each
 * select's arrays into its typed rows (positional, so a select joining tables that share column
 * names can ride in a batch, whose rows D1 answers as objects). D1 allows only a few terms in a
 * compound SELECT, so the selects are scalar subqueries rather than a UNION ALL.
 *
 * SQLite's planner slows sharply past about eight such subqueries in one statement (measured:
 * 15 cheap selects, 1 ms apart, 10–13 ms together), so the selects are spread over statements of
 * `PER_STATEMENT` — one batch, one round trip, the shared queries computed once per statement.
 */

interface PreparedSelect {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: { results: unknown[] }, isFromBatch: true): unknown;
  fields?: readonly unknown[];
}

/** A drizzle select: awaiting it runs it alone; its (internal) `_prepare` gives what is needed here. */
type Select = PromiseLike<unknown>;

type Results<T extends readonly Select[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** A query the selects read by name (e.g. a page's ids), as drizzle builds it or as plain SQL. */
export interface SharedQuery {
  name: string;
  query: { toSQL(): { sql: string; params: unknown[] } };
}

const PER_STATEMENT = 7;

/** The statements that read `selects` (see `oneTrip`), and how to read their answers back into each select's rows. */
function tripStatements<T extends readonly Select[]>(d1: D1Database, shared: readonly SharedQuery[], selects: T) {
  const prepared = selects.map((s) => (s as unknown as { _prepare(): PreparedSelect })._prepare());
  const head = shared.map(({ name, query }) => ({ name, ...query.toSQL() }));
  const statements: D1PreparedStatement[] = [];
  for (let first = 0; first < prepared.length; first += PER_STATEMENT) {
    const params: unknown[] = [];
    const ctes = head.map((h) => {
      params.push(...h.params);
      return `${h.name} AS MATERIALIZED (${h.sql})`;
    });
    const columns = prepared.slice(first, first + PER_STATEMENT).map((p, i) => {
      const built = p.getQuery();
      const width = p.fields?.length ?? 0;
      if (width === 0) throw new Error('oneTrip takes selects with known columns');
      const names = Array.from({ length: width }, (_, c) => `c${c}`).join(', ');
      ctes.push(`q${i}(${names}) AS (${built.sql})`);
      params.push(...built.params);
      return `(SELECT json_group_array(json_array(${names})) FROM q${i}) AS r${i}`;
    });
    statements.push(d1.prepare(`WITH ${ctes.join(',\n')}\nSELECT ${columns.join(',\n')}`).bind(...params));
  }
  const read = (answers: readonly D1Result<Record<string, string>>[]) =>
    prepared.map((p, i) => {
      const row = answers[Math.floor(i / PER_STATEMENT)]!.results[0]!;
      return p.mapResult({ results: JSON.parse(row[`r${i % PER_STATEMENT}`]!) as unknown[] }, true);
    }) as Results<T>;
  return { statements, read };
}

/**
 * Runs the selects in one batch. The selects may read the `shared` queries by name. Row order
 * within a select is not kept: callers sort what they show in order. `before` are statements
 * (writes) run first in the same batch — one transaction — so the selects see what they wrote.
 */
export async function oneTrip<T extends readonly Select[]>(d1: D1Database, shared: readonly SharedQuery[], selects: T, before: readonly SharedQuery['query'][] = []): Promise<Results<T>> {
  const trip = tripStatements(d1, shared, selects);
  const writes = before.map((q) => {
    const built = q.toSQL();
    return d1.prepare(built.sql).bind(...built.params);
  });
  const answers = await d1.batch<Record<string, string>>([...writes, ...trip.statements]);
  return trip.read(answers.slice(writes.length));
}
