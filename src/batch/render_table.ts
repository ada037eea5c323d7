import { isWord, namesIdentifier, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type { ColumnDefinition, TableDefinition } from "../dialect/sqlite/table_definition.ts";

/**
 * The `CREATE TABLE` of a definition under the name `as` (the rebuild's new table), each
 * column and constraint in its original text. A foreign key that references the table
 * itself is written to reference `as`, so it is not a child of the old table while that is
 * dropped, and SQLite's `ALTER TABLE ... RENAME TO` turns it back into the table's name.
 *
 * @example
 * ```ts
 * renderCreateTable(parseCreateTable(`CREATE TABLE t (a INT)`), `"_new_t"`);
 * // 'CREATE TABLE "_new_t" (\n  a INT\n)'
 * ```
 */
export function renderCreateTable(table: TableDefinition, as: string, quotedAs = as): string {
  const self = (text: string) => pointSelfReferences(text, table.name, quotedAs);
  const lines = [
    ...table.columns.map((c) => self(columnText(c))),
    ...table.constraints.map((c) => (c.kind === "foreignKey" ? self(c.text) : c.text)),
  ];
  const options = table.options ? ` ${table.options}` : "";
  return `CREATE TABLE ${as} (\n  ${lines.join(",\n  ")}\n)${options}`;
}

/** A column as written: name, type, clauses. */
export function columnText(column: ColumnDefinition): string {
  return [column.nameText, column.type, ...column.clauses.map((c) => c.text)]
    .filter((part) => part !== "")
    .join(" ");
}

/** `text` with `REFERENCES <table>` rewritten to `REFERENCES <to>`. */
function pointSelfReferences(text: string, table: string, to: string): string {
  const tokens = tokenize(text);
  let out = "";
  let at = 0;
  tokens.forEach((token, i) => {
    if (isWord(tokens[i - 1], "REFERENCES") && namesIdentifier(token, table)) {
      out += text.slice(at, token.start) + to;
      at = token.end;
    }
  });
  return out + text.slice(at);
}
