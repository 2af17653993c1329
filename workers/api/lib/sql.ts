/** SQL fragments shared by the modules. */
import { type InferSelectModel, type SQL, type Table, getTableColumns, sql } from 'drizzle-orm';

/**
 * A list of ids as one bound JSON parameter, usable as `x IN ${idSet(ids)}`: D1 allows at most
 * 100 bound parameters a statement, and one parameter keeps the statement text the same
 * whatever the list's length.
 */
export function idSet(ids: readonly string[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/**
 * A table's columns read under `alias` in a hand-built select (`columns`) and the
 * decoder of their values into a row, mapped as drizzle maps its own. For hot reads whose SQL is
 * built once: drizzle builds and maps a select of many columns anew on every call. `keys`, if
 * given, reads only those columns (the table's key among them: it comes first, as in the table).
 */
export function tableRow<T extends Table, K extends keyof InferSelectModel<T> & string = keyof InferSelectModel<T> & string>(table: T, alias: string, keys?: readonly K[]) {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !keys || (keys as readonly string[]).includes(key));
  return {
    columns: columns.map(([, column]) => `${alias}."${column.name}"`),
    /** The row from `values[offset…]`; null when its key (the first column) is null, as for a LEFT JOIN that found nothing. */
    decode(values: readonly unknown[], offset = 0): Pick<InferSelectModel<T>, K> | null {
      if (values[offset] === null) return null;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const value = values[offset + i];
        row[columns[i]![0]] = value === null ? null : columns[i]![1].mapFromDriverValue(value);
      }
      return row as Pick<InferSelectModel<T>, K>;
    },
  };
}
