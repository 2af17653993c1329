/**
 * Several drizzle selects read in ONE SQL statement, sharing common table expressions.
 *
 * D1 is paid per round trip, and a batch of statements cannot share an intermediate result: a
 * page of statuses hydrated in a batch needs the page's ids in every statement, computed again
 * each time or sent from a first round trip. Here each select becomes a CTE with positional
 * column names, and their rows come back as JSON arrays of `json_array(columns)` in
 * one row of scalar subqueries (`json_group_array` per select: D1 allows only a few terms in a
 * compound SELECT, so no UNION ALL), and drizzle's own row mapping turns each select's arrays
 * into its typed rows.
 * SQLite computes a MATERIALIZED CTE once however many selects read it.
 */
/** What drizzle's D1 select builders offer: the built SQL and the mapping of raw rows to typed ones. */
interface PreparedSelect {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: { results: unknown[] }, isFromBatch: true): unknown;
  fields?: readonly unknown[];
}

/** A drizzle select: awaiting it runs it alone; its (internal) `_prepare` gives what is needed here. */
type Select = PromiseLike<unknown>;

type Results<T extends readonly Select[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

export interface OneStatement<T extends readonly Select[]> {
  sql: string;
  params: unknown[];
  /** Each select's typed rows from the statement's one result row. */
  map(row: Record<string, string>): Results<T>;
}

/** A query the selects read by name, computed once (e.g. a page's ids). */
export interface SharedQuery {
  name: string;
  query: { toSQL(): { sql: string; params: unknown[] } };
}

/** The selects may read the `shared` queries by name. Row order within a select is not kept: callers sort what they show in order. */
export function oneStatement<T extends readonly Select[]>(shared: readonly SharedQuery[], selects: T): OneStatement<T> {
  const prepared = selects.map((s) => (s as unknown as { _prepare(): PreparedSelect })._prepare());
  const params: unknown[] = [];
  const ctes: string[] = [];
  for (const { name, query } of shared) {
    const built = query.toSQL();
    ctes.push(`${name} AS MATERIALIZED (${built.sql})`);
    params.push(...built.params);
  }
  const columns: string[] = [];
  prepared.forEach((p, i) => {
    const built = p.getQuery();
    const width = p.fields?.length ?? 0;
    if (width === 0) throw new Error('oneStatement takes selects with known columns');
    const names = Array.from({ length: width }, (_, c) => `c${c}`).join(', ');
    ctes.push(`q${i}(${names}) AS (${built.sql})`);
    params.push(...built.params);
    columns.push(`(SELECT json_group_array(json_array(${names})) FROM q${i}) AS r${i}`);
  });
  return {
    sql: `WITH ${ctes.join(',\n')}\nSELECT ${columns.join(',\n')}`,
    params,
    map(row) {
      return prepared.map((p, i) => p.mapResult({ results: JSON.parse(row[`r${i}`]!) as unknown[] }, true)) as Results<T>;
    },
  };
}
