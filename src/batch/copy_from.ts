import type { Dialect } from "../dialect/dialect.ts";
import { indexFromCreate } from "../dialect/sqlite/index_from_create.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import { isWord, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import { tableFromCreate } from "../dialect/sqlite/table_from_create.ts";
import type { BatchCopyFrom } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import type { SchemaObject, SqliteTable } from "./read_table.ts";
import { readable } from "./read_table.ts";

/**
 * The table a `copyFrom` gives, for `--sql` mode (which cannot read the database): its
 * CREATE TABLE text with the index, trigger and view statements that go with it, or a
 * `createTable` operation rendered by the dialect, read by the same readers as the
 * database's own SQL.
 *
 * @example
 * ```ts
 * await tableFromCopy(dialect, "users", { sql: "CREATE TABLE users (id INTEGER PRIMARY KEY)" });
 * ```
 */
export async function tableFromCopy(
  dialect: Dialect,
  table: string,
  copyFrom: BatchCopyFrom,
): Promise<SqliteTable> {
  const statements = "kind" in copyFrom
    ? dialect.createTable({ ...copyFrom, schema: undefined })
    : [
      copyFrom.sql,
      ...(copyFrom.indexes ?? []),
      ...(copyFrom.triggers ?? []),
      ...(copyFrom.views ?? []),
    ];
  const [createSql, ...rest] = statements;
  const model = await readable(() => tableFromCreate(createSql));
  if (!sameName(model.table, table)) {
    throw new BatchError(
      "BATCH_COPY_FROM_MISMATCH",
      `batchAlterTable ${table}: copyFrom describes table ${model.table}; give the definition of ${table}`,
    );
  }
  const objects = (word: string): SchemaObject[] =>
    rest.filter((sql) => objectKind(sql) === word).map((sql) => ({ name: objectName(sql), sql }));
  const indexes = objects("INDEX");
  const column = (name: string) => model.columns.find((c) => sameName(c.name, name))?.name ?? name;
  return {
    table: {
      ...model,
      table,
      indexes: await readable(() => indexes.map((ix) => indexFromCreate(ix.name, ix.sql, column))),
    },
    createSql,
    indexSql: new Map(indexes.map((ix) => [ix.name, ix.sql])),
    views: objects("VIEW"),
    triggers: objects("TRIGGER"),
  };
}

function objectKind(sql: string): string {
  const kind = tokenize(sql).find((t) => isWord(t, "INDEX", "TRIGGER", "VIEW"));
  return kind?.value.toUpperCase() ?? "";
}

function objectName(sql: string): string {
  const tokens = tokenize(sql);
  let i = tokens.findIndex((t) => isWord(t, "INDEX", "TRIGGER", "VIEW")) + 1;
  if (isWord(tokens[i], "IF")) i += 3;
  if (tokens[i + 1]?.text === ".") i += 2;
  return tokens[i]?.value ?? "";
}
