/** SQL fragments shared by the modules. */
import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of ids as one bound JSON parameter, usable as `x IN ${idSet(ids)}`: D1 allows at most
 * 100 bound parameters a statement, and one parameter keeps the statement text the same
 * whatever the list's length.
 */
export function idSet(ids: readonly string[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}
