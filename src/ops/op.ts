import type { Column } from "./column.ts";

/** `CREATE TABLE`: columns, and a composite primary key when given apart from the columns. */
export interface CreateTableOp {
  readonly kind: "createTable";
  readonly table: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: readonly string[];
}

/** `DROP TABLE`. */
export interface DropTableOp {
  readonly kind: "dropTable";
  readonly table: string;
}

/** `ALTER TABLE ... ADD COLUMN`. */
export interface AddColumnOp {
  readonly kind: "addColumn";
  readonly table: string;
  readonly column: Column;
}

/** `ALTER TABLE ... DROP COLUMN`. */
export interface DropColumnOp {
  readonly kind: "dropColumn";
  readonly table: string;
  readonly column: string;
}

/** `CREATE [UNIQUE] INDEX`. */
export interface CreateIndexOp {
  readonly kind: "createIndex";
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** `DROP INDEX`. */
export interface DropIndexOp {
  readonly kind: "dropIndex";
  readonly name: string;
  readonly table?: string;
}

/** Any SQL statement, with optional bound parameters. */
export interface ExecuteOp {
  readonly kind: "execute";
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** An operation as plain, serialisable data: what migrations and autogenerate produce. */
export type Op =
  | CreateTableOp
  | DropTableOp
  | AddColumnOp
  | DropColumnOp
  | CreateIndexOp
  | DropIndexOp
  | ExecuteOp;

/** The `kind` of every operation. */
export type OpKind = Op["kind"];
