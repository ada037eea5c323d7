import type { Dialect } from "../dialect/dialect.ts";
import type { Session } from "../driver/connection.ts";
import type { BatchAlterTableOp } from "../ops/op.ts";
import type { Table } from "../schema/table.ts";
import { applyBatchOps } from "./apply_batch_ops.ts";
import type { RebuiltTable } from "./apply_batch_ops.ts";
import { BatchError } from "./batch_error.ts";
import { splitRenames } from "./column_renames.ts";
import type { NamedConstraint } from "./constraint_names.ts";
import { addConstraint, namedConstraints } from "./constraint_names.ts";
import type { PostgresSurroundings, PostgresTarget } from "./postgres_surroundings.ts";
import { postgresTarget, readPostgresSurroundings } from "./postgres_surroundings.ts";
import { newTableName, readServerTable } from "./read_server_table.ts";

/** The steps of a PostgreSQL rebuild, as named in its errors. */
export const postgresStepNames = [
  "rename columns",
  "read table",
  "create new table",
  "copy rows",
  "drop referencing foreign keys",
  "drop views",
  "drop old table",
  "rename new table",
  "restore sequences",
  "add constraints",
  "create indexes",
  "create triggers",
  "create views",
  "add referencing foreign keys",
  "restore comments and grants",
] as const;
/** The name of one step of a PostgreSQL rebuild. */
export type PostgresStepName = (typeof postgresStepNames)[number];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rebuilds a PostgreSQL table for `recreate: "always"`, inside the caller's transaction
 * (DDL is transactional: any failure rolls it all back): renames columns with ALTER (so
 * PostgreSQL rewrites every view, trigger and key that uses them), reads the table with the
 * dialect's introspector, creates `_retort_new_<table>` from the model with the batch
 * applied, copies the rows (`CAST` for a new type, or the alterColumn's `using`), drops the
 * foreign keys of other tables that reference it and the views on it, drops the old table,
 * renames the new one and adds its constraints, indexes, triggers, views and those foreign
 * keys again; identity and serial sequences keep their names, options and positions.
 *
 * @example
 * ```ts
 * await connection.transaction((tx) => rebuildPostgresTable(dialect, tx, op));
 * ```
 */
export async function rebuildPostgresTable(
  dialect: Dialect,
  session: Session,
  op: BatchAlterTableOp,
  options: { failAfter?: PostgresStepName } = {},
): Promise<void> {
  let step: PostgresStepName = "rename columns";
  const run = async (sql: string) => await session.execute(sql);
  const done = (name: PostgresStepName) => {
    if (options.failAfter === name) throw new Error(`injected failure after ${name}`);
  };
  try {
    const { renames, ops } = splitRenames(op.ops);
    const target = await postgresTarget(session, op.table, op.schema);
    const old = `${quote(target.schema)}.${quote(op.table)}`;
    await run(`LOCK TABLE ${old} IN ACCESS EXCLUSIVE MODE`);
    for (const [from, to] of renames) {
      await run(`ALTER TABLE ${old} RENAME COLUMN ${quote(from)} TO ${quote(to)}`);
    }
    done(step);
    step = "read table";
    const table = await readServerTable(dialect, session, op.table, target.schema);
    const around = await readPostgresSurroundings(session, target);
    const rebuilt = applyBatchOps(dialect, table, ops, { naming: op.namingConvention });
    done(step);

    step = "create new table";
    const fresh = newTableName(op.table, dialect.capabilities.maxIdentifierLength);
    const created = `${quote(target.schema)}.${quote(fresh)}`;
    for (const sql of createStatements(dialect, rebuilt.table, fresh, target, around)) {
      await run(sql);
    }
    done(step);

    step = "copy rows";
    const copy = copyStatement(dialect, rebuilt, target, created, old);
    if (copy) await run(copy);
    done(step);

    step = "drop referencing foreign keys";
    for (const fk of around.referencing) {
      await run(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quote(fk.name)}`);
    }
    done(step);
    step = "drop views";
    for (const view of [...around.views].reverse()) {
      await run(`DROP ${view.materialized ? "MATERIALIZED " : ""}VIEW ${view.name}`);
    }
    done(step);
    step = "drop old table";
    for (const seq of around.sequences.filter((s) => !s.identity)) {
      await run(`ALTER SEQUENCE ${seq.qualified} OWNED BY NONE`);
    }
    await run(`DROP TABLE ${old}`);
    done(step);
    step = "rename new table";
    await run(`ALTER TABLE ${created} RENAME TO ${quote(op.table)}`);
    done(step);

    step = "restore sequences";
    await restoreSequences(session, rebuilt, around, old);
    done(step);

    step = "add constraints";
    for (const sql of constraintStatements(dialect, table, rebuilt.table, target, around, op)) {
      await run(sql);
    }
    done(step);
    step = "create indexes";
    for (const ix of rebuilt.table.indexes) {
      const own = table.indexes.find((o) => o.name === ix.name);
      const kept = own && same(own, ix) ? around.indexes.get(ix.name) : undefined;
      await run(
        kept ?? dialect.createIndex({
          ...ix,
          unique: ix.unique ?? false,
          table: op.table,
          schema: target.schema,
        })[0],
      );
    }
    done(step);
    step = "create triggers";
    for (const sql of around.triggers) await run(sql);
    done(step);
    step = "create views";
    for (const view of around.views) for (const sql of view.create) await run(sql);
    done(step);
    step = "add referencing foreign keys";
    for (const fk of around.referencing) {
      await run(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`);
    }
    done(step);
    step = "restore comments and grants";
    const [me] = await session.query("SELECT current_user AS me");
    if (me && String(me.me) !== around.owner) {
      await run(`ALTER TABLE ${old} OWNER TO ${quote(around.owner)}`);
    }
    for (const grant of around.grants) await run(grant.replace("%TABLE%", old));
    done(step);
  } catch (error) {
    if (error instanceof BatchError) throw error;
    throw new BatchError(
      "BATCH_FAILED",
      `batchAlterTable ${
        op.schema ? `${op.schema}.` : ""
      }${op.table}: rebuild failed at "${step}": ${
        String((error as Error)?.message ?? error).split("\n")[0]
      }; rolled back with the transaction, the table and its rows are unchanged`,
      { cause: error },
    );
  }
}

/**
 * The new table with its columns only (its constraint and index names are the old table's
 * until that is dropped), its comments, and the old table's storage parameters.
 */
function createStatements(
  dialect: Dialect,
  table: Table,
  fresh: string,
  target: PostgresTarget,
  around: PostgresSurroundings,
): string[] {
  const storage = around.storage.length ? ` WITH (${around.storage.join(", ")})` : "";
  return dialect.createTable({
    ...table,
    table: fresh,
    schema: target.schema,
    primaryKey: undefined,
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
  }).map((sql) => (/^CREATE (UNLOGGED )?TABLE /.test(sql) ? sql + storage : sql));
}

/** `INSERT INTO new (...) SELECT ... FROM old`, a new type converted with CAST. */
function copyStatement(
  dialect: Dialect,
  rebuilt: RebuiltTable,
  target: PostgresTarget,
  created: string,
  old: string,
): string | undefined {
  const copied = rebuilt.table.columns.filter((c) => !c.computed && rebuilt.sources.has(c.name));
  if (copied.length === 0) return undefined;
  const value = (column: (typeof copied)[number]) => {
    const source = rebuilt.sources.get(column.name)!;
    if (!rebuilt.retyped.has(column.name)) return source;
    const place = { table: target.table, schema: target.schema, column: column.name };
    return `CAST(${source} AS ${dialect.renderType(column.type, place)})`;
  };
  const always = copied.some((c) => c.identity?.always);
  return `INSERT INTO ${created} (${copied.map((c) => quote(c.name)).join(", ")})` +
    `${always ? " OVERRIDING SYSTEM VALUE" : ""} SELECT ${
      copied.map(value).join(", ")
    } FROM ${old}`;
}

/**
 * An identity column's new sequence takes the old one's name and options; a serial one is
 * attached again (or dropped with its column); each goes back to where it was.
 */
async function restoreSequences(
  session: Session,
  rebuilt: RebuiltTable,
  around: PostgresSurroundings,
  old: string,
): Promise<void> {
  for (const seq of around.sequences) {
    const column = rebuilt.table.columns.find((c) => c.name === seq.column);
    if (seq.identity) {
      if (column?.identity === undefined) continue;
      const [row] = await session.query("SELECT pg_get_serial_sequence($1, $2) AS seq", [
        old,
        seq.column,
      ]);
      if (!row?.seq) continue;
      await session.execute(`ALTER SEQUENCE ${row.seq} RENAME TO ${quote(seq.name)}`);
      const o = seq.options;
      // The old bounds fit the old type only.
      const bounds = rebuilt.retyped.has(seq.column) ? "" : ` MINVALUE ${o.min} MAXVALUE ${o.max}`;
      await session.execute(
        `ALTER SEQUENCE ${seq.qualified} INCREMENT BY ${o.increment}${bounds} ` +
          `START WITH ${o.start} CACHE ${o.cache} ${o.cycle ? "CYCLE" : "NO CYCLE"}`,
      );
    } else if (!column) {
      await session.execute(`DROP SEQUENCE ${seq.qualified}`);
      continue;
    } else {
      await session.execute(`ALTER SEQUENCE ${seq.qualified} OWNED BY ${old}.${quote(seq.column)}`);
    }
    await session.query("SELECT setval($1, $2, $3)", [seq.qualified, seq.lastValue, seq.isCalled]);
  }
}

/**
 * The table's constraints (primary key, unique, exclude, check, foreign keys, in that order):
 * one the batch left alone from PostgreSQL's own definition, a new or changed one as the
 * dialect writes it, and the EXCLUDE constraints (not in the model) that use no dropped
 * column.
 */
function constraintStatements(
  dialect: Dialect,
  old: Table,
  table: Table,
  target: PostgresTarget,
  around: PostgresSurroundings,
  op: BatchAlterTableOp,
): string[] {
  const place = { table: op.table, schema: target.schema };
  const naming = op.namingConvention ?? {};
  const add = (name: string, definition: string) =>
    `ALTER TABLE ${dialect.qualify(op.table, target.schema)} ADD CONSTRAINT ${
      quote(name)
    } ${definition}`;
  const before = namedConstraints(old, naming);
  const written = (c: NamedConstraint) => {
    const own = before.find((o) => o.name === c.name);
    const kept = own && same(own.constraint, c.constraint)
      ? around.constraints.get(c.name)
      : undefined;
    return kept ? add(c.name, kept.definition) : addConstraint(dialect, place, c);
  };
  const all = namedConstraints(table, naming);
  const of = (type: NamedConstraint["type"]) => all.filter((c) => c.type === type).map(written);
  const exclusions = [...around.constraints]
    .filter(([, c]) =>
      c.type === "x" && c.columns.every((n) => table.columns.some((k) => k.name === n))
    )
    .map(([name, c]) => add(name, c.definition));
  return [...of("primary"), ...of("unique"), ...exclusions, ...of("check"), ...of("foreignkey")];
}

/** The two are the same key, constraint or index. */
function same(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
