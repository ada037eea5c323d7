import type { Column, ServerDefault } from "../ops/column.ts";
import { isNullable } from "../ops/column.ts";
import type { ColumnType } from "../ops/column_type.ts";
import type { Op } from "../ops/op.ts";
import type { AddColumnOp, CreateIndexOp, CreateTableOp } from "../ops/op.ts";
import { isSqlFragment } from "../ops/sql_fragment.ts";
import type { Capabilities, Dialect, Statement } from "./dialect.ts";

/**
 * The DDL that most databases share. Each database subclasses it and overrides the few
 * methods where its SQL differs.
 */
export abstract class DdlRenderer implements Dialect {
  abstract readonly name: Dialect["name"];
  abstract readonly capabilities: Capabilities;

  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (isSqlFragment(value)) return value.sql;
    return `'${String(value).replaceAll("'", "''")}'`;
  }

  abstract renderType(type: ColumnType): string;
  abstract tableExists(table: string): Statement;

  render(op: Op): Statement[] {
    switch (op.kind) {
      case "createTable":
        return [{ sql: this.createTable(op) }];
      case "dropTable":
        return [{ sql: `DROP TABLE ${this.quoteIdentifier(op.table)}` }];
      case "addColumn":
        return [{ sql: this.addColumn(op) }];
      case "dropColumn":
        return [{
          sql: `ALTER TABLE ${this.quoteIdentifier(op.table)} DROP COLUMN ${
            this.quoteIdentifier(op.column)
          }`,
        }];
      case "createIndex":
        return [{ sql: this.createIndex(op) }];
      case "dropIndex":
        return [{ sql: `DROP INDEX ${this.quoteIdentifier(op.name)}` }];
      case "execute":
        return [{ sql: op.sql, params: op.params }];
    }
  }

  createVersionTable(table: string): Statement {
    const name = this.quoteIdentifier(table);
    const pk = this.quoteIdentifier(`${table}_pkc`);
    return {
      sql: `CREATE TABLE IF NOT EXISTS ${name} (version_num VARCHAR(64) NOT NULL, ` +
        `CONSTRAINT ${pk} PRIMARY KEY (version_num))`,
    };
  }

  protected primaryKeyColumns(op: CreateTableOp): string[] {
    return [...(op.primaryKey ?? op.columns.filter((c) => c.primaryKey).map((c) => c.name))];
  }

  protected createTable(op: CreateTableOp): string {
    const keys = this.primaryKeyColumns(op);
    const inlineKey = this.inlinePrimaryKey(op, keys);
    const parts = op.columns.map((c) =>
      this.columnDefinition(keys.includes(c.name) ? { ...c, primaryKey: true } : c, c === inlineKey)
    );
    if (keys.length > 0 && !inlineKey) {
      parts.push(`PRIMARY KEY (${keys.map((k) => this.quoteIdentifier(k)).join(", ")})`);
    }
    for (const column of op.columns) {
      if (column.unique) parts.push(`UNIQUE (${this.quoteIdentifier(column.name)})`);
    }
    return `CREATE TABLE ${this.quoteIdentifier(op.table)} (\n  ${parts.join(",\n  ")}\n)`;
  }

  /** The column whose primary key is written inline (needed for AUTOINCREMENT), if any. */
  protected inlinePrimaryKey(_op: CreateTableOp, _keys: string[]): Column | undefined {
    return undefined;
  }

  protected columnDefinition(column: Column, inlinePrimaryKey = false): string {
    let text = `${this.quoteIdentifier(column.name)} ${this.renderType(column.type)}`;
    if (!isNullable(column)) text += " NOT NULL";
    if (column.serverDefault !== undefined) {
      text += ` DEFAULT ${this.defaultValue(column.serverDefault)}`;
    }
    if (inlinePrimaryKey) text += ` PRIMARY KEY${this.autoincrement(column)}`;
    return text;
  }

  protected autoincrement(_column: Column): string {
    return "";
  }

  protected defaultValue(value: ServerDefault): string {
    return this.literal(value);
  }

  protected addColumn(op: AddColumnOp): string {
    return `ALTER TABLE ${this.quoteIdentifier(op.table)} ADD COLUMN ${
      this.columnDefinition(op.column)
    }`;
  }

  protected createIndex(op: CreateIndexOp): string {
    const columns = op.columns.map((c) => this.quoteIdentifier(c)).join(", ");
    return `CREATE ${op.unique ? "UNIQUE " : ""}INDEX ${this.quoteIdentifier(op.name)} ON ${
      this.quoteIdentifier(op.table)
    } (${columns})`;
  }
}
