import type { Dialect } from "../dialect/dialect.ts";
import type { BatchCopyFrom } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import { parseTable } from "./parse_table.ts";
import { tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type { SchemaObject, TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

/**
 * The table definition a `copyFrom` gives (for `--sql` mode, which cannot read the database):
 * its CREATE TABLE text with the index, trigger and view statements that go with it, or a
 * `createTable` operation rendered by the dialect.
 *
 * @example
 * ```ts
 * definitionFromCopy(dialect, "users", { sql: "CREATE TABLE users (id INTEGER PRIMARY KEY)" });
 * ```
 */
export function definitionFromCopy(
  dialect: Dialect,
  table: string,
  copyFrom: BatchCopyFrom,
): TableDefinition {
  const statements = "kind" in copyFrom
    ? dialect.createTable({ ...copyFrom, schema: undefined })
    : [
      copyFrom.sql,
      ...(copyFrom.indexes ?? []),
      ...(copyFrom.triggers ?? []),
      ...(copyFrom.views ?? []),
    ];
  const [create, ...rest] = statements;
  const parsed = parseTable(create);
  if (!sameName(parsed.name, table)) {
    throw new BatchError(
      "BATCH_COPY_FROM_MISMATCH",
      `batchAlterTable ${table}: copyFrom describes table ${parsed.name}; give the definition of ${table}`,
    );
  }
  const objects = (word: string): SchemaObject[] =>
    rest.filter((sql) => objectKind(sql) === word).map((sql) => ({ name: objectName(sql), sql }));
  return {
    ...parsed,
    name: table,
    indexes: objects("INDEX"),
    triggers: objects("TRIGGER"),
    views: objects("VIEW"),
  };
}

function objectKind(sql: string): string {
  const kind = tokenize(sql).find((t) =>
    /^(INDEX|TRIGGER|VIEW)$/i.test(t.value) && t.kind === "word"
  );
  return kind?.value.toUpperCase() ?? "";
}

function objectName(sql: string): string {
  const tokens = tokenize(sql);
  let i = tokens.findIndex((t) => /^(INDEX|TRIGGER|VIEW)$/i.test(t.value) && t.kind === "word") + 1;
  if (/^IF$/i.test(tokens[i]?.value ?? "")) i += 3;
  if (tokens[i + 1]?.text === ".") i += 2;
  return tokens[i]?.value ?? "";
}
