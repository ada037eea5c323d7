import type { Column, ServerDefault } from "../schema/column.ts";
import { isNullable } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import type { ForeignKey, Index, IndexColumn, IndexKey } from "../schema/constraint.ts";
import type {
  CheckAddition,
  ColumnAddition,
  ColumnAlteration,
  ColumnDrop,
  ConstraintDrop,
  EnumTypeCreation,
  EnumTypeDrop,
  EnumValueAddition,
  ForeignKeyAddition,
  IndexCreation,
  IndexDrop,
  PrimaryKeyAddition,
  RowsInsert,
  TableRename,
  UniqueAddition,
} from "./changes.ts";
import type { Table } from "../schema/table.ts";
import type { Introspector } from "./introspector.ts";
import { isSqlFragment } from "../schema/sql_fragment.ts";
import type { ColumnPlace, TablePlace } from "./_shared.ts";
import {
  bytesOf,
  describeColumn,
  describeTable,
  hexOf,
  isIntegerType,
  unsupported,
  utcDateText,
} from "./_shared.ts";
import type { Capabilities, Dialect, Statement } from "./dialect.ts";
import type { PlaceholderSyntax } from "./inline_params.ts";
import { inlinePlaceholders } from "./inline_params.ts";
import { insertStatements } from "./insert_statements.ts";
import { RetortError } from "../errors.ts";
import { byteLength } from "../schema/naming.ts";
import { UnsupportedOperationError } from "./unsupported_operation.ts";

/** How a column definition is being written. */
export interface ColumnUse {
  /** The table's primary key constraint, when it is written on this column (SQLite AUTOINCREMENT). */
  readonly inlinePrimaryKey?: { readonly name?: string };
  /**
   * The column is the table's lone integer primary key and says nothing of autoincrement: it
   * autoincrements by default, as SQLAlchemy's do (identity, AUTO_INCREMENT, SQLite's rowid).
   */
  readonly implicitAutoincrement?: boolean;
}

/**
 * The DDL most databases share, close to standard SQL (and to PostgreSQL). Each database
 * subclasses it and overrides the few methods where its SQL differs; every method returns
 * the statements' SQL and never touches a database.
 *
 * @example
 * ```ts
 * class LowercaseTypes extends PostgresDialect {
 *   override renderType(type: ColumnType, place: ColumnPlace): string {
 *     return super.renderType(type, place).toLowerCase();
 *   }
 * }
 * ```
 */
export abstract class DdlRenderer implements Dialect {
  abstract readonly name: Dialect["name"];
  abstract readonly capabilities: Capabilities;
  protected abstract readonly placeholders: PlaceholderSyntax;

  /** The SQL type of `type` for the column at `place`. */
  abstract renderType(type: ColumnType, place: ColumnPlace): string;
  abstract tableExists(table: string, schema?: string): Statement;
  abstract readonly introspect: Introspector;

  quoteIdentifier(name: string): string {
    this.checkIdentifier(name);
    return `"${name.replaceAll('"', '""')}"`;
  }

  /**
   * Refuses a name the database would not keep as written: empty, holding NUL, or longer
   * than its limit (PostgreSQL cuts a name past 63 bytes silently, so two long names can
   * become one). Every identifier retort sends goes through here.
   */
  protected checkIdentifier(name: string): void {
    const { maxIdentifierLength: limit, identifierUnit: unit } = this.capabilities;
    const fail = (why: string) => {
      throw new RetortError("INVALID_IDENTIFIER", why);
    };
    if (name === "") fail("an identifier is empty: give the table, column, index or constraint a name");
    if (name.includes("\0")) {
      fail(
        `identifier ${JSON.stringify(name)} holds a NUL character, which no database keeps in a name: remove it`,
      );
    }
    if (name.length * 4 <= limit) return;
    const length = unit === "bytes" ? byteLength(name) : [...name].length;
    if (length > limit) {
      fail(
        `identifier "${name}" is ${length} ${unit} long; ${this.displayName} allows ${limit} ${unit}` +
          `${unit === "bytes" ? " and would cut it silently" : ""}: shorten it`,
      );
    }
  }

  /** The database's name for messages. */
  protected get displayName(): string {
    return { postgres: "PostgreSQL", mysql: "MySQL", sqlite: "SQLite" }[this.name];
  }

  qualify(table: string, schema?: string): string {
    const name = this.quoteIdentifier(table);
    return schema ? `${this.quoteIdentifier(schema)}.${name}` : name;
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number") return this.literalNumber(value);
    if (typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return this.literalBoolean(value);
    if (typeof value === "string") return this.literalString(value);
    if (value instanceof Date) return this.literalDate(value);
    const bytes = bytesOf(value);
    if (bytes) return this.literalBytes(hexOf(bytes));
    if (isSqlFragment(value)) return value.sql;
    return this.literalString(JSON.stringify(value));
  }

  inlineParams(statement: Statement): string {
    const params = statement.params ?? [];
    if (params.length === 0) return statement.sql;
    return inlinePlaceholders(statement.sql, params, this.placeholders, (v) => this.literal(v));
  }

  createVersionTable(table: string, schema?: string): Statement {
    const qualified = this.qualify(table, schema);
    const pk = this.quoteIdentifier(`${table}_pkc`);
    const column = this.quoteIdentifier("version_num");
    return {
      sql:
        `CREATE TABLE IF NOT EXISTS ${qualified} (${column} VARCHAR(64) NOT NULL, ` +
        `CONSTRAINT ${pk} PRIMARY KEY (${column}))`,
    };
  }

  // ---- literals ----------------------------------------------------------------------------

  protected literalString(text: string): string {
    return `'${text.replaceAll("'", "''")}'`;
  }

  protected literalNumber(value: number): string {
    if (!Number.isFinite(value)) {
      throw new UnsupportedOperationError(
        `literal: ${this.name} has no literal for ${value}; store NULL instead`,
      );
    }
    return String(value);
  }

  protected literalBoolean(value: boolean): string {
    return value ? "TRUE" : "FALSE";
  }

  /** A date as its UTC text (`YYYY-MM-DD HH:MM:SS.mmm`). */
  protected literalDate(date: Date): string {
    return this.literalString(utcDateText(date));
  }

  protected literalBytes(hex: string): string {
    return `X'${hex}'`;
  }

  /** A server default: a literal, or raw SQL as written. */
  protected defaultValue(value: ServerDefault): string {
    return this.literal(value);
  }

  // ---- tables --------------------------------------------------------------------------------

  createTable(op: Table): string[] {
    const keys = op.primaryKey?.columns ??
      op.columns.filter((c) => c.primaryKey).map((c) => c.name);
    const keyName = op.primaryKey?.name;
    const inline = this.inlinePrimaryKey(op, keys);
    const implicit = implicitAutoincrement(op, keys);
    const lines = op.columns.map((c) =>
      this.columnDefinition(
        keys.includes(c.name) ? { ...c, primaryKey: true } : c,
        { table: op.table, schema: op.schema, column: c.name },
        {
          ...(c === inline ? { inlinePrimaryKey: { name: keyName } } : {}),
          ...(c === implicit ? { implicitAutoincrement: true } : {}),
        },
      )
    );
    if (keys.length > 0 && !inline) {
      lines.push(`${this.constraintName(keyName)}PRIMARY KEY (${this.columnList(keys)})`);
    }
    const uniques = [...op.uniques];
    for (const column of op.columns) {
      const covered = uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name);
      if (column.unique && !covered) uniques.push({ name: "", columns: [column.name] });
    }
    for (const u of uniques) {
      lines.push(`${this.constraintName(u.name)}UNIQUE (${this.columnList(u.columns)})`);
    }
    for (const c of op.checks) lines.push(`${this.constraintName(c.name)}CHECK (${c.condition})`);
    for (const fk of op.foreignKeys) {
      lines.push(`${this.constraintName(fk.name)}${this.foreignKeyClause(fk, op)}`);
    }
    const create = `CREATE ${this.tableKind(op)}TABLE ${this.qualify(op.table, op.schema)} (\n  ${
      lines.join(",\n  ")
    }\n)` + this.tableOptions(op);
    return [
      ...this.beforeColumns(op, op.columns),
      create,
      ...op.indexes.map((ix) => this.indexStatement(ix, op)),
      ...this.commentStatements(op),
    ];
  }

  /** Statements that must run before columns are created, e.g. PostgreSQL enum types. */
  protected beforeColumns(_table: TablePlace, _columns: readonly Column[]): string[] {
    return [];
  }

  /** Words between CREATE and TABLE (PostgreSQL `UNLOGGED `). */
  protected tableKind(_op: Table): string {
    return "";
  }

  /** Text after `CREATE TABLE (...)`, e.g. MySQL's `COMMENT='...'`. */
  protected tableOptions(_op: Table): string {
    return "";
  }

  /** The statements that store a new table's comments (`COMMENT ON` by default). */
  protected commentStatements(op: Table): string[] {
    const out = op.comment === undefined ? [] : this.setTableComment(op, op.comment);
    for (const column of op.columns) {
      if (column.comment !== undefined) {
        out.push(...this.columnComment(op, column.name, column.comment));
      }
    }
    return out;
  }

  /** The column whose primary key is written inline (SQLite AUTOINCREMENT), if any. */
  protected inlinePrimaryKey(_op: Table, _keys: readonly string[]): Column | undefined {
    return undefined;
  }

  protected constraintName(name: string | undefined): string {
    return name ? `CONSTRAINT ${this.quoteIdentifier(name)} ` : "";
  }

  protected columnList(columns: readonly string[]): string {
    return columns.map((c) => this.quoteIdentifier(c)).join(", ");
  }

  renameTable(op: TableRename): string[] {
    return [`ALTER TABLE ${this.qualify(op.table, op.schema)} RENAME TO ${
      this.quoteIdentifier(op.newName)
    }`];
  }

  dropTable(place: TablePlace): string[] {
    return [`DROP TABLE ${this.qualify(place.table, place.schema)}`];
  }

  // ---- columns -------------------------------------------------------------------------------

  /**
   * `name TYPE [COLLATE c] [GENERATED ALWAYS AS (...)] [NOT NULL] [DEFAULT x]` followed by
   * what `columnExtras` adds.
   */
  protected columnDefinition(column: Column, place: ColumnPlace, use: ColumnUse = {}): string {
    const parts = [this.quoteIdentifier(column.name), this.renderType(column.type, place)];
    if (column.collation !== undefined) parts.push(`COLLATE ${this.collationName(column.collation)}`);
    if (column.computed !== undefined) parts.push(this.computed(column, place));
    if (!isNullable(column)) parts.push("NOT NULL");
    if (column.serverDefault !== undefined) {
      parts.push(`DEFAULT ${this.defaultValue(column.serverDefault)}`);
    }
    parts.push(...this.columnExtras(column, place, use));
    return parts.join(" ");
  }

  /** A collation's name in `COLLATE`. */
  protected collationName(name: string): string {
    return this.quoteIdentifier(name);
  }

  /** `GENERATED ALWAYS AS (expression) STORED | VIRTUAL`; a default is refused. */
  protected computed(column: Column, place: ColumnPlace): string {
    const computed = column.computed!;
    if (column.serverDefault !== undefined) {
      throw unsupported(
        `column ${describeColumn(place)}`,
        "a generated column cannot have a server default",
        "drop serverDefault or computed",
      );
    }
    return `GENERATED ALWAYS AS (${computed.sql}) ${computed.stored === false ? "VIRTUAL" : "STORED"}`;
  }

  /** What follows NOT NULL and DEFAULT: identity, AUTO_INCREMENT, inline keys, comments. */
  protected columnExtras(_column: Column, _place: ColumnPlace, _use: ColumnUse): string[] {
    return [];
  }

  addColumn(op: ColumnAddition): string[] {
    const { column } = op;
    const place = { table: op.table, schema: op.schema, column: column.name };
    const definition = this.columnDefinition(column, place);
    const columns = this.columnList([column.name]);
    const key = op.primaryKeyName ?? `pk_${op.table}`;
    const unique = op.uniqueName ?? `uq_${op.table}_${column.name}`;
    return [
      ...this.beforeColumns(op, [column]),
      `ALTER TABLE ${this.qualify(op.table, op.schema)} ADD COLUMN ${definition}`,
      ...(column.primaryKey ? this.addConstraint(op, key, `PRIMARY KEY (${columns})`) : []),
      ...(column.unique ? this.addConstraint(op, unique, `UNIQUE (${columns})`) : []),
      ...(column.comment === undefined
        ? []
        : this.columnComment(op, column.name, column.comment)),
    ];
  }

  dropColumn(change: ColumnDrop): string[] {
    return [
      `ALTER TABLE ${this.qualify(change.table, change.schema)} DROP COLUMN ${
        this.quoteIdentifier(change.column)
      }`,
    ];
  }

  /**
   * Standard SQL: one ALTER TABLE per change, in the order type, nullability, default,
   * comment, and the rename last.
   */
  alterColumn(op: ColumnAlteration): string[] {
    const table = this.qualify(op.table, op.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${this.quoteIdentifier(op.column)}`;
    const out: string[] = [];
    if (op.type !== undefined) out.push(...this.alterColumnType(op, op.type));
    if (op.nullable !== undefined) out.push(`${alter} ${op.nullable ? "DROP" : "SET"} NOT NULL`);
    if (op.serverDefault === null) out.push(`${alter} DROP DEFAULT`);
    else if (op.serverDefault !== undefined) {
      out.push(`${alter} SET DEFAULT ${this.defaultValue(op.serverDefault)}`);
    }
    if (op.comment !== undefined) out.push(...this.columnComment(op, op.column, op.comment));
    if (op.newName !== undefined) {
      out.push(
        `ALTER TABLE ${table} RENAME COLUMN ${this.quoteIdentifier(op.column)} TO ${
          this.quoteIdentifier(op.newName)
        }`,
      );
    }
    return out;
  }

  protected alterColumnType(op: ColumnAlteration, type: ColumnType): string[] {
    const place = { table: op.table, schema: op.schema, column: op.column };
    return [
      `ALTER TABLE ${this.qualify(op.table, op.schema)} ALTER COLUMN ${
        this.quoteIdentifier(op.column)
      } ` +
      `TYPE ${this.renderType(type, place)}`,
    ];
  }

  // ---- comments ------------------------------------------------------------------------------

  setTableComment(place: TablePlace, comment: string | null): string[] {
    return [
      `COMMENT ON TABLE ${this.qualify(place.table, place.schema)} IS ${this.literal(comment)}`,
    ];
  }

  protected columnComment(
    place: TablePlace,
    column: string,
    comment: string | null,
  ): string[] {
    return [
      `COMMENT ON COLUMN ${this.qualify(place.table, place.schema)}.${
        this.quoteIdentifier(column)
      } ` +
      `IS ${this.literal(comment)}`,
    ];
  }

  // ---- indexes -------------------------------------------------------------------------------

  createIndex(index: IndexCreation): string[] {
    return [this.indexStatement(index, index)];
  }

  /** `CREATE [UNIQUE] INDEX name ON table (columns) [WHERE ...]` for an index of `place`. */
  protected indexStatement(
    index: Index & { concurrently?: boolean },
    place: TablePlace,
  ): string {
    const columns = index.columns.map((c) => this.indexElement(c, index, place)).join(", ");
    return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${this.indexConcurrently(index)}` +
      `${this.indexName(index.name, place)} ON ${this.indexTable(place)}${
        this.indexUsing(index, place)
      } (${columns})` +
      this.indexWhere(index, place);
  }

  /**
   * A plain column is quoted; an expression is wrapped in parentheses; a key with options
   * gets them after it (`COLLATE`, an operator class, `DESC`, `NULLS FIRST`, a prefix length
   * where the database has them).
   */
  protected indexElement(column: IndexColumn, index: Index, place: TablePlace): string {
    if (typeof column === "string") return this.quoteIdentifier(column);
    const key = column as IndexKey;
    const target = key.column !== undefined ? this.quoteIdentifier(key.column) : `(${key.sql})`;
    return target + this.indexKeyOptions(key, index, place);
  }

  /** What follows a key: `[(length)] [COLLATE c] [opclass] [DESC] [NULLS FIRST|LAST]`. */
  protected indexKeyOptions(key: IndexKey, index: Index, place: TablePlace): string {
    const refuse = (what: string) => {
      throw unsupported(
        `createIndex ${index.name} on ${describeTable(place)}`,
        `${this.name} indexes have no ${what}`,
        `drop ${what} from the index key`,
      );
    };
    let text = "";
    if (key.length !== undefined) text += this.indexKeyLength(key.length, refuse);
    if (key.collation !== undefined) text += ` COLLATE ${this.collationName(key.collation)}`;
    if (key.opclass !== undefined) text += this.indexKeyOpclass(key.opclass, refuse);
    if (key.descending) text += " DESC";
    if (key.nulls !== undefined) text += this.indexKeyNulls(key.nulls, refuse);
    return text;
  }

  protected indexKeyLength(_length: number, refuse: (what: string) => never): string {
    return refuse("prefix lengths");
  }

  protected indexKeyOpclass(_opclass: string, refuse: (what: string) => never): string {
    return refuse("operator classes");
  }

  protected indexKeyNulls(_nulls: "first" | "last", refuse: (what: string) => never): string {
    return refuse("NULLS FIRST/LAST");
  }

  protected indexConcurrently(_index: { concurrently?: boolean }): string {
    return "";
  }

  /** The index's name in `CREATE INDEX` (PostgreSQL and MySQL: never qualified). */
  protected indexName(name: string, _place: TablePlace): string {
    return this.quoteIdentifier(name);
  }

  /** The table in `CREATE INDEX ... ON`. */
  protected indexTable(place: TablePlace): string {
    return this.qualify(place.table, place.schema);
  }

  /** `USING method` before the column list; only PostgreSQL has index methods. */
  protected indexUsing(index: Index, place: TablePlace): string {
    if (index.using === undefined) return "";
    throw unsupported(
      `createIndex ${index.name} on ${describeTable(place)}`,
      `${this.name} has no index methods (using ${index.using})`,
      "drop `using`",
    );
  }

  protected indexWhere(index: Index, _place: TablePlace): string {
    return index.where === undefined ? "" : ` WHERE ${index.where}`;
  }

  dropIndex(op: IndexDrop): string[] {
    return [`DROP INDEX ${this.indexConcurrently(op)}${this.qualify(op.name, op.schema)}`];
  }

  // ---- constraints ---------------------------------------------------------------------------

  addUniqueConstraint(c: UniqueAddition): string[] {
    return this.addConstraint(c, c.name, `UNIQUE (${this.columnList(c.columns)})`);
  }

  addForeignKey(c: ForeignKeyAddition): string[] {
    return this.addConstraint(c, c.name, this.foreignKeyClause(c, c));
  }

  addCheckConstraint(c: CheckAddition): string[] {
    return this.addConstraint(c, c.name, `CHECK (${c.condition})`);
  }

  addPrimaryKey(c: PrimaryKeyAddition): string[] {
    return this.addConstraint(c, c.name, `PRIMARY KEY (${this.columnList(c.columns)})`);
  }

  protected addConstraint(place: TablePlace, name: string, body: string): string[] {
    return [
      `ALTER TABLE ${this.qualify(place.table, place.schema)} ADD ${
        this.constraintName(name)
      }${body}`,
    ];
  }

  dropConstraint(op: ConstraintDrop): string[] {
    return [
      `ALTER TABLE ${this.qualify(op.table, op.schema)} DROP CONSTRAINT ${
        this.quoteIdentifier(op.name)
      }`,
    ];
  }

  /**
   * `FOREIGN KEY (...) REFERENCES t (...) [ON DELETE ...] [ON UPDATE ...] [DEFERRABLE ...]`;
   * with no referenced columns (a key read back from SQLite's `REFERENCES t`), just
   * `REFERENCES t`, which means t's primary key.
   */
  protected foreignKeyClause(fk: ForeignKey, place: TablePlace): string {
    const referenced = fk.referencesColumns.length === 0
      ? ""
      : ` (${this.columnList(fk.referencesColumns)})`;
    let text = `FOREIGN KEY (${this.columnList(fk.columns)}) REFERENCES ` +
      `${this.referencedTable(fk, place)}${referenced}`;
    if (fk.onDelete) text += ` ON DELETE ${fk.onDelete}`;
    if (fk.onUpdate) text += ` ON UPDATE ${fk.onUpdate}`;
    return text + this.deferrability(fk, place);
  }

  protected referencedTable(fk: ForeignKey, _place: TablePlace): string {
    return this.qualify(fk.referencesTable, fk.referencesSchema);
  }

  protected deferrability(fk: ForeignKey, _place: TablePlace): string {
    let text = "";
    if (fk.deferrable !== undefined) text += fk.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    if (fk.initially) text += ` INITIALLY ${fk.initially}`;
    return text;
  }

  // ---- data and types ------------------------------------------------------------------------

  insertRows(op: RowsInsert): string[] {
    return insertStatements(this.qualify(op.table, op.schema), op.rows, {
      quoteIdentifier: (name) => this.quoteIdentifier(name),
      literal: (value) => this.literal(value),
      emptyRow: (table) => this.emptyRowInsert(table),
    });
  }

  /** The INSERT of a row that gives no columns: every column takes its default. */
  protected emptyRowInsert(table: string): string {
    return `INSERT INTO ${table} DEFAULT VALUES`;
  }

  /** Enum types are inline except on PostgreSQL: nothing to create. */
  createEnumType(_op: EnumTypeCreation): string[] {
    return [];
  }

  dropEnumType(_op: EnumTypeDrop): string[] {
    return [];
  }

  addEnumValue(_change: EnumValueAddition): string[] {
    return [];
  }
}

/**
 * The column that autoincrements without asking: the table's only primary key column, of an
 * integer type, with no `autoincrement`, `identity` or `computed` of its own.
 */
export function implicitAutoincrement(table: Table, keys: readonly string[]): Column | undefined {
  if (keys.length !== 1) return undefined;
  const column = table.columns.find((c) => c.name === keys[0]);
  if (!column || !isIntegerType(column.type)) return undefined;
  if (column.autoincrement !== undefined || column.identity !== undefined) return undefined;
  return column.computed === undefined ? column : undefined;
}
