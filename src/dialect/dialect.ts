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
import type { ColumnType } from "../schema/column_type.ts";
import type { ColumnPlace, Table, TablePlace } from "../schema/table.ts";
import type { Introspector } from "./introspector.ts";

/**
 * One SQL statement with its bound parameters, written with the driver's own placeholders
 * (`$1`, `$2` … on PostgreSQL, `?` on MySQL and SQLite).
 *
 * @example
 * ```ts
 * const statement: Statement = { sql: "UPDATE users SET age = $1", params: [3] };
 * ```
 */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/**
 * What a database can do, as data the runner, autogenerate and plugins consult.
 *
 * @example
 * ```ts
 * if (!dialect.capabilities.nativeAlterColumn) console.log("use op.batchAlterTable");
 * ```
 */
export interface Capabilities {
  /** DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
  /** Tables can be qualified by a schema (SQLite: the name of an attached database). */
  readonly schemas: boolean;
  /** ALTER TABLE can change a column's type, nullability and default in place. */
  readonly nativeAlterColumn: boolean;
  /** Constraints can be added to and dropped from an existing table with ALTER TABLE. */
  readonly alterConstraints: boolean;
  /** CHECK constraints are enforced. */
  readonly checkConstraints: boolean;
  /** Foreign keys can be `DEFERRABLE INITIALLY DEFERRED`. */
  readonly deferrableConstraints: boolean;
  /** Indexes can be partial (`CREATE INDEX ... WHERE`). */
  readonly partialIndexes: boolean;
  /** Indexes can be built without blocking writes (`CREATE INDEX CONCURRENTLY`). */
  readonly concurrentIndexes: boolean;
  /** Enumerations are named types created with `CREATE TYPE` (otherwise they are inline). */
  readonly namedEnumTypes: boolean;
  /** Table and column comments are stored (otherwise they are silently left out). */
  readonly comments: boolean;
  /** `DROP INDEX` needs the table the index is on. */
  readonly dropIndexNeedsTable: boolean;
  /** The longest identifier the database accepts, in `identifierUnit`s. */
  readonly maxIdentifierLength: number;
  /** How the database counts an identifier's length: PostgreSQL in UTF-8 bytes, MySQL in characters. */
  readonly identifierUnit: "bytes" | "characters";
}

/**
 * Everything retort knows about one database's SQL, with no I/O: quoting, literals, types,
 * and the DDL for each kind of schema change. Operations (built-in and plugin ones) turn
 * into SQL through these methods; each throws `UnsupportedOperationError` when the database
 * cannot do what is asked.
 *
 * @example
 * ```ts
 * const dialect = dialectFor("postgres");
 * dialect.dropTable({ table: "users" }); // ['DROP TABLE "users"']
 * ```
 */
export interface Dialect {
  readonly name: "sqlite" | "postgres" | "mysql";
  readonly capabilities: Capabilities;
  /** An identifier quoted for this database, whatever characters it holds. */
  quoteIdentifier(name: string): string;
  /** The table's quoted name, qualified by `schema` when one is given. */
  qualify(table: string, schema?: string): string;
  /** The SQL type of `type` for the column at `place` (as `createTable` writes it). */
  renderType(type: ColumnType, place: ColumnPlace): string;
  /** A value written as an SQL literal, for offline scripts and defaults. */
  literal(value: unknown): string;
  /** `CREATE TABLE` with its keys, constraints, indexes and comments. */
  createTable(table: Table): string[];
  dropTable(place: TablePlace): string[];
  renameTable(change: TableRename): string[];
  addColumn(change: ColumnAddition): string[];
  dropColumn(change: ColumnDrop): string[];
  alterColumn(change: ColumnAlteration): string[];
  createIndex(index: IndexCreation): string[];
  dropIndex(change: IndexDrop): string[];
  addUniqueConstraint(constraint: UniqueAddition): string[];
  addForeignKey(constraint: ForeignKeyAddition): string[];
  addCheckConstraint(constraint: CheckAddition): string[];
  addPrimaryKey(constraint: PrimaryKeyAddition): string[];
  dropConstraint(change: ConstraintDrop): string[];
  /** Sets a table's comment; `null` removes it. */
  setTableComment(place: TablePlace, comment: string | null): string[];
  /** `INSERT` statements with the values written as literals. */
  insertRows(change: RowsInsert): string[];
  createEnumType(type: EnumTypeCreation): string[];
  dropEnumType(type: EnumTypeDrop): string[];
  /** `ALTER TYPE ... ADD VALUE` (PostgreSQL; elsewhere enums are inline: nothing to run). */
  addEnumValue(change: EnumValueAddition): string[];
  /** `CREATE TABLE IF NOT EXISTS` for the version table, its key named `<table>_pkc`. */
  createVersionTable(table: string, schema?: string): Statement;
  /** A query that returns a row when `table` exists (in the current schema without `schema`). */
  tableExists(table: string, schema?: string): Statement;
  /** The statement's SQL with its parameters written in as literals, for `--sql` output. */
  inlineParams(statement: Statement): string;
  /** Reads the database's schema into retort's model (see `Introspector`). */
  readonly introspect: Introspector;
}
