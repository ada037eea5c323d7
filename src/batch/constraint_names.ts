import type { NamingConvention } from "../schema/naming.ts";
import { conventionalName, shortHash } from "../schema/naming.ts";
import { closingParen, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type { ColumnClause, TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

/** Where a constraint lives in a table definition. */
export type ConstraintPlace =
  | { readonly on: "table"; readonly index: number }
  | { readonly on: "column"; readonly column: number; readonly clause: number };

/** A constraint of the table with the names it answers to. */
export interface NamedConstraint {
  readonly place: ConstraintPlace;
  readonly kind: "primaryKey" | "unique" | "check" | "foreignKey";
  /** Its own name (`CONSTRAINT x`), else the one the naming convention gives it. */
  readonly name: string;
}

const columnKinds: Partial<Record<ColumnClause["kind"], NamedConstraint["kind"]>> = {
  primaryKey: "primaryKey",
  unique: "unique",
  check: "check",
  references: "foreignKey",
};

/**
 * Every PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY of the table, named by `CONSTRAINT x` where
 * the CREATE TABLE names it, otherwise by the naming convention (as Alembic's batch mode
 * names reflected constraints), so `dropConstraint` can find unnamed ones too.
 *
 * @example
 * ```ts
 * constraintsOf(parseCreateTable(`CREATE TABLE t (a INT UNIQUE)`), {}).map((c) => c.name); // ["uq_t_a"]
 * ```
 */
export function constraintsOf(table: TableDefinition, naming: NamingConvention): NamedConstraint[] {
  const out: NamedConstraint[] = [];
  table.constraints.forEach((c, index) => {
    const name = c.name ??
      conventional(naming, table.name, c.kind, c.columns, c.text, c.referencesTable);
    out.push({ place: { on: "table", index }, kind: c.kind, name });
  });
  table.columns.forEach((column, columnIndex) => {
    column.clauses.forEach((clause, clauseIndex) => {
      const kind = columnKinds[clause.kind];
      if (!kind) return;
      const referred = kind === "foreignKey"
        ? tokenize(clause.text).find((_, i, all) => i > 0 && /^references$/i.test(all[i - 1].value))
          ?.value
        : undefined;
      const name = clause.name ??
        conventional(naming, table.name, kind, [column.name], clause.text, referred);
      out.push({ place: { on: "column", column: columnIndex, clause: clauseIndex }, kind, name });
    });
  });
  return out;
}

function conventional(
  naming: NamingConvention,
  table: string,
  kind: NamedConstraint["kind"],
  columns: readonly string[],
  text: string,
  referredTable?: string,
): string {
  switch (kind) {
    case "primaryKey":
      return conventionalName(naming, "pk", { table, columns });
    case "unique":
      return conventionalName(naming, "uq", { table, columns });
    case "foreignKey":
      return conventionalName(naming, "fk", { table, columns, referredTable });
    case "check":
      return conventionalName(naming, "ck", {
        table,
        constraintName: shortHash(checkCondition(text)),
      });
  }
}

/** The condition inside `CHECK (...)`, as written. */
export function checkCondition(text: string): string {
  const tokens = tokenize(text);
  const open = tokens.findIndex((t) => t.text === "(");
  if (open < 0) return text;
  const close = closingParen(tokens, open);
  return text.slice(tokens[open].end, tokens[close].start).trim();
}

/** The constraint called `name` (case-insensitive), of `type` when given. */
export function findConstraint(
  table: TableDefinition,
  naming: NamingConvention,
  name: string,
  kind?: NamedConstraint["kind"],
): NamedConstraint | undefined {
  return constraintsOf(table, naming).find((c) =>
    sameName(c.name, name) && (kind === undefined || c.kind === kind)
  );
}
