import type { Column, ServerDefault } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from "../schema/constraint.ts";
import type { SqlFragment } from "../schema/sql_fragment.ts";
import type { TablePlace } from "../schema/table.ts";

/** A table renamed: `ALTER TABLE ... RENAME TO`. */
export interface TableRename extends TablePlace {
  readonly newName: string;
}

/** A column added; a unique or primary key column gets a named constraint. */
export interface ColumnAddition extends TablePlace {
  readonly column: Column;
  readonly uniqueName?: string;
  readonly primaryKeyName?: string;
}

/** A column dropped. */
export interface ColumnDrop extends TablePlace {
  readonly column: string;
}

/**
 * A change to one column: nullability, type (with `using` on PostgreSQL), server default
 * (null drops it), name, comment. MySQL restates the whole column, so the `existing*` fields
 * say what is not changing.
 */
export interface ColumnAlteration extends TablePlace {
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
  /** MySQL: the column is AUTO_INCREMENT, which a restated column keeps only if told. */
  readonly existingAutoincrement?: boolean;
  /** MySQL: the column's own collation, which a restated column keeps only if told. */
  readonly existingCollation?: string;
  /** MySQL: the column's `ON UPDATE`, which a restated column keeps only if told. */
  readonly existingOnUpdate?: SqlFragment;
}

/** An index created on its own: `CREATE [UNIQUE] INDEX`, `CONCURRENTLY` on PostgreSQL. */
export interface IndexCreation extends TablePlace, Index {
  readonly name: string;
  readonly unique: boolean;
  readonly concurrently?: boolean;
}

/** An index dropped (MySQL needs its table). */
export interface IndexDrop {
  readonly name: string;
  readonly table?: string;
  readonly schema?: string;
  readonly concurrently?: boolean;
}

/** The kinds of constraint `dropConstraint` can drop (MySQL needs to know which). */
export type ConstraintType = "foreignkey" | "unique" | "check" | "primary";

/** A UNIQUE constraint added to a table. */
export interface UniqueAddition extends TablePlace, UniqueConstraint {
  readonly name: string;
}

/** A foreign key added to a table. */
export interface ForeignKeyAddition extends TablePlace, ForeignKey {
  readonly name: string;
}

/** A CHECK constraint added to a table. */
export interface CheckAddition extends TablePlace, CheckConstraint {
  readonly name: string;
}

/** A primary key added to a table. */
export interface PrimaryKeyAddition extends TablePlace, PrimaryKey {
  readonly name: string;
}

/** A constraint dropped by name. */
export interface ConstraintDrop extends TablePlace {
  readonly name: string;
  readonly type?: ConstraintType;
}

/** Rows inserted as literals, so they also run offline. */
export interface RowsInsert extends TablePlace {
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** A named enumeration type (PostgreSQL `CREATE TYPE ... AS ENUM`). */
export interface EnumTypeCreation {
  readonly name: string;
  readonly schema?: string;
  readonly values: readonly string[];
}

/** A named enumeration type dropped. */
export interface EnumTypeDrop {
  readonly name: string;
  readonly schema?: string;
}

/** A value added to a named enumeration type, at the end or before/after another. */
export interface EnumValueAddition {
  readonly name: string;
  readonly schema?: string;
  readonly value: string;
  readonly before?: string;
  readonly after?: string;
}
