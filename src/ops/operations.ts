import type { Column } from "./column.ts";
import type { Op } from "./op.ts";
import { indexName } from "./naming.ts";

/** Options of `op.createTable`. */
export interface CreateTableOptions {
  /** A composite primary key; single-column keys can use `primaryKey: true` on the column. */
  readonly primaryKey?: readonly string[];
}

/** Options of `op.createIndex`. */
export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** Defaults to `ix_<table>_<columns>` (`uq_` for unique indexes). */
  readonly name?: string;
}

/**
 * The `op` object a migration receives: each call records one operation, which runs in call
 * order. The returned promise settles when that operation has run, so a forgotten `await`
 * neither reorders nor loses anything: the runner waits for every recorded operation.
 *
 * @example
 * ```ts
 * await op.createTable("users", [t.column("id", t.integer(), { primaryKey: true })]);
 * ```
 */
export interface Operations {
  createTable(
    table: string,
    columns: readonly Column[],
    options?: CreateTableOptions,
  ): Promise<void>;
  dropTable(table: string): Promise<void>;
  addColumn(table: string, column: Column): Promise<void>;
  dropColumn(table: string, column: string): Promise<void>;
  createIndex(
    table: string,
    columns: string | readonly string[],
    options?: CreateIndexOptions,
  ): Promise<void>;
  dropIndex(name: string, options?: { table?: string }): Promise<void>;
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
}

/** Builds an `op` object that hands every operation, in call order, to `run`. */
export function createOperations(run: (op: Op) => Promise<void>): Operations {
  const record = (op: Op) => run(op);
  return Object.freeze(
    {
      createTable: (table, columns, options = {}) =>
        record({ kind: "createTable", table, columns, primaryKey: options.primaryKey }),
      dropTable: (table) => record({ kind: "dropTable", table }),
      addColumn: (table, column) => record({ kind: "addColumn", table, column }),
      dropColumn: (table, column) => record({ kind: "dropColumn", table, column }),
      createIndex: (table, columns, options = {}) => {
        const list = typeof columns === "string" ? [columns] : [...columns];
        const unique = options.unique ?? false;
        const name = options.name ?? indexName(table, list, unique);
        return record({ kind: "createIndex", name, table, columns: list, unique });
      },
      dropIndex: (name, options = {}) => record({ kind: "dropIndex", name, table: options.table }),
      execute: (sql, params) => record({ kind: "execute", sql, params }),
    } satisfies Operations,
  );
}
