import type { Dialect } from "../dialect/dialect.ts";
import type {
  CheckConstraint,
  ForeignKey,
  PrimaryKey,
  UniqueConstraint,
} from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import { conventionalName, shortHash } from "../schema/naming.ts";
import type { Table, TablePlace } from "../schema/table.ts";

/**
 * A key or constraint of a table, with the name it answers to in `dropConstraint`: its own
 * name, else the one the naming convention gives it.
 */
export type NamedConstraint =
  | { readonly type: "primary"; readonly name: string; readonly constraint: PrimaryKey }
  | { readonly type: "unique"; readonly name: string; readonly constraint: UniqueConstraint }
  | { readonly type: "foreignkey"; readonly name: string; readonly constraint: ForeignKey }
  | { readonly type: "check"; readonly name: string; readonly constraint: CheckConstraint };

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

/**
 * The `ALTER TABLE ... ADD CONSTRAINT` that adds the constraint to the table at `place`, as
 * the dialect writes it.
 *
 * @example
 * ```ts
 * addConstraint(dialect, { table: "t" }, { type: "unique", name: "uq_t_a", constraint: { columns: ["a"] } });
 * // 'ALTER TABLE "t" ADD CONSTRAINT "uq_t_a" UNIQUE ("a")'
 * ```
 */
export function addConstraint(dialect: Dialect, place: TablePlace, named: NamedConstraint): string {
  const { name } = named;
  switch (named.type) {
    case "primary":
      return dialect.addPrimaryKey({ ...place, name, columns: named.constraint.columns })[0];
    case "unique":
      return dialect.addUniqueConstraint({ ...place, name, columns: named.constraint.columns })[0];
    case "check":
      return dialect.addCheckConstraint({
        ...place,
        name,
        condition: named.constraint.condition,
      })[0];
    case "foreignkey":
      return dialect.addForeignKey({ ...place, ...named.constraint, name })[0];
  }
}
