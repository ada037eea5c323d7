import type { Dialect } from "../dialect/dialect.ts";
import { sameName } from "../dialect/sqlite/same_name.ts";
import { isWord, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type { Index } from "../schema/constraint.ts";
import type { Table } from "../schema/table.ts";
import type { RebuiltTable } from "./apply_batch_ops.ts";
import type { SqliteTable } from "./read_table.ts";

/** The steps of a rebuild, in order; `failAfter` in tests names one of them. */
export const rebuildStepNames = [
  "createTable",
  "copyRows",
  "keepSequence",
  "dropDependents",
  "dropTable",
  "renameTable",
  "createIndexes",
  "createViews",
  "createTriggers",
] as const;

/** The name of one step of a rebuild. */
export type RebuildStepName = (typeof rebuildStepNames)[number];

/** One step of a rebuild and its statements. */
export interface RebuildStep {
  readonly name: RebuildStepName;
  readonly statements: readonly string[];
}

/** The statements of a rebuild, and the copy's parts (for a copy done in row ranges). */
export interface RebuildPlan {
  readonly steps: readonly RebuildStep[];
  /** The new table's temporary name. */
  readonly temporary: string;
  readonly copy: {
    readonly insert: string;
    readonly select: string;
    /** `FROM "t"`; a ranged copy appends `WHERE rowid > ? AND rowid <= ?`. */
    readonly from: string;
    /** The old table has rowids, so the copy can go in rowid ranges. */
    readonly byRowid: boolean;
  };
}

/** How to write the SQL and where the table lives. */
export interface PlanOptions {
  readonly dialect: Dialect;
  /** An attached database's name. */
  readonly schema?: string;
}

/**
 * The statements of SQLite's generalized ALTER TABLE procedure for `old` -> `rebuilt`:
 * create the new table (written by the dialect from the model) under a temporary name, copy
 * every row with one `INSERT ... SELECT` (rowids kept, generated columns computed again),
 * keep the AUTOINCREMENT sequence, drop the views and triggers that would break, drop the old
 * table, rename the new one, and create the indexes (from their own SQL where the batch left
 * them alone), views and triggers again. Pure: the runner wraps them in a savepoint.
 *
 * @example
 * ```ts
 * planRebuild(old, applyBatchOps(dialect, old.table, ops), { dialect }).steps.map((s) => s.name);
 * // ["createTable", "copyRows", "dropDependents", "dropTable", "renameTable", ...]
 * ```
 */
export function planRebuild(
  old: SqliteTable,
  rebuilt: RebuiltTable,
  options: PlanOptions,
): RebuildPlan {
  const { dialect, schema } = options;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const prefix = schema ? `${q(schema)}.` : "";
  const name = old.table.table;
  const temporary = `_retort_new_${name}`;
  const table = rebuilt.table;
  const steps: RebuildStep[] = [];
  const step = (stepName: RebuildStepName, statements: string[]) => {
    if (statements.length > 0) steps.push({ name: stepName, statements });
  };
  // A foreign key to the table itself points at the new table, so it is not a child of the
  // old one while that is dropped; the final RENAME turns it back into the table's name.
  const self = (target: string) => sameName(target, name) ? temporary : target;
  step("createTable", [
    dialect.createTable({
      ...table,
      table: temporary,
      schema,
      foreignKeys: table.foreignKeys.map((fk) => ({
        ...fk,
        referencesTable: self(fk.referencesTable),
      })),
      indexes: [],
    })[0],
  ]);

  const copied = table.columns.filter((c) => !c.computed && rebuilt.sources.has(c.name));
  const byRowid = hasRowid(old.table);
  const keepRowid = byRowid && hasRowid(table) && !rowidAlias(table);
  const copy = {
    insert: `INSERT INTO ${prefix}${q(temporary)} (${
      [...(keepRowid ? ["rowid"] : []), ...copied.map((c) => q(c.name))].join(", ")
    })`,
    select: `SELECT ${
      [...(keepRowid ? ["rowid"] : []), ...copied.map((c) => rebuilt.sources.get(c.name)!)]
        .join(", ")
    }`,
    from: `FROM ${prefix}${q(name)}`,
    byRowid,
  };
  step("copyRows", [`${copy.insert} ${copy.select} ${copy.from}`]);

  if (table.columns.some((c) => c.autoincrement === true)) {
    const sequence = `${prefix}sqlite_sequence`;
    const literal = (text: string) => dialect.literal(text);
    step("keepSequence", [
      `INSERT INTO ${sequence} (name, seq) SELECT ${literal(temporary)}, seq FROM ${sequence} ` +
      `WHERE name = ${literal(name)} AND NOT EXISTS ` +
      `(SELECT 1 FROM ${sequence} WHERE name = ${literal(temporary)})`,
      `UPDATE ${sequence} SET seq = max(seq, coalesce((SELECT seq FROM ${sequence} ` +
      `WHERE name = ${literal(name)}), 0)) WHERE name = ${literal(temporary)}`,
    ]);
  }

  step("dropDependents", [
    ...old.triggers.map((t) => `DROP TRIGGER IF EXISTS ${prefix}${q(t.name)}`),
    ...[...old.views].reverse().map((v) => `DROP VIEW ${prefix}${q(v.name)}`),
  ]);
  step("dropTable", [`DROP TABLE ${prefix}${q(name)}`]);
  step("renameTable", [`ALTER TABLE ${prefix}${q(temporary)} RENAME TO ${q(name)}`]);
  step(
    "createIndexes",
    table.indexes.map((ix) => {
      const own = unchanged(old.table, ix) ? old.indexSql.get(ix.name) : undefined;
      return own !== undefined
        ? qualifyCreate(own, prefix)
        : dialect.createIndex({ ...ix, unique: ix.unique ?? false, table: name, schema })[0];
    }),
  );
  step("createViews", old.views.map((v) => qualifyCreate(v.sql, prefix)));
  step("createTriggers", old.triggers.map((t) => qualifyCreate(t.sql, prefix)));
  return { steps, temporary, copy };
}

/** The old table has this very index. */
function unchanged(old: Table, index: Index): boolean {
  const same = old.indexes.find((ix) => ix.name === index.name);
  return same !== undefined && JSON.stringify(same) === JSON.stringify(index);
}

function hasRowid(table: Table): boolean {
  return !table.options?.withoutRowid;
}

/** The table's primary key is one `INTEGER` column, which is its rowid. */
function rowidAlias(table: Table): boolean {
  const key = table.primaryKey?.columns ?? [];
  if (key.length !== 1 || !hasRowid(table)) return false;
  const column = table.columns.find((c) => sameName(c.name, key[0]));
  if (!column) return false;
  const { type } = column;
  // The dialect writes an autoincrementing key INTEGER whatever its integer type.
  const numbered = column.autoincrement === true && ["smallint", "bigint"].includes(type.name);
  return type.name === "integer" || numbered ||
    (type.name === "raw" && /^\s*INTEGER\s*$/i.test(type.sql));
}

/**
 * `CREATE INDEX|VIEW|TRIGGER name ...` with `schema.` before the name (an attached database),
 * unless the name is already qualified.
 */
function qualifyCreate(sql: string, prefix: string): string {
  if (!prefix) return sql;
  const tokens = tokenize(sql);
  let i = tokens.findIndex((t) => isWord(t, "INDEX", "VIEW", "TRIGGER"));
  if (i < 0) return sql;
  i++;
  if (isWord(tokens[i], "IF")) i += 3;
  if (tokens[i + 1]?.text === ".") return sql;
  return sql.slice(0, tokens[i].start) + prefix + sql.slice(tokens[i].start);
}
