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
  const reached = (name: PostgresStepName) => {
    if (options.failAfter === name) throw new Error(`injected failure after ${name}`);
  };
  try {
    const { renames, ops } = splitRenames(op.ops);
    const target = await postgresTarget(session, op.table, op.schema);
    const old = dialect.qualify(op.table, target.schema);
    await session.execute(`LOCK TABLE ${old} IN ACCESS EXCLUSIVE MODE`);
    for (const [from, to] of renames) {
      await session.execute(`ALTER TABLE ${old} RENAME COLUMN ${quote(from)} TO ${quote(to)}`);
    }
    reached(step);
    step = "read table";
    const table = await readServerTable(dialect, session, op.table, target.schema);
    const around = await readPostgresSurroundings(session, target);
    const rebuilt = applyBatchOps(dialect, table, ops, { naming: op.namingConvention });
    const [me] = await session.query("SELECT current_user AS me");
    reached(step);
    const fresh = newTableName(
      op.table,
      dialect.capabilities.maxIdentifierLength,
      dialect.capabilities.identifierUnit,
    );
    const created = dialect.qualify(fresh, target.schema);
    const copy = copyStatement(dialect, rebuilt, target, created, old);
    const steps: [PostgresStepName, () => readonly string[] | Promise<readonly string[]>][] = [
      ["create new table", () => createStatements(dialect, rebuilt.table, fresh, target, around)],
      ["copy rows", () => (copy ? [copy] : [])],
      [
        "drop referencing foreign keys",
        () =>
          around.referencing.map((fk) =>
            `ALTER TABLE ${fk.table} DROP CONSTRAINT ${quote(fk.name)}`
          ),
      ],
      [
        "drop views",
        () =>
          [...around.views].reverse()
            .map((v) => `DROP ${v.materialized ? "MATERIALIZED " : ""}VIEW ${v.name}`),
      ],
      [
        "drop old table",
        () => [
          ...around.sequences.filter((s) => !s.identity)
            .map((s) => `ALTER SEQUENCE ${s.qualified} OWNED BY NONE`),
          `DROP TABLE ${old}`,
        ],
      ],
      ["rename new table", () => [`ALTER TABLE ${created} RENAME TO ${quote(op.table)}`]],
      ["restore sequences", () => sequenceStatements(dialect, session, rebuilt, around, old)],
      [
        "add constraints",
        () => constraintStatements(dialect, table, rebuilt.table, target, around, op),
      ],
      [
        "create indexes",
        () =>
          rebuilt.table.indexes.map((ix) => {
            const own = table.indexes.find((o) => o.name === ix.name);
            const kept = own && same(own, ix) ? around.indexes.get(ix.name) : undefined;
            const place = { table: op.table, schema: target.schema };
            return kept ?? dialect.createIndex({ ...ix, unique: ix.unique ?? false, ...place })[0];
          }),
      ],
      ["create triggers", () => around.triggers],
      ["create views", () => around.views.flatMap((v) => v.create)],
      [
        "add referencing foreign keys",
        () =>
          around.referencing.map((fk) =>
            `ALTER TABLE ${fk.table} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`
          ),
      ],
      [
        "restore comments and grants",
        () => [
          ...(String(me?.me) === around.owner
            ? []
            : [`ALTER TABLE ${old} OWNER TO ${quote(around.owner)}`]),
          ...around.grants.map((grant) => grant.replace("%TABLE%", old)),
        ],
      ],
    ];
    for (const [name, statements] of steps) {
      step = name;
      for (const sql of await statements()) await session.execute(sql);
      reached(name);
    }
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
async function sequenceStatements(
  dialect: Dialect,
  session: Session,
  rebuilt: RebuiltTable,
  around: PostgresSurroundings,
  old: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const seq of around.sequences) {
    const column = rebuilt.table.columns.find((c) => c.name === seq.column);
    if (seq.identity) {
      if (column?.identity === undefined) continue;
      const [row] = await session.query("SELECT pg_get_serial_sequence($1, $2) AS seq", [
        old,
        seq.column,
      ]);
      const o = seq.options;
      // The old bounds fit the old type only.
      const bounds = rebuilt.retyped.has(seq.column) ? "" : ` MINVALUE ${o.min} MAXVALUE ${o.max}`;
      out.push(
        `ALTER SEQUENCE ${row.seq} RENAME TO ${quote(seq.name)}`,
        `ALTER SEQUENCE ${seq.qualified} INCREMENT BY ${o.increment}${bounds} ` +
          `START WITH ${o.start} CACHE ${o.cache} ${o.cycle ? "CYCLE" : "NO CYCLE"}`,
      );
    } else if (!column) {
      out.push(`DROP SEQUENCE ${seq.qualified}`);
      continue;
    } else out.push(`ALTER SEQUENCE ${seq.qualified} OWNED BY ${old}.${quote(seq.column)}`);
    out.push(
      `SELECT setval(${dialect.literal(seq.qualified)}, ${seq.lastValue}, ${seq.isCalled})`,
    );
  }
  return out;
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
