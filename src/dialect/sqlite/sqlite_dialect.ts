import type { Column, ServerDefault } from "../../schema/column.ts";
import { isNullable } from "../../schema/column.ts";
import type { ColumnType } from "../../schema/column_type.ts";
import type { ForeignKey } from "../../schema/constraint.ts";
import type { ColumnAddition, ColumnAlteration, ConstraintDrop } from "../changes.ts";
import type { Table } from "../../schema/table.ts";
import { isSqlFragment } from "../../schema/sql_fragment.ts";
import type { ColumnPlace, TablePlace } from "../_shared.ts";
import {
  describeColumn,
  describeTable,
  isIntegerType,
  unsupported,
  wantsGeneratedValues,
} from "../_shared.ts";
import type { ColumnUse } from "../ddl_renderer.ts";
import { DdlRenderer } from "../ddl_renderer.ts";
import type { Capabilities, Statement } from "../dialect.ts";
import type { Introspector } from "../introspector.ts";
import type { PlaceholderSyntax } from "../inline_params.ts";
import { introspectSqlite } from "./introspect.ts";
import { sqliteType } from "./sqlite_types.ts";

const batch = "use op.batchAlterTable, which rebuilds the table";

/** A default SQLite takes without parentheses: a literal, a signed number, a time keyword. */
const bareDefault =
  /^(?:'(?:[^']|'')*'|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|NULL|TRUE|FALSE|CURRENT_(?:TIME|DATE|TIMESTAMP)|X'[0-9a-f]*')$/i;

/** True when the whole text is one parenthesised group. */
function parenthesised(text: string): boolean {
  if (!text.startsWith("(") || !text.endsWith(")")) return false;
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

/**
 * SQLite's SQL: its type names, inline `INTEGER PRIMARY KEY AUTOINCREMENT`, enum CHECKs, and
 * the limits of its ALTER TABLE (rename and add/drop column only; the rest needs a table
 * rebuild with `op.batchAlterTable`). A schema is the name of an attached database.
 * Comments are left out silently, as Alembic does.
 *
 * @example
 * ```ts
 * new SqliteDialect().render({ kind: "renameTable", table: "a", newName: "b" });
 * // [{ sql: 'ALTER TABLE "a" RENAME TO "b"' }]
 * ```
 */
export class SqliteDialect extends DdlRenderer {
  readonly name = "sqlite" as const;
  readonly introspect: Introspector = introspectSqlite;
  readonly capabilities: Capabilities = Object.freeze({
    transactionalDdl: true,
    schemas: true,
    nativeAlterColumn: false,
    alterConstraints: false,
    checkConstraints: true,
    deferrableConstraints: true,
    partialIndexes: true,
    concurrentIndexes: false,
    namedEnumTypes: false,
    comments: false,
    dropIndexNeedsTable: false,
    maxIdentifierLength: Number.MAX_SAFE_INTEGER,
    identifierUnit: "bytes",
  });
  protected readonly placeholders: PlaceholderSyntax = Object.freeze({
    placeholder: "question",
    quotes: "\"'`",
    backslashEscapes: false,
    hashComments: false,
    dollarQuotes: false,
  });

  renderType(type: ColumnType, _place: ColumnPlace): string {
    return sqliteType(type);
  }

  /**
   * An autoincrementing primary key (asked for, or the lone integer key's default) is written
   * `INTEGER` whatever its integer type, since only an `INTEGER PRIMARY KEY` is SQLite's
   * rowid, which numbers new rows (SQLite integers are 64-bit either way).
   */
  protected override columnDefinition(
    column: Column,
    place: ColumnPlace,
    use: ColumnUse = {},
  ): string {
    const numbered = use.implicitAutoincrement || (use.inlinePrimaryKey && wantsGeneratedValues(column));
    const rowid = numbered && isIntegerType(column.type) && column.type.name !== "integer";
    return super.columnDefinition(rowid ? { ...column, type: { name: "integer" } } : column, place, use);
  }

  tableExists(table: string, schema?: string): Statement {
    const master = schema === undefined
      ? "sqlite_master"
      : `${this.quoteIdentifier(schema)}.sqlite_master`;
    return { sql: `SELECT 1 FROM ${master} WHERE type = 'table' AND name = ?`, params: [table] };
  }

  protected override literalBoolean(value: boolean): string {
    return value ? "1" : "0";
  }

  /** SQL text cannot hold NUL, so NUL characters are spliced in with `char(0)`. */
  protected override literalString(text: string): string {
    if (!text.includes("\0")) return super.literalString(text);
    return `(${text.split("\0").map((part) => super.literalString(part)).join(" || char(0) || ")})`;
  }

  /** SQLite stores NaN as NULL and reads 9e999 as infinity. */
  protected override literalNumber(value: number): string {
    if (Number.isNaN(value)) return "NULL";
    if (!Number.isFinite(value)) return value > 0 ? "9e999" : "-9e999";
    return String(value);
  }

  /**
   * SQLite needs parentheses around expression defaults; a fragment that is already a
   * literal, a signed number, a keyword such as CURRENT_TIMESTAMP, or parenthesised is
   * written as it is (so a default read back from the database is written back unchanged).
   */
  protected override defaultValue(value: ServerDefault): string {
    if (!isSqlFragment(value)) return this.literal(value);
    const text = value.sql.trim();
    return bareDefault.test(text) || parenthesised(text) ? text : `(${text})`;
  }

  /** `) WITHOUT ROWID, STRICT`. */
  protected override tableOptions(op: Table): string {
    const options = [
      op.options?.withoutRowid ? "WITHOUT ROWID" : "",
      op.options?.strict ? "STRICT" : "",
    ].filter(Boolean);
    return options.length ? ` ${options.join(", ")}` : "";
  }

  /** SQLite only autoincrements an `INTEGER PRIMARY KEY` written on the column itself. */
  protected override inlinePrimaryKey(
    op: Table,
    keys: readonly string[],
  ): Column | undefined {
    if (keys.length !== 1) return undefined;
    const column = op.columns.find((c) => c.name === keys[0]);
    return column && wantsGeneratedValues(column) ? column : undefined;
  }

  /** The inline `PRIMARY KEY AUTOINCREMENT`, and the CHECK that stands in for an enum. */
  protected override columnExtras(column: Column, place: ColumnPlace, use: ColumnUse): string[] {
    const out: string[] = [];
    if (wantsGeneratedValues(column)) out.push(this.autoincrement(column, place, use));
    if (column.type.name === "enum") {
      const values = column.type.values.map((v) => this.literal(v)).join(", ");
      out.push(`CHECK (${this.quoteIdentifier(column.name)} IN (${values}))`);
    }
    return out;
  }

  private autoincrement(column: Column, place: ColumnPlace, use: ColumnUse): string {
    const what = `column ${describeColumn(place)}`;
    if (!use.inlinePrimaryKey) {
      throw unsupported(
        what,
        "SQLite autoincrements only the single-column primary key of a new table",
        "drop autoincrement/identity here",
      );
    }
    if (column.type.name !== "integer") {
      throw unsupported(
        what,
        "SQLite autoincrements only integer primary keys",
        "use t.integer() or t.bigint()",
      );
    }
    if (column.identity?.start !== undefined || column.identity?.increment !== undefined) {
      throw unsupported(
        what,
        "SQLite cannot set where AUTOINCREMENT starts or its step",
        "leave identity.start and identity.increment out on SQLite",
      );
    }
    return `${this.constraintName(use.inlinePrimaryKey.name)}PRIMARY KEY AUTOINCREMENT`;
  }

  override addColumn(op: ColumnAddition): string[] {
    const { column } = op;
    const what = `addColumn ${describeColumn({ ...op, column: column.name })}`;
    if (column.primaryKey || column.unique) {
      throw unsupported(
        what,
        `SQLite's ALTER TABLE cannot add a ${column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} column`,
        "add it plain and then op.createIndex(..., { unique: true }), or use op.batchAlterTable",
      );
    }
    if (!isNullable(column) && column.serverDefault === undefined) {
      throw unsupported(
        what,
        "SQLite cannot add a NOT NULL column without a default",
        `give it a serverDefault, or ${batch}`,
      );
    }
    return super.addColumn(op);
  }

  /** Only a rename runs natively; comments are ignored; the rest needs a rebuild. */
  override alterColumn(op: ColumnAlteration): string[] {
    const changes = [
      op.type !== undefined ? "type" : "",
      op.nullable !== undefined ? "nullability" : "",
      op.serverDefault !== undefined ? "default" : "",
    ].filter(Boolean);
    if (changes.length > 0) {
      throw unsupported(
        `alterColumn ${describeColumn(op)}`,
        `SQLite's ALTER TABLE cannot change a column's ${changes.join(", ")}`,
        batch,
      );
    }
    if (op.newName === undefined) return [];
    return [
      `ALTER TABLE ${this.qualify(op.table, op.schema)} RENAME COLUMN ${
        this.quoteIdentifier(op.column)
      } ` +
      `TO ${this.quoteIdentifier(op.newName)}`,
    ];
  }

  protected override addConstraint(place: TablePlace, name: string): string[] {
    throw unsupported(
      `add constraint ${name} on ${describeTable(place)}`,
      "SQLite's ALTER TABLE cannot add constraints",
      batch,
    );
  }

  override dropConstraint(op: ConstraintDrop): string[] {
    throw unsupported(
      `dropConstraint ${op.name} on ${describeTable(op)}`,
      "SQLite's ALTER TABLE cannot drop constraints",
      batch,
    );
  }

  override setTableComment(): string[] {
    return [];
  }

  protected override columnComment(): string[] {
    return [];
  }

  /** The schema qualifies the index name; the table stays unqualified. */
  protected override indexName(name: string, place: TablePlace): string {
    return this.qualify(name, place.schema);
  }

  protected override indexTable(place: TablePlace): string {
    return this.quoteIdentifier(place.table);
  }

  /** A foreign key can only reference a table in the same database file. */
  protected override referencedTable(fk: ForeignKey, place: TablePlace): string {
    if (fk.referencesSchema !== undefined && fk.referencesSchema !== place.schema) {
      throw unsupported(
        `foreign key ${fk.name} on ${describeTable(place)}`,
        "SQLite foreign keys cannot reference a table in another attached database",
        "drop referencesSchema",
      );
    }
    return this.quoteIdentifier(fk.referencesTable);
  }
}
