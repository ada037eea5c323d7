import type { Dialect } from "../dialect/dialect.ts";
import type { ForeignKey } from "../schema/constraint.ts";
import type { NamingConvention } from "../schema/naming.ts";
import type { AlterColumnOp, BatchAddColumnOp, BatchSubOp, ConstraintType } from "../ops/op.ts";
import { BatchError } from "./batch_error.ts";
import { findConstraint } from "./constraint_names.ts";
import { renderColumn } from "./render_column.ts";
import { mentions } from "../dialect/sqlite/sql_mentions.ts";
import { tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type {
  ColumnClause,
  ColumnDefinition,
  SchemaObject,
  TableConstraint,
  TableDefinition,
} from "../dialect/sqlite/table_definition.ts";
import { findColumn, isGenerated, sameName } from "../dialect/sqlite/table_definition.ts";

/** The table a rebuild creates, and where each of its copied columns comes from. */
export interface RebuiltTable {
  readonly table: TableDefinition;
  /** New column name -> SQL over the old table (a quoted column, or an alterColumn `using`). */
  readonly sources: ReadonlyMap<string, string>;
}

interface Draft {
  columns: ColumnDefinition[];
  constraints: TableConstraint[];
  indexes: SchemaObject[];
  sources: Map<string, string>;
}

const constraintKinds: Record<ConstraintType, TableConstraint["kind"]> = {
  foreignkey: "foreignKey",
  unique: "unique",
  check: "check",
  primary: "primaryKey",
};

/**
 * Applies a batch's column, index and constraint operations to the table's definition (read
 * after any column renames ran) and returns the definition of the table to build. Dropping a
 * column drops the indexes and constraints that use it, as PostgreSQL does. Pure: no I/O.
 *
 * @example
 * ```ts
 * const { table } = applyBatchOps(dialect, parseCreateTable("CREATE TABLE t (a INT, b INT)"),
 *   [{ kind: "dropColumn", table: "t", column: "b" }], {});
 * table.columns.map((c) => c.name); // ["a"]
 * ```
 */
export function applyBatchOps(
  dialect: Dialect,
  table: TableDefinition,
  ops: readonly BatchSubOp[],
  naming: NamingConvention,
  partialReordering: readonly (readonly string[])[] = [],
): RebuiltTable {
  const draft: Draft = {
    columns: [...table.columns],
    constraints: [...table.constraints],
    indexes: [...table.indexes],
    sources: new Map(
      table.columns.filter((c) => !isGenerated(c)).map((
        c,
      ) => [c.name, dialect.quoteIdentifier(c.name)]),
    ),
  };
  const q = (name: string) => dialect.quoteIdentifier(name);
  const current = () => ({ ...table, ...draft });
  for (const op of ops) {
    switch (op.kind) {
      case "addColumn":
        addColumn(dialect, table.name, draft, op);
        break;
      case "dropColumn":
        dropColumn(draft, table.name, op.column);
        break;
      case "alterColumn":
        alterColumn(dialect, table.name, draft, op);
        break;
      case "createIndex":
        draft.indexes.push({
          name: op.name,
          sql: dialect.createIndex({ ...op, schema: undefined })[0],
        });
        break;
      case "dropIndex": {
        const at = draft.indexes.findIndex((ix) => sameName(ix.name, op.name));
        if (at < 0) throw unknown(table.name, "index", op.name, draft.indexes.map((ix) => ix.name));
        draft.indexes.splice(at, 1);
        break;
      }
      case "createUniqueConstraint":
        draft.constraints.push({
          kind: "unique",
          name: op.name,
          columns: op.columns,
          text: `CONSTRAINT ${q(op.name)} UNIQUE (${op.columns.map(q).join(", ")})`,
        });
        break;
      case "createCheckConstraint":
        draft.constraints.push({
          kind: "check",
          name: op.name,
          columns: [],
          text: `CONSTRAINT ${q(op.name)} CHECK (${op.condition})`,
        });
        break;
      case "createForeignKey":
        draft.constraints.push({
          kind: "foreignKey",
          name: op.name,
          columns: op.columns,
          referencesTable: op.referencesTable,
          text: `CONSTRAINT ${q(op.name)} ${foreignKeyClause(op, q)}`,
        });
        break;
      case "createPrimaryKey":
        dropPrimaryKey(draft);
        draft.constraints.push({
          kind: "primaryKey",
          name: op.name,
          columns: op.columns,
          text: `CONSTRAINT ${q(op.name)} PRIMARY KEY (${op.columns.map(q).join(", ")})`,
        });
        break;
      case "dropConstraint":
        dropConstraint(current(), draft, naming, op.name, op.type);
        break;
    }
  }
  for (const order of partialReordering) reorder(draft, table.name, order);
  return {
    table: {
      ...table,
      columns: draft.columns,
      constraints: draft.constraints,
      indexes: draft.indexes,
    },
    sources: draft.sources,
  };
}

function addColumn(dialect: Dialect, table: string, draft: Draft, op: BatchAddColumnOp): void {
  const { column } = op;
  if (findColumn(draft, column.name)) {
    throw new BatchError(
      "BATCH_DUPLICATE_COLUMN",
      `batchAlterTable ${table}: column ${column.name} already exists; pick another name or drop it first`,
    );
  }
  const definition = renderColumn(dialect, table, column);
  const anchor = op.insertBefore ?? op.insertAfter;
  let at = draft.columns.length;
  if (anchor !== undefined) {
    const index = draft.columns.findIndex((c) => sameName(c.name, anchor));
    if (index < 0) throw unknown(table, "column", anchor, draft.columns.map((c) => c.name));
    at = op.insertBefore !== undefined ? index : index + 1;
  }
  draft.columns.splice(at, 0, definition);
  const q = (name: string) => dialect.quoteIdentifier(name);
  if (column.primaryKey && !column.autoincrement && column.identity === undefined) {
    dropPrimaryKey(draft);
    const name = op.primaryKeyName ?? `pk_${table}`;
    draft.constraints.push({
      kind: "primaryKey",
      name,
      columns: [column.name],
      text: `CONSTRAINT ${q(name)} PRIMARY KEY (${q(column.name)})`,
    });
  }
  if (column.unique) {
    const name = op.uniqueName ?? `uq_${table}_${column.name}`;
    draft.constraints.push({
      kind: "unique",
      name,
      columns: [column.name],
      text: `CONSTRAINT ${q(name)} UNIQUE (${q(column.name)})`,
    });
  }
}

/** Removes the column, and the indexes and constraints that use it (as PostgreSQL does). */
function dropColumn(draft: Draft, table: string, name: string): void {
  const at = draft.columns.findIndex((c) => sameName(c.name, name));
  if (at < 0) throw unknown(table, "column", name, draft.columns.map((c) => c.name));
  draft.columns.splice(at, 1);
  draft.sources.delete([...draft.sources.keys()].find((k) => sameName(k, name)) ?? name);
  draft.constraints = draft.constraints.filter((c) => !c.columns.some((x) => sameName(x, name)));
  draft.indexes = draft.indexes.filter((ix) => !mentions(indexBody(ix.sql), name));
  draft.columns = draft.columns.map((c) => ({
    ...c,
    clauses: c.clauses.filter((clause) => clause.kind !== "check" || !mentions(clause.text, name)),
  }));
}

/** An index's SQL after `ON table`: its columns, expressions and WHERE. */
export function indexBody(sql: string): string {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => /^on$/i.test(t.value) && t.kind === "word");
  return on < 0 ? sql : sql.slice(tokens[on + 1]?.end ?? sql.length);
}

function alterColumn(dialect: Dialect, table: string, draft: Draft, op: AlterColumnOp): void {
  const at = draft.columns.findIndex((c) => sameName(c.name, op.column));
  if (at < 0) throw unknown(table, "column", op.column, draft.columns.map((c) => c.name));
  const before = draft.columns[at];
  let clauses: ColumnClause[] = [...before.clauses];
  let type = before.type;
  if (op.type !== undefined) {
    const rendered = renderColumn(dialect, table, { name: before.name, type: op.type });
    type = rendered.type;
    clauses.push(...rendered.clauses.filter((c) => c.kind === "check"));
  }
  if (op.nullable === true) {
    clauses = clauses.filter((c) => c.kind !== "notNull" && c.kind !== "null");
  }
  if (op.nullable === false) {
    clauses = clauses.filter((c) => c.kind !== "null");
    if (!clauses.some((c) => c.kind === "notNull")) {
      clauses.unshift({ kind: "notNull", text: "NOT NULL" });
    }
  }
  if (op.serverDefault !== undefined) {
    const index = clauses.findIndex((c) => c.kind === "default");
    clauses = clauses.filter((c) => c.kind !== "default");
    if (op.serverDefault !== null) {
      const rendered = renderColumn(dialect, table, {
        name: before.name,
        type: { name: "raw", sql: "" },
        serverDefault: op.serverDefault,
      });
      const clause = rendered.clauses.find((c) => c.kind === "default")!;
      clauses.splice(index < 0 ? clauses.length : index, 0, clause);
    }
  }
  draft.columns[at] = { ...before, type, clauses };
  if (op.using !== undefined) {
    const key = [...draft.sources.keys()].find((k) => sameName(k, before.name)) ?? before.name;
    draft.sources.set(key, `(${op.using})`);
  }
}

function dropPrimaryKey(draft: Draft): void {
  draft.constraints = draft.constraints.filter((c) => c.kind !== "primaryKey");
  draft.columns = draft.columns.map((c) => ({
    ...c,
    clauses: c.clauses.filter((clause) => clause.kind !== "primaryKey"),
  }));
}

function dropConstraint(
  table: TableDefinition,
  draft: Draft,
  naming: NamingConvention,
  name: string,
  type: ConstraintType | undefined,
): void {
  const found = findConstraint(table, naming, name, type && constraintKinds[type]);
  if (found?.place.on === "table") {
    draft.constraints.splice(found.place.index, 1);
    return;
  }
  if (found?.place.on === "column") {
    const { column, clause } = found.place;
    const clauses = draft.columns[column].clauses.filter((_, i) => i !== clause);
    draft.columns[column] = { ...draft.columns[column], clauses };
    return;
  }
  const index = draft.indexes.findIndex((ix) => sameName(ix.name, name));
  if (index >= 0 && (type === undefined || type === "unique")) {
    draft.indexes.splice(index, 1);
    return;
  }
  throw new BatchError(
    "BATCH_UNKNOWN_CONSTRAINT",
    `batchAlterTable ${table.name}: no ${type ?? ""}${type ? " " : ""}constraint named ${name}; ` +
      `check the name (unnamed constraints answer to the naming convention, e.g. uq_${table.name}_<columns>)`,
  );
}

function reorder(draft: Draft, table: string, order: readonly string[]): void {
  const positions = order.map((name) => {
    const at = draft.columns.findIndex((c) => sameName(c.name, name));
    if (at < 0) throw unknown(table, "column", name, draft.columns.map((c) => c.name));
    return at;
  });
  const sorted = [...positions].sort((a, b) => a - b);
  const picked = positions.map((p) => draft.columns[p]);
  sorted.forEach((slot, i) => (draft.columns[slot] = picked[i]));
}

/** `FOREIGN KEY (...) REFERENCES t (...)` with its actions and deferrability. */
export function foreignKeyClause(fk: ForeignKey, q: (name: string) => string): string {
  let text = `FOREIGN KEY (${fk.columns.map(q).join(", ")}) REFERENCES ${q(fk.referencesTable)} ` +
    `(${fk.referencesColumns.map(q).join(", ")})`;
  if (fk.onDelete) text += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate) text += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferrable !== undefined) text += fk.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (fk.initially) text += ` INITIALLY ${fk.initially}`;
  return text;
}

function unknown(table: string, what: string, name: string, known: readonly string[]): BatchError {
  const code = `BATCH_UNKNOWN_${what.toUpperCase()}`;
  return new BatchError(
    code,
    `batchAlterTable ${table}: no ${what} named ${name}; it has ${known.join(", ") || "none"}`,
  );
}
