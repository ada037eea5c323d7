import type { Dialect } from "../dialect/dialect.ts";
import type { Op } from "../ops/op.ts";
import type { ObjectType, ParentNames } from "../plugin/plugin.ts";

/** One difference between the declared schema and the database, and the op that removes it. */
export interface SchemaChange {
  readonly op: Op;
  /** What autogenerate prints: `added column 'users.nickname'` (after "Detected "). */
  readonly description: string;
}

/** Whether to compare an object: the include filters (`includeName`, `includeObject`). */
export type IncludeFilter = (
  object: unknown,
  name: string,
  type: ObjectType,
  reflected: boolean,
  compareTo: unknown,
  parents: ParentNames,
) => Promise<boolean>;

/** How to compare. */
export interface CompareOptions {
  readonly dialect: Dialect;
  /** Compare column types (default true), treating each database's synonyms as equal. */
  readonly compareType?: boolean;
  /** Compare server defaults (default false), normalised the way each database stores them. */
  readonly compareServerDefault?: boolean;
  /** Tables never compared (the version table and its lock table). */
  readonly exclude?: readonly string[];
  /** Include filters; none includes everything. */
  readonly include?: IncludeFilter;
  /** Renames to write instead of a drop and an add. */
  readonly renames?: Renames;
}

/** Renames the user asked for (`--rename-table old:new`, `--rename-column table.old:new`). */
export interface Renames {
  /** Old table name -> new table name. */
  readonly tables?: ReadonlyMap<string, string>;
  /** `table.old` (the new table name) -> new column name. */
  readonly columns?: ReadonlyMap<string, string>;
}

/** A drop and an add that look like one rename, for the user to confirm. */
export interface RenameCandidate {
  readonly kind: "table" | "column";
  /** For a column: its table. */
  readonly table?: string;
  readonly from: string;
  readonly to: string;
}
