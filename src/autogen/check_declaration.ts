import type { Dialect } from "../dialect/dialect.ts";
import { UsageError } from "../errors.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { Table } from "../schema/table.ts";

/**
 * Refuses a declared schema that cannot be what a database holds, before anything is
 * compared or written: a table declared twice, a column twice in a table, a key, index or
 * foreign key on a column that is not there, a foreign key to a table or column that is not
 * declared, and a type or option the database cannot store (each as a one-line usage error
 * naming the table and what to fix).
 *
 * @example
 * ```ts
 * checkDeclaration(schemaModel(declared, naming), dialect);
 * ```
 */
export function checkDeclaration(schema: DatabaseSchema, dialect: Dialect): void {
  const fail = (why: string) => {
    throw new UsageError("INVALID_SCHEMA", `the declared schema: ${why}`);
  };
  const name = (t: { table: string; schema?: string }) => (t.schema ? `${t.schema}.${t.table}` : t.table);
  const tables = new Map<string, Table>();
  for (const table of schema.tables) {
    if (tables.has(name(table))) fail(`table ${name(table)} is declared twice; keep one`);
    tables.set(name(table), table);
    const columns = new Set<string>();
    for (const column of table.columns) {
      if (columns.has(column.name)) fail(`table ${name(table)} declares column ${column.name} twice`);
      columns.add(column.name);
    }
    const needs = (what: string, list: readonly string[]) => {
      for (const column of list) {
        if (!columns.has(column)) fail(`${what} of table ${name(table)} uses column ${column}, which the table does not declare`);
      }
    };
    needs("the primary key", table.primaryKey?.columns ?? []);
    for (const u of table.uniques) needs(`unique ${u.name ?? ""}`.trim(), u.columns);
    for (const ix of table.indexes) {
      needs(`index ${ix.name}`, ix.columns.filter((c): c is string => typeof c === "string"));
    }
    for (const fk of table.foreignKeys) needs(`foreign key ${fk.name ?? ""}`.trim(), fk.columns);
  }
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      const target = tables.get(fk.referencesSchema ? `${fk.referencesSchema}.${fk.referencesTable}` : fk.referencesTable);
      const what = `foreign key ${fk.name ?? fk.columns.join(", ")} of table ${name(table)}`;
      if (!target) fail(`${what} references table ${fk.referencesTable}, which is not declared; declare it or drop the key`);
      for (const column of fk.referencesColumns) {
        if (!target!.columns.some((c) => c.name === column)) {
          fail(`${what} references ${fk.referencesTable}.${column}, which is not declared`);
        }
      }
    }
    try {
      dialect.createTable(table);
    } catch (error) {
      fail(String((error as Error).message).split("\n")[0]);
    }
  }
}
