/** The default name of an unnamed index: `ix_<table>_<col>_<col>`, `uq_` when unique. */
export function indexName(table: string, columns: readonly string[], unique: boolean): string {
  return `${unique ? "uq" : "ix"}_${table}_${columns.join("_")}`;
}
