import { isWord, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import type { RebuiltTable } from "./apply_batch_ops.ts";
import { renderCreateTable } from "./render_table.ts";
import type { TableDefinition } from "../dialect/sqlite/table_definition.ts";
import { isGenerated, sameName } from "../dialect/sqlite/table_definition.ts";

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
  /** The new table's temporary name, quoted. */
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

/** How to write names and where the table lives. */
export interface PlanOptions {
  readonly quote: (name: string) => string;
  /** An attached database's name. */
  readonly schema?: string;
}

/**
 * The statements of SQLite's generalized ALTER TABLE procedure for `old` -> `rebuilt`:
 * create the new table under a temporary name, copy every row with one `INSERT ... SELECT`
 * (rowids kept), keep the AUTOINCREMENT sequence, drop the views and triggers that would
 * break, drop the old table, rename the new one, and recreate indexes, views and triggers
 * from their saved SQL. Pure: the runner wraps them in a savepoint and checks foreign keys.
 *
 * @example
 * ```ts
 * planRebuild(old, rebuilt, { quote: (n) => `"${n}"` }).steps.map((s) => s.name);
 * // ["createTable", "copyRows", "dropDependents", "dropTable", "renameTable", ...]
 * ```
 */
export function planRebuild(
  old: TableDefinition,
  rebuilt: RebuiltTable,
  options: PlanOptions,
): RebuildPlan {
  const { quote, schema } = options;
  const prefix = schema ? `${quote(schema)}.` : "";
  const name = old.name;
  const temporaryName = `_retort_new_${name}`;
  const temporary = quote(temporaryName);
  const table = rebuilt.table;
  const steps: RebuildStep[] = [];
  const step = (stepName: RebuildStepName, statements: string[]) => {
    if (statements.length > 0) steps.push({ name: stepName, statements });
  };
  step("createTable", [renderCreateTable(table, prefix + temporary, temporary)]);

  const copied = table.columns.filter((c) => !isGenerated(c) && sourceOf(rebuilt, c.name));
  const byRowid = hasRowid(old);
  const keepRowid = byRowid && hasRowid(table) && !rowidAlias(table);
  const targets = [...(keepRowid ? ["rowid"] : []), ...copied.map((c) => quote(c.name))];
  const values = [
    ...(keepRowid ? ["rowid"] : []),
    ...copied.map((c) => sourceOf(rebuilt, c.name)!),
  ];
  const copy = {
    insert: `INSERT INTO ${prefix}${temporary} (${targets.join(", ")})`,
    select: `SELECT ${values.join(", ")}`,
    from: `FROM ${prefix}${quote(name)}`,
    byRowid,
  };
  step("copyRows", [`${copy.insert} ${copy.select} ${copy.from}`]);

  if (/\bAUTOINCREMENT\b/i.test(renderCreateTable(table, temporary))) {
    const sequence = `${prefix}sqlite_sequence`;
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
    step("keepSequence", [
      `INSERT INTO ${sequence} (name, seq) SELECT ${
        literal(temporaryName)
      }, seq FROM ${sequence} ` +
      `WHERE name = ${literal(name)} AND NOT EXISTS ` +
      `(SELECT 1 FROM ${sequence} WHERE name = ${literal(temporaryName)})`,
      `UPDATE ${sequence} SET seq = max(seq, coalesce((SELECT seq FROM ${sequence} ` +
      `WHERE name = ${literal(name)}), 0)) WHERE name = ${literal(temporaryName)}`,
    ]);
  }

  step("dropDependents", [
    ...old.triggers.map((t) => `DROP TRIGGER IF EXISTS ${prefix}${quote(t.name)}`),
    ...[...old.views].reverse().map((v) => `DROP VIEW ${prefix}${quote(v.name)}`),
  ]);
  step("dropTable", [`DROP TABLE ${prefix}${quote(name)}`]);
  step("renameTable", [`ALTER TABLE ${prefix}${temporary} RENAME TO ${quote(name)}`]);
  step("createIndexes", table.indexes.map((ix) => qualifyCreate(ix.sql, prefix)));
  step("createViews", table.views.map((v) => qualifyCreate(v.sql, prefix)));
  step("createTriggers", table.triggers.map((t) => qualifyCreate(t.sql, prefix)));
  return { steps, temporary, copy };
}

function sourceOf(rebuilt: RebuiltTable, column: string): string | undefined {
  for (const [name, source] of rebuilt.sources) if (sameName(name, column)) return source;
  return undefined;
}

function hasRowid(table: TableDefinition): boolean {
  return !/\bWITHOUT\s+ROWID\b/i.test(table.options);
}

/** The table has an `INTEGER PRIMARY KEY` column, which is its rowid. */
function rowidAlias(table: TableDefinition): boolean {
  const integer = (type: string) => /^\s*INTEGER\s*$/i.test(type);
  if (
    table.columns.some((c) => integer(c.type) && c.clauses.some((k) => k.kind === "primaryKey"))
  ) {
    return true;
  }
  const key = table.constraints.find((c) => c.kind === "primaryKey");
  if (!key || key.columns.length !== 1) return false;
  const column = table.columns.find((c) => sameName(c.name, key.columns[0]));
  return column !== undefined && integer(column.type);
}

/**
 * `CREATE INDEX|VIEW|TRIGGER name ...` with `schema.` before the name (an attached database),
 * unless the name is already qualified.
 */
export function qualifyCreate(sql: string, prefix: string): string {
  if (!prefix) return sql;
  const tokens = tokenize(sql);
  let i = tokens.findIndex((t) => isWord(t, "INDEX", "VIEW", "TRIGGER"));
  if (i < 0) return sql;
  i++;
  if (isWord(tokens[i], "IF")) i += 3;
  if (tokens[i + 1]?.text === ".") return sql;
  return sql.slice(0, tokens[i].start) + prefix + sql.slice(tokens[i].start);
}
