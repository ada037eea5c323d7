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
} from "../dialect/changes.ts";
import type { Column } from "../schema/column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  Index,
  PrimaryKey,
  UniqueConstraint,
} from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { Table, TablePlace } from "../schema/table.ts";

export type { ConstraintType } from "../dialect/changes.ts";

/**
 * What every operation is: plain, serialisable data with a `kind` naming its definition in
 * the operation registry. Plugin operations have the kind of their `defineOperation` name.
 */
export interface OpBase {
  readonly kind: string;
}

/** `CREATE TABLE` with its columns, keys, constraints, indexes and comment. */
export interface CreateTableOp extends Table {
  readonly kind: "createTable";
}

/** `DROP TABLE`. */
export interface DropTableOp extends TablePlace {
  readonly kind: "dropTable";
  /** The table as it was, so the drop can be reversed (autogenerate fills it in). */
  readonly existing?: Table;
}

/** `ALTER TABLE ... RENAME TO`. */
export interface RenameTableOp extends TableRename {
  readonly kind: "renameTable";
}

/** `ALTER TABLE ... ADD COLUMN`; a unique or primary key column gets a named constraint. */
export interface AddColumnOp extends ColumnAddition {
  readonly kind: "addColumn";
}

/** `ALTER TABLE ... DROP COLUMN`. */
export interface DropColumnOp extends ColumnDrop {
  readonly kind: "dropColumn";
  /** The column as it was, so the drop can be reversed. */
  readonly existing?: Column;
}

/**
 * Changes one column: nullability, type (with `using` on PostgreSQL), server default (null
 * drops it), name, comment. MySQL restates the whole column, so the `existing*` fields say
 * what is not changing.
 */
export interface AlterColumnOp extends ColumnAlteration {
  readonly kind: "alterColumn";
}

/** `CREATE [UNIQUE] INDEX`, partial with `where`, `CONCURRENTLY` on PostgreSQL. */
export interface CreateIndexOp extends IndexCreation {
  readonly kind: "createIndex";
}

/** `DROP INDEX` (MySQL needs the table). */
export interface DropIndexOp extends IndexDrop {
  readonly kind: "dropIndex";
  /** The index as it was (with `table`), so the drop can be reversed. */
  readonly existing?: Index;
}

/** `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE`. */
export interface CreateUniqueConstraintOp extends UniqueAddition {
  readonly kind: "createUniqueConstraint";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`. */
export interface CreateForeignKeyOp extends ForeignKeyAddition {
  readonly kind: "createForeignKey";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... CHECK`. */
export interface CreateCheckConstraintOp extends CheckAddition {
  readonly kind: "createCheckConstraint";
}

/** `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY`. */
export interface CreatePrimaryKeyOp extends PrimaryKeyAddition {
  readonly kind: "createPrimaryKey";
}

/** `ALTER TABLE ... DROP CONSTRAINT`. */
export interface DropConstraintOp extends ConstraintDrop {
  readonly kind: "dropConstraint";
  /** The constraint as it was (its `type` says which kind), so the drop can be reversed. */
  readonly existing?: UniqueConstraint | ForeignKey | CheckConstraint | PrimaryKey;
}

/** `COMMENT ON TABLE` / `ALTER TABLE ... COMMENT`. */
export interface CreateTableCommentOp extends TablePlace {
  readonly kind: "createTableComment";
  readonly comment: string;
  readonly existingComment?: string;
}

/** Removes a table's comment. */
export interface DropTableCommentOp extends TablePlace {
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
export interface BulkInsertOp extends RowsInsert {
  readonly kind: "bulkInsert";
}

/** `CREATE TYPE ... AS ENUM` (PostgreSQL). */
export interface CreateEnumTypeOp extends EnumTypeCreation {
  readonly kind: "createEnumType";
}

/** `DROP TYPE` (PostgreSQL). */
export interface DropEnumTypeOp extends EnumTypeDrop {
  readonly kind: "dropEnumType";
  /** The type's values, so the drop can be reversed. */
  readonly existingValues?: readonly string[];
}

/** `ALTER TYPE ... ADD VALUE` (PostgreSQL): a new value for a named enum type. */
export interface AddEnumValueOp extends EnumValueAddition {
  readonly kind: "addEnumValue";
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
export interface BatchAlterTableOp extends TablePlace {
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

/**
 * Every operation kind retort knows, keyed by kind. A plugin that defines operations adds
 * its own by declaration merging, so `Op` and `op.*` know them:
 *
 * @example
 * ```ts
 * declare module "retort" {
 *   interface OpKinds { createView: { kind: "createView"; name: string; select: string } }
 * }
 * ```
 */
export interface OpKinds {
  createTable: CreateTableOp;
  dropTable: DropTableOp;
  renameTable: RenameTableOp;
  addColumn: AddColumnOp;
  dropColumn: DropColumnOp;
  alterColumn: AlterColumnOp;
  createIndex: CreateIndexOp;
  dropIndex: DropIndexOp;
  createUniqueConstraint: CreateUniqueConstraintOp;
  createForeignKey: CreateForeignKeyOp;
  createCheckConstraint: CreateCheckConstraintOp;
  createPrimaryKey: CreatePrimaryKeyOp;
  dropConstraint: DropConstraintOp;
  createTableComment: CreateTableCommentOp;
  dropTableComment: DropTableCommentOp;
  execute: ExecuteOp;
  bulkInsert: BulkInsertOp;
  createEnumType: CreateEnumTypeOp;
  dropEnumType: DropEnumTypeOp;
  addEnumValue: AddEnumValueOp;
  batchAlterTable: BatchAlterTableOp;
}

/** An operation as plain, serialisable data: what migrations and autogenerate produce. */
export type Op = OpKinds[keyof OpKinds];

/** The `kind` of every operation. */
export type OpKind = Op["kind"];
