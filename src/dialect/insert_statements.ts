/** How `insertStatements` writes SQL for one database. */
export interface InsertSyntax {
  quoteIdentifier(name: string): string;
  literal(value: unknown): string;
  /** The statement for a row without columns, e.g. `INSERT INTO t DEFAULT VALUES`. */
  emptyRow(qualifiedTable: string): string;
}

/** Most rows in one INSERT. */
export const maxRowsPerInsert = 500;
/** Most characters of values in one INSERT, well under every server's packet limit. */
export const maxCharsPerInsert = 500_000;

/**
 * Multi-row `INSERT ... VALUES` statements with literal values, so they also run offline.
 * Consecutive rows with the same columns share a statement; a statement holds at most
 * `maxRowsPerInsert` rows and about `maxCharsPerInsert` characters.
 *
 * @example
 * ```ts
 * insertStatements('"t"', [{ a: 1 }, { a: 2 }], syntax); // ['INSERT INTO "t" ("a") VALUES (1), (2)']
 * ```
 */
export function insertStatements(
  qualifiedTable: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  syntax: InsertSyntax,
): string[] {
  const out: string[] = [];
  let columns: string[] | undefined;
  let values: string[] = [];
  let chars = 0;
  const flush = () => {
    if (!columns) return;
    out.push(
      `INSERT INTO ${qualifiedTable} (${
        columns.map((c) => syntax.quoteIdentifier(c)).join(", ")
      }) ` +
        `VALUES ${values.join(", ")}`,
    );
    columns = undefined;
    values = [];
    chars = 0;
  };
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length === 0) {
      flush();
      out.push(syntax.emptyRow(qualifiedTable));
      continue;
    }
    if (
      !columns || !sameColumns(columns, keys) || values.length >= maxRowsPerInsert ||
      chars >= maxCharsPerInsert
    ) {
      flush();
      columns = keys;
    }
    const tuple = `(${columns.map((c) => syntax.literal(row[c])).join(", ")})`;
    values.push(tuple);
    chars += tuple.length;
  }
  flush();
  return out;
}

function sameColumns(columns: readonly string[], keys: readonly string[]): boolean {
  return columns.length === keys.length && keys.every((k) => columns.includes(k));
}
