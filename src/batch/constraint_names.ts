import type { ConstraintType } from "../ops/op.ts";
import type {
  CheckConstraint,
  ForeignKey,
  PrimaryKey,
  UniqueConstraint,
} from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import { conventionalName, shortHash } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";

/** A key or constraint of a table, with the name it answers to in `dropConstraint`. */
export interface NamedConstraint {
  readonly type: ConstraintType;
  /** Its own name, else the one the naming convention gives it. */
  readonly name: string;
  readonly constraint: PrimaryKey | UniqueConstraint | ForeignKey | CheckConstraint;
}

/**
 * The table's primary key, UNIQUE, FOREIGN KEY and CHECK constraints, each named by its own
 * name or, when it has none (SQLite keeps unnamed ones), by the naming convention, as
 * Alembic's batch mode names reflected constraints, so `dropConstraint` finds them too.
 *
 * @example
 * ```ts
 * namedConstraints(tableFromCreate(`CREATE TABLE t (a INT UNIQUE)`), {}).map((c) => c.name);
 * // ["uq_t_a"]
 * ```
 */
export function namedConstraints(table: Table, naming: NamingConvention): NamedConstraint[] {
  const of = table.table;
  const out: NamedConstraint[] = [];
  const key = table.primaryKey;
  if (key) {
    out.push({
      type: "primary",
      name: key.name ?? conventionalName(naming, "pk", { table: of }),
      constraint: key,
    });
  }
  for (const u of table.uniques) {
    const name = u.name ?? conventionalName(naming, "uq", { table: of, columns: u.columns });
    out.push({ type: "unique", name, constraint: u });
  }
  for (const fk of table.foreignKeys) {
    const name = fk.name ??
      conventionalName(naming, "fk", {
        table: of,
        columns: fk.columns,
        referredTable: fk.referencesTable,
      });
    out.push({ type: "foreignkey", name, constraint: fk });
  }
  for (const check of table.checks) {
    const name = check.name ??
      conventionalName(naming, "ck", { table: of, constraintName: shortHash(check.condition) });
    out.push({ type: "check", name, constraint: check });
  }
  return out;
}
