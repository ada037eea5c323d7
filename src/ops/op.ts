import type { Column, ServerDefault } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  PrimaryKey,
  UniqueConstraint,
} from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { SqlFragment } from "../schema/sql_fragment.ts";

/** The table an operation works on; `schema` where the database has schemas. */
interface OnTable {
  readonly table: string;
  readonly schema?: string;
}

/** `CREATE TABLE` with its columns, keys, constraints, indexes and comment. */
export interface CreateTableOp extends OnTable {
  readonly kind: "createTable";
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly CheckConstraint[];
  readonly indexes: readonly Index[];
  readonly comment?: string;
}

/** `DROP TABLE`. */
export interface DropTableOp extends OnTable {
  readonly kind: "dropTable";
}

/** `ALTER TABLE ... RENAME TO`. */
export interface RenameTableOp extends OnTable {
  readonly kind: "renameTable";
  readonly newName: string;
}

/** `ALTER TABLE ... ADD COLUMN`; a unique or primary key column gets a named constraint. */
export interface AddColumnOp extends OnTable {
  readonly kind: "addColumn";
  readonly column: Column;
  readonly uniqueName?: string;
  readonly primaryKeyName?: string;
}

/** `ALTER TABLE ... DROP COLUMN`. */
export interface DropColumnOp extends OnTable {
  readonly kind: "dropColumn";
  readonly column: string;
}

/**
 * Changes one column: nullability, type (with `using` on PostgreSQL), server default (null
 * drops it), name, comment. MySQL restates the whole column, so the `existing*` fields say
 * what is not changing.
 */
export interface AlterColumnOp extends OnTable {
  readonly kind: "alterColumn";
  readonly column: string;
  readonly nullable?: boolean;
  readonly type?: ColumnType;
  readonly using?: string;
  readonly serverDefault?: ServerDefault | null;
  readonly newName?: string;
  readonly comment?: string | null;
  readonly existingType?: ColumnType;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: ServerDefault | null;
  readonly existingComment?: string | null;
}

/** `CREATE [UNIQUE] INDEX`, partial with `where`, `CONCURRENTLY` on PostgreSQL. */
export interface CreateIndexOp extends OnTable {
  readonly kind: "createIndex";
  readonly name: string;
  readonly columns: readonly (string | SqlFragment)[];
  readonly unique: boolean;
  readonly where?: string;
  readonly concurrently?: boolean;
}

/** `DROP INDEX` (MySQL needs the table). */
export interface DropIndexOp {
  readonly kind: "dropIndex";
  readonly name: string;
  readonly table?: string;
  readonly schema?: string;
  readonly concurrently?: boolean;
}

/** `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE`. */
export interface CreateUniqueConstraintOp extends OnTable, UniqueConstraint {
  readonly kind: "createUniqueConstraint";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`. */
export interface CreateForeignKeyOp extends OnTable, ForeignKey {
  readonly kind: "createForeignKey";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... CHECK`. */
export interface CreateCheckConstraintOp extends OnTable, CheckConstraint {
  readonly kind: "createCheckConstraint";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY`. */
export interface CreatePrimaryKeyOp extends OnTable, PrimaryKey {
  readonly kind: "createPrimaryKey";
}

/** The kinds of constraint `dropConstraint` can drop (MySQL needs to know which). */
export type ConstraintType = "foreignkey" | "unique" | "check" | "primary";

/** `ALTER TABLE ... DROP CONSTRAINT`. */
export interface DropConstraintOp extends OnTable {
  readonly kind: "dropConstraint";
  readonly name: string;
  readonly type?: ConstraintType;
}

/** `COMMENT ON TABLE` / `ALTER TABLE ... COMMENT`. */
export interface CreateTableCommentOp extends OnTable {
  readonly kind: "createTableComment";
  readonly comment: string;
  readonly existingComment?: string;
}

/** Removes a table's comment. */
export interface DropTableCommentOp extends OnTable {
  readonly kind: "dropTableComment";
  readonly existingComment?: string;
}

/** Any SQL statement, with optional bound parameters. */
export interface ExecuteOp {
  readonly kind: "execute";
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** `INSERT` of literal rows. */
export interface BulkInsertOp extends OnTable {
  readonly kind: "bulkInsert";
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** `CREATE TYPE ... AS ENUM` (PostgreSQL). */
export interface CreateEnumTypeOp {
  readonly kind: "createEnumType";
  readonly name: string;
  readonly schema?: string;
  readonly values: readonly string[];
}

/** `DROP TYPE` (PostgreSQL). */
export interface DropEnumTypeOp {
  readonly kind: "dropEnumType";
  readonly name: string;
  readonly schema?: string;
}

/** An `addColumn` inside a batch, which may say where the new column goes. */
export interface BatchAddColumnOp extends AddColumnOp {
  readonly insertBefore?: string;
  readonly insertAfter?: string;
}

/** The column, index and constraint operations a `batchAlterTable` groups. */
export type BatchSubOp =
  | BatchAddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp;

/**
 * The table as it is before the batch, for `--sql` mode (which cannot read the database):
 * its `CREATE TABLE` text with the `CREATE INDEX` / `CREATE TRIGGER` / `CREATE VIEW` texts
 * that go with it, or a `createTable` operation.
 */
export type BatchCopyFrom =
  | {
    readonly sql: string;
    readonly indexes?: readonly string[];
    readonly triggers?: readonly string[];
    readonly views?: readonly string[];
  }
  | CreateTableOp;

/**
 * Several changes to one table applied together: plain ALTERs where the database can do
 * them, else (SQLite) one table rebuild that keeps every row, index, trigger and view.
 */
export interface BatchAlterTableOp extends OnTable {
  readonly kind: "batchAlterTable";
  readonly ops: readonly BatchSubOp[];
  /** `auto`: rebuild only when ALTER cannot do it; `always`; `never` (error instead). */
  readonly recreate: "auto" | "always" | "never";
  readonly copyFrom?: BatchCopyFrom;
  /** Column orders to keep, e.g. `[["id", "name", "email"]]` (forces a rebuild). */
  readonly partialReordering?: readonly (readonly string[])[];
  /** Names unnamed constraints of the existing table, so `dropConstraint` can find them. */
  readonly namingConvention?: NamingConvention;
}

/** An operation as plain, serialisable data: what migrations and autogenerate produce. */
export type Op =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp
  | CreateTableCommentOp
  | DropTableCommentOp
  | ExecuteOp
  | BulkInsertOp
  | CreateEnumTypeOp
  | DropEnumTypeOp
  | BatchAlterTableOp;

/** The `kind` of every operation. */
export type OpKind = Op["kind"];
