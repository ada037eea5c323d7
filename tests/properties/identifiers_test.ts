// Property: any identifier and any literal a database accepts survive retort. A table made
// of random hostile names (quotes of every kind, backslashes, `$1`, `?`, `--`, `/* */`, CR/LF,
// tabs, Unicode, names at the length limit) with a string default, an index, a check and
// rows of random hostile values is created with retort's ops, reflected back with the
// dialect's introspector, and must come back exactly: names, defaults, comments, rows. The
// same holds online (statements with bound parameters) and through an `--sql` script applied
// by the database's own shell. Identifiers with NUL are refused with a one-line error.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import type { Dialect, Statement } from "../../src/dialect/dialect.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { CreateTableOp, Op } from "../../src/ops/op.ts";
import { terminated } from "../../src/runtime/offline_script.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import type { DatabaseKind, ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import type { NameRules } from "./_arbitraries.ts";
import {
  check,
  distinctIdentifiers,
  doubleLiteral,
  identifierWithNul,
  integerLiteral,
  runs,
  stringLiteral,
  timeout,
} from "./_arbitraries.ts";

/** What one database accepts, and how the test writes for it. */
interface Profile {
  readonly kind: DatabaseKind;
  /** Column, index and constraint names. */
  readonly names: NameRules;
  /** Table names. */
  readonly tableNames: NameRules;
  /** String literals may hold NUL. */
  readonly nulInLiterals: boolean;
  /**
   * Literals the database keeps in its catalog (defaults, the check's, comments) are read
   * back only if they hold nothing beyond U+FFFF: MariaDB's information_schema and SHOW
   * CREATE TABLE are utf8mb3 and print such characters as `?` (the rows hold them whole).
   */
  readonly catalogBmpOnly: boolean;
  /** Comments may hold NUL (MariaDB keeps a comment's length but zeroes it from the first NUL). */
  readonly nulInComments: boolean;
  /**
   * The shell drops a CR that ends a line (`sqlite3`, `mariadb`; `psql` keeps it), also
   * inside a quoted name or string, so an `--sql` script keeps no CR before LF there.
   * MySQL literals are safe: retort writes CR as `\r`.
   */
  readonly shellDropsCrBeforeLf: { readonly names: boolean; readonly literals: boolean };
  /**
   * How many units in the last place the shell may miss a double literal by: the sqlite3
   * shell here (3.40) parses some (0.6 % of random bit patterns) to a neighbour of the
   * nearest double; the SQLite inside libSQL parses them exactly.
   */
  readonly shellDoubleUlps: number;
  readonly maxLiteralChars: number;
  /** The type of the string column. */
  readonly textType: ColumnType;
  /** A check that `column` (quoted) differs from `literal`, byte for byte. */
  notEqual(column: string, literal: string): string;
}

const profiles: Record<DatabaseKind, Profile> = {
  // NAMEDATALEN 64: identifiers of at most 63 bytes (longer ones are cut with a NOTICE).
  // A table's name starting with `_` can clash with the array type PostgreSQL makes for
  // another ("could not form array type name", or a duplicate key in pg_type at 63 bytes).
  postgres: {
    kind: "postgres",
    names: { maxBytes: 63 },
    tableNames: { maxBytes: 63, reservedPrefix: "_" },
    nulInLiterals: false,
    catalogBmpOnly: false,
    nulInComments: false,
    shellDropsCrBeforeLf: { names: false, literals: false },
    shellDoubleUlps: 0,
    maxLiteralChars: 300,
    textType: t.text(),
    notEqual: (column, literal) => `${column} <> ${literal}`,
  },
  // MariaDB 10.11, checked here: 64 characters (é counts one), nothing beyond U+FFFF
  // ("Invalid utf8mb4 character string"), no trailing space/tab/CR/LF ("Incorrect table
  // name"); a table is a file whose name spells characters but [A-Za-z0-9_] as up to 5
  // bytes (`"` is @0022) and ends in .frm, in 255 bytes: 50 quotes fit, 51 fail with "File
  // name too long" (errno 36). Names compare case-insensitively; values, in the default
  // utf8mb4_general_ci, case- and accent-insensitively.
  mysql: {
    kind: "mysql",
    names: { maxChars: 64, bmpOnly: true, noTrailingSpace: true },
    tableNames: { maxChars: 64, bmpOnly: true, noTrailingSpace: true, fileName: { budget: 250 } },
    nulInLiterals: true,
    catalogBmpOnly: true,
    nulInComments: false,
    shellDropsCrBeforeLf: { names: true, literals: false },
    shellDoubleUlps: 0,
    maxLiteralChars: 300,
    textType: t.varchar(400),
    // the column's collation is case- and accent-insensitive: compare bytes
    notEqual: (column, literal) => `BINARY ${column} <> ${literal}`,
  },
  // No length limit worth the name; `sqlite_` starts only SQLite's own tables and indexes.
  sqlite: {
    kind: "sqlite",
    names: { maxChars: 120, reservedPrefix: "sqlite_" },
    tableNames: { maxChars: 120, reservedPrefix: "sqlite_" },
    nulInLiterals: true,
    catalogBmpOnly: false,
    nulInComments: true,
    shellDropsCrBeforeLf: { names: true, literals: true },
    shellDoubleUlps: 1,
    maxLiteralChars: 300,
    textType: t.text(),
    notEqual: (column, literal) => `${column} <> ${literal}`,
  },
};

/** The names of one table and what goes around it. */
interface Names {
  readonly table: string;
  readonly id: string;
  readonly text: string;
  readonly double: string;
  readonly int: string;
  readonly bool: string;
  readonly key: string;
  readonly index: string;
  readonly check: string;
  /** A second table created from the reflected one, and its key. */
  readonly copy: string;
  readonly copyKey: string;
}

interface Values {
  readonly text: string | null;
  readonly double: number;
  readonly int: number;
  readonly bool: boolean;
}

/** One random table, its defaults and rows. */
interface Case {
  readonly names: Names;
  /** Which names are given; the others come from the naming convention. */
  readonly named: { readonly key: boolean; readonly index: boolean; readonly check: boolean };
  readonly indexOnTwo: boolean;
  readonly defaults: Values & { readonly text: string };
  readonly comments: { readonly table: string; readonly column: string } | undefined;
  /** The value the check refuses. */
  readonly forbidden: string;
  /**
   * Rows to insert: as `op.bulkInsert` literals, or by `op.execute` with bound parameters
   * (`params`), the string written in among the placeholders as a literal (`inlineText`),
   * whose `?`, `$1`, quotes and comment openers the placeholder scan must leave alone.
   */
  readonly rows: readonly (Values & { readonly params: boolean; readonly inlineText: boolean })[];
}

/** A case for `profile`; `viaShell`: one that an `--sql` script can carry through its shell. */
function caseOf(profile: Profile, viaShell = false): fc.Arbitrary<Case> {
  const arbitrary = anyCaseOf(profile);
  if (!viaShell) return arbitrary;
  const { names, literals } = profile.shellDropsCrBeforeLf;
  return arbitrary.filter((c) =>
    !(names && Object.values(c.names).some((name) => name.includes("\r\n"))) &&
    !(literals && JSON.stringify(c).includes("\\r\\n"))
  );
}

function anyCaseOf(profile: Profile): fc.Arbitrary<Case> {
  const literal = stringLiteral({
    nul: profile.nulInLiterals,
    maxChars: profile.maxLiteralChars,
  });
  const catalogLiteral = profile.catalogBmpOnly
    ? literal.map((text) => [...text].filter((ch) => ch.codePointAt(0)! <= 0xffff).join(""))
    : literal;
  const commentLiteral = catalogLiteral
    .map((text) => (profile.nulInComments ? text : text.replaceAll("\0", "")))
    .filter(Boolean);
  const values = {
    double: doubleLiteral,
    int: integerLiteral,
    bool: fc.boolean(),
  };
  return fc.record({
    names: fc.tuple(
      distinctIdentifiers(profile.tableNames, 2),
      distinctIdentifiers(profile.names, 9),
    ).map(([[table, copy], [id, text, double, int, bool, key, index, check, copyKey]]) => ({
      table,
      copy,
      id,
      text,
      double,
      int,
      bool,
      key,
      index,
      check,
      copyKey,
    })).filter(namesApart),
    named: fc.record({ key: fc.boolean(), index: fc.boolean(), check: fc.boolean() }),
    indexOnTwo: fc.boolean(),
    defaults: fc.record({ text: catalogLiteral, ...values }),
    // an empty comment is no comment on PostgreSQL and MySQL
    comments: fc.option(
      fc.record({ table: commentLiteral, column: commentLiteral }),
      { nil: undefined },
    ),
    forbidden: catalogLiteral,
    rows: fc.array(
      fc.record({
        text: fc.option(literal, { nil: null, freq: 6 }),
        ...values,
        params: fc.boolean(),
        inlineText: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
  }).filter((c) => c.defaults.text !== c.forbidden && c.rows.every((r) => r.text !== c.forbidden));
}

/** Table names apart from the other names (tables and indexes share a namespace). */
function namesApart(names: Names): boolean {
  const key = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const tables = [names.table, names.copy].map(key);
  return Object.entries(names).every(([role, name]) =>
    role === "table" || role === "copy" || !tables.includes(key(name))
  );
}

/** The ops of a case: create the table, insert its rows (and one row of defaults). */
async function opsOf(c: Case, dialect: Dialect, profile: Profile): Promise<Op[]> {
  const ops: Op[] = [];
  const op = recordingOps(ops);
  const n = c.names;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const comments = dialect.capabilities.comments ? c.comments : undefined;
  await op.createTable(n.table, [
    t.column(n.id, t.integer(), { primaryKey: true }),
    t.column(n.text, profile.textType, {
      serverDefault: c.defaults.text,
      ...(comments ? { comment: comments.column } : {}),
    }),
    t.column(n.double, t.double(), { serverDefault: c.defaults.double }),
    t.column(n.int, t.integer(), { serverDefault: c.defaults.int }),
    t.column(n.bool, t.boolean(), { serverDefault: c.defaults.bool }),
  ], {
    ...(c.named.key ? { primaryKey: { name: n.key, columns: [n.id] } } : {}),
    indexes: [{
      ...(c.named.index ? { name: n.index } : {}),
      columns: c.indexOnTwo ? [n.text, n.int] : [n.text],
    }],
    checks: [{
      ...(c.named.check ? { name: n.check } : {}),
      condition: profile.notEqual(q(n.text), dialect.literal(c.forbidden)),
    }],
    ...(comments ? { comment: comments.table } : {}),
  });
  // key 1, not 0: MySQL's AUTO_INCREMENT takes an inserted 0 as "the next number"
  await op.bulkInsert(n.table, [{ [n.id]: 1 }]);
  const columns = [n.id, n.text, n.double, n.int, n.bool];
  for (const [i, row] of c.rows.entries()) {
    const values = [i + 2, row.text, row.double, row.int, row.bool];
    if (row.params) {
      const bound = row.inlineText ? values.filter((_, j) => j !== 1) : values;
      const marks = bound.map((_, j) => (dialect.name === "postgres" ? `$${j + 1}` : "?"));
      if (row.inlineText) marks.splice(1, 0, dialect.literal(row.text));
      await op.execute(
        `INSERT INTO ${q(n.table)} (${columns.map(q).join(", ")}) VALUES (${marks.join(", ")})`,
        bound,
      );
    } else {
      await op.bulkInsert(n.table, [Object.fromEntries(columns.map((col, j) => [col, values[j]]))]);
    }
  }
  return ops;
}

/** The statements of `ops` as an `--sql` script writes them (see runtime/offline_script.ts). */
function scriptOf(ops: readonly Op[], dialect: Dialect): string {
  const lines: string[] = [];
  if (dialect.capabilities.transactionalDdl) lines.push("BEGIN;", "");
  for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
    lines.push(terminated(dialect.inlineParams(statement).trimEnd()), "");
  }
  if (dialect.capabilities.transactionalDdl) lines.push("COMMIT;", "");
  return lines.join("\n");
}

/** Applies a script with the database's own shell, as a user applies `upgrade --sql`. */
function applyScript(db: ThrowawayDatabase, script: string): void {
  const url = new URL(db.url.replace(/^sqlite:\/\/\//, "file:///"));
  const name = url.pathname.slice(1);
  const [command, args] = db.kind === "sqlite"
    ? ["sqlite3", [db.url.replace(/^sqlite:\/\/\//, ""), "-bail"]]
    : db.kind === "postgres"
    ? ["psql", [
      "-h",
      url.hostname,
      "-p",
      url.port || "5432",
      "-U",
      url.username,
      "-d",
      name,
      "-q",
      "-X",
      "-v",
      "ON_ERROR_STOP=1",
      "-f",
      "-",
    ]]
    : ["mariadb", [
      "-h",
      url.hostname,
      "-P",
      url.port || "3306",
      "-u",
      url.username,
      "--default-character-set=utf8mb4",
      name,
    ]];
  const run = spawnSync(command, args as string[], { input: script, encoding: "utf8" });
  if (run.status !== 0) {
    const errors = run.stderr.split("\n").filter((line) => /error/i.test(line));
    throw new Error(`${command} failed: ${errors.join("; ") || run.stderr.trim()}`);
  }
}

/** What the ops recorded for the table: the names retort gave its key, index and check. */
function recorded(ops: readonly Op[]): CreateTableOp {
  return ops.find((o) => o.kind === "createTable") as CreateTableOp;
}

const asBool = (v: unknown) => v === true || v === 1 || v === "1" || v === 1n;
const asNumber = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v));

/** The gap between `x` and the next double away from zero. */
function ulp(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return Number.MIN_VALUE;
  return Math.max(Number.MIN_VALUE, 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52));
}

/** `assert.deepEqual` whose message shows both sides, with the escapes that make them readable. */
function same(actual: unknown, expected: unknown, what: string): void {
  assert.deepEqual(
    actual,
    expected,
    `${what}: got ${show(actual)}, expected ${show(expected)}`,
  );
}

const show = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

/**
 * A text expression as a query reads it whole. SQLite's driver (libSQL) cuts text at the
 * first NUL when it reads it, though the database holds it all: read SQLite's text as hex.
 */
function textExpression(dialect: Dialect, sql: string): string {
  if (dialect.name !== "sqlite") return sql;
  return `CASE WHEN (${sql}) IS NULL THEN NULL ELSE 'hex:' || hex(CAST((${sql}) AS BLOB)) END`;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true }); // keep a leading U+FEFF

/** The text a `textExpression` read. */
function textValue(value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith("hex:")) return value ?? null;
  const hex = value.slice(4);
  return utf8.decode(
    Uint8Array.from(
      { length: hex.length / 2 },
      (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16),
    ),
  );
}

type Row = [number, unknown, number, number, boolean];

/** The table's rows as plain values, whatever each driver returns, in key order. */
async function rowsOf(conn: Connection, dialect: Dialect, n: Names, table: string): Promise<Row[]> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const rows = await conn.query(
    `SELECT ${q(n.id)} AS id, ${textExpression(dialect, q(n.text))} AS s, ${q(n.double)} AS d, ` +
      `${q(n.int)} AS i, ${q(n.bool)} AS b FROM ${q(table)} ORDER BY 1`,
  );
  return rows.map((
    r,
  ) => [asNumber(r.id), textValue(r.s), asNumber(r.d), asNumber(r.i), asBool(r.b)]);
}

/** The rows the case must leave: the row of defaults (key 1), then its rows. */
function expectedRows(c: Case): Row[] {
  return [c.defaults, ...c.rows].map((r, i) => [i + 1, r.text, r.double, r.int, r.bool]);
}

/** Reads the table back and checks it against the case: names, defaults, comments, rows, check. */
async function assertRoundTrip(
  conn: Connection,
  dialect: Dialect,
  c: Case,
  created: CreateTableOp,
  doubleUlps = 0,
): Promise<Table> {
  /** `got`, or `expected` when it is within `doubleUlps` of it. */
  const double = (got: number, expected: number) =>
    Math.abs(got - expected) <= doubleUlps * ulp(expected) ? expected : got;
  const n = c.names;
  const query = (sql: string, params?: readonly unknown[]) => conn.query(sql, params);
  const schema = await dialect.introspect(query, { tables: [n.table] });
  same(schema.tables.map((x) => x.table), [n.table], "the table's name");
  const table = schema.tables[0];
  same(table.columns.map((x) => x.name), [n.id, n.text, n.double, n.int, n.bool], "the columns");
  same(table.primaryKey?.columns, [n.id], "the primary key's columns");
  if (dialect.name !== "mysql") {
    same(table.primaryKey?.name, created.primaryKey?.name, "the primary key's name");
  }
  same(
    table.indexes.map((x) => [x.name, x.columns]),
    created.indexes.map((x) => [x.name, x.columns]),
    "the index's name and columns",
  );
  same(table.checks.map((x) => x.name), created.checks.map((x) => x.name), "the check's name");
  if (dialect.capabilities.comments && c.comments) {
    same(table.comment, c.comments.table, "the table's comment");
    same(table.columns[1].comment, c.comments.column, "the column's comment");
  }

  // each reflected default is SQL that gives the default back
  const [, textColumn, doubleColumn, intColumn, boolColumn] = table.columns;
  const evaluate = async (sql: string | undefined, text = false) => {
    assert.ok(sql !== undefined, "a default is reflected");
    const [{ v }] = await conn.query(`SELECT ${text ? textExpression(dialect, sql) : sql} AS v`);
    return text ? textValue(v) : v;
  };
  const defaultOf = (column: typeof textColumn) =>
    column.serverDefault && typeof column.serverDefault === "object"
      ? column.serverDefault.sql
      : undefined;
  same(
    await evaluate(defaultOf(textColumn), true),
    c.defaults.text,
    `the string default ${defaultOf(textColumn)}`,
  );
  same(
    double(asNumber(await evaluate(defaultOf(doubleColumn))), c.defaults.double),
    c.defaults.double,
    "the double default",
  );
  same(asNumber(await evaluate(defaultOf(intColumn))), c.defaults.int, "the integer default");
  same(asBool(await evaluate(defaultOf(boolColumn))), c.defaults.bool, "the boolean default");

  const expected = expectedRows(c);
  const rows = (await rowsOf(conn, dialect, n, n.table)).map((row, i): Row =>
    expected[i] ? [row[0], row[1], double(row[2], expected[i][2]), row[3], row[4]] : row
  );
  same(rows, expected, "the rows");

  await assert.rejects(
    insert(conn, dialect, n.table, { [n.id]: -1, [n.text]: c.forbidden }),
    "the check refuses its value",
  );
  return table;
}

function insert(
  conn: Connection,
  dialect: Dialect,
  table: string,
  row: Record<string, unknown>,
): Promise<unknown> {
  return Promise.all(
    dialect.insertRows({ table, rows: [row] }).map((sql) => conn.execute(sql)),
  );
}

/**
 * The reflected table, created again under another name, is the same table: it reflects
 * the same (but for its names), fills in the same defaults and refuses the same value.
 */
async function assertRecreates(conn: Connection, dialect: Dialect, c: Case, table: Table) {
  const n = c.names;
  const copy: Table = {
    ...table,
    table: n.copy,
    ...(table.primaryKey?.name === undefined
      ? {}
      : { primaryKey: { ...table.primaryKey, name: n.copyKey } }),
    indexes: [],
  };
  for (const sql of dialect.createTable(copy)) await conn.execute(sql);
  const query = (sql: string, params?: readonly unknown[]) => conn.query(sql, params);
  const [again] = (await dialect.introspect(query, { tables: [n.copy] })).tables;
  same(again, copy, "the reflected table, created again, reflects the same");
  await insert(conn, dialect, n.copy, { [n.id]: 1 });
  same(await rowsOf(conn, dialect, n, n.copy), expectedRows(c).slice(0, 1), "the copy's defaults");
  await assert.rejects(
    insert(conn, dialect, n.copy, { [n.id]: -1, [n.text]: c.forbidden }),
    "the copy's check refuses its value",
  );
}

async function dropTables(conn: Connection, dialect: Dialect, names: readonly string[]) {
  // A name the dialect refuses to quote was never created, so there is nothing to drop.
  for (const name of names.filter((n) => !n.includes("\0"))) {
    await conn.execute(`DROP TABLE IF EXISTS ${dialect.quoteIdentifier(name)}`).catch(() => {});
  }
}

/** One-line errors: what a user sees, with no line break and no stack. */
function assertOneLine(error: unknown): true {
  assert.ok(error instanceof Error, `an Error, got ${String(error)}`);
  assert.doesNotMatch(error.message, /[\r\n]/, "the message is one line");
  assert.ok(error.message.length > 0);
  return true;
}

async function tableCount(conn: Connection, kind: DatabaseKind): Promise<number> {
  const sql = kind === "sqlite"
    ? "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'"
    : kind === "postgres"
    ? "SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
    : "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()";
  return asNumber((await conn.query(sql))[0].n);
}

/** One piece of a statement for `inlineParams`: SQL text as written, or a placeholder's value. */
type Fragment = { readonly sql: string } | { readonly value: unknown };

/**
 * Statements of quoted names, literals, comments (and PostgreSQL dollar quotes) holding
 * `?`, `$1` and quotes, between real placeholders: what `--sql` must write out.
 */
function statementOf(profile: Profile, dialect: Dialect): fc.Arbitrary<Fragment[]> {
  const text = stringLiteral({ nul: profile.nulInLiterals, maxChars: 40 });
  const commentText = stringLiteral({ nul: false, maxChars: 40 });
  const sqlPiece = fc.oneof(
    distinctIdentifiers(profile.names, 1).map(([name]) => dialect.quoteIdentifier(name)),
    text.map((value) => dialect.literal(value)),
    commentText.map((value) => `/* ${value.replaceAll("*/", "* /")} */`),
    commentText.map((value) => `-- ${value.replace(/[\r\n]/g, " ")}\n`),
    ...(dialect.name === "mysql"
      ? [commentText.map((v) => `# ${v.replace(/[\r\n]/g, " ")}\n`)]
      : []),
    ...(dialect.name === "postgres"
      ? [commentText.map((value) => `$q$${value.replaceAll("$q", "$ q")}$q$`)]
      : []),
  ).map((sql) => ({ sql }));
  const value = fc.oneof(text, doubleLiteral, integerLiteral, fc.boolean(), fc.constant(null))
    .map((v) => ({ value: v }));
  return fc.array(fc.oneof(sqlPiece, value), { minLength: 1, maxLength: 8 });
}

describe("inlineParams: the --sql form of a statement with parameters", () => {
  for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
    const profile = profiles[kind];
    const dialect = dialectFor(kind);
    it(`writes each placeholder's literal and nothing else on ${kind}`, timeout(200), async () => {
      await check(
        fc.asyncProperty(statementOf(profile, dialect), (fragments) => {
          const params: unknown[] = [];
          const sql = fragments.map((f) => {
            if ("sql" in f) return f.sql;
            params.push(f.value);
            return dialect.name === "postgres" ? `$${params.length}` : "?";
          }).join(", ");
          const expected = fragments.map((f) => ("sql" in f ? f.sql : dialect.literal(f.value)))
            .join(", ");
          same(dialect.inlineParams({ sql, params }), expected, `inlineParams(${show(sql)})`);
          return Promise.resolve();
        }),
        runs(200),
      );
    });
  }
});

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const profile = profiles[kind];
  const dialect = dialectFor(kind);
  const online = await throwawayDatabase(kind);
  const offline = online.skip ? online : await throwawayDatabase(kind);

  describe(`identifiers and literals on ${kind}`, { skip: online.skip || offline.skip }, () => {
    let conn: Connection | undefined;
    let offlineConn: Connection | undefined;
    const connection = async () => (conn ??= await online.db!.connect());
    const offlineConnection = async () => (offlineConn ??= await offline.db!.connect());
    after(async () => {
      await conn?.close();
      await offlineConn?.close();
      await online.db?.drop();
      await offline.db?.drop();
    });

    it(
      "round-trip online: create, reflect, create again from the reflection",
      timeout(30),
      async () => {
        const db = await connection();
        await check(
          fc.asyncProperty(caseOf(profile), async (c) => {
            const ops = await opsOf(c, dialect, profile);
            try {
              for (const statement of ops.flatMap((o) => sqlOf(o, dialect)) as Statement[]) {
                await db.execute(statement.sql, statement.params);
              }
              const table = await assertRoundTrip(db, dialect, c, recorded(ops));
              await assertRecreates(db, dialect, c, table);
            } finally {
              await dropTables(db, dialect, [c.names.copy, c.names.table]);
            }
          }),
          runs(30),
        );
      },
    );

    it(
      "round-trip through an --sql script applied by the database's shell",
      timeout(25),
      async () => {
        const db = await offlineConnection();
        await check(
          fc.asyncProperty(caseOf(profile, true), async (c) => {
            const ops = await opsOf(c, dialect, profile);
            try {
              applyScript(offline.db!, scriptOf(ops, dialect));
              await assertRoundTrip(db, dialect, c, recorded(ops), profile.shellDoubleUlps);
            } finally {
              await dropTables(db, dialect, [c.names.table]);
            }
          }),
          runs(25),
        );
      },
    );

    it("refuses an identifier with NUL in one line, creating nothing", timeout(10), async () => {
      const db = await connection();
      const nulCase = fc.record({
        base: caseOf(profile),
        bad: identifierWithNul(profile.names),
        where: fc.constantFrom("table", "text", "index", "check"),
      });
      await check(
        fc.asyncProperty(nulCase, async ({ base, bad, where }) => {
          const c: Case = {
            ...base,
            names: { ...base.names, [where]: bad },
            named: { ...base.named, index: where === "index", check: where === "check" },
          };
          await assert.rejects(async () => {
            const ops = await opsOf(c, dialect, profile);
            for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
              await db.execute(statement.sql, statement.params);
            }
          }, assertOneLine);
          await dropTables(db, dialect, [c.names.table]);
          assert.equal(await tableCount(db, kind), 0, "no table is left");
        }),
        runs(10),
      );
    });

    if (!profile.nulInLiterals) {
      it(
        "refuses a string literal with NUL in one line, as a default and as a parameter",
        timeout(10),
        async () => {
          const db = await connection();
          const text = stringLiteral({ nul: false, maxChars: 40 });
          await check(
            fc.asyncProperty(caseOf(profile), text, text, async (c, before, afterNul) => {
              const withNul = `${before}\0${afterNul}`;
              const ops = await opsOf(
                { ...c, defaults: { ...c.defaults, text: withNul } },
                dialect,
                profile,
              );
              assert.throws(() => ops.flatMap((o) => sqlOf(o, dialect)), assertOneLine);
              await db.execute(`CREATE TABLE ${dialect.quoteIdentifier(c.names.table)} (v TEXT)`);
              try {
                await assert.rejects(
                  db.execute(
                    `INSERT INTO ${dialect.quoteIdentifier(c.names.table)} (v) VALUES ($1)`,
                    [
                      withNul,
                    ],
                  ),
                  assertOneLine,
                );
              } finally {
                await dropTables(db, dialect, [c.names.table]);
              }
            }),
            runs(10),
          );
        },
      );
    }

    // Known limitations, each with its smallest case; the properties above keep clear of them.

    if (kind === "sqlite") {
      it("reads text holding NUL back whole", {
        todo: "libSQL's binding cuts text at the first NUL when it reads it, though the file " +
          "holds it all: SELECT 'a' || char(0) || 'b' reads \"a\" (the properties read SQLite text as hex)",
      }, async () => {
        const db = await connection();
        const [{ v }] = await db.query(`SELECT ${dialect.literal("a\0b")} AS v`);
        assert.equal(v, "a\0b");
      });
    }

    const { names: crNames, literals: crLiterals } = profile.shellDropsCrBeforeLf;
    if (crNames || crLiterals) {
      it("keeps a CR before LF through the shell", {
        todo: `${kind === "sqlite" ? "sqlite3" : "mariadb"} drops a CR that ends an input line, ` +
          `inside quotes too: a column named "a\\r\\nb" is created as "a\\nb"` +
          (crLiterals ? `, and the string 'a\\r\\nb' is stored as 'a\\nb'` : ""),
      }, async () => {
        const db = await offlineConnection();
        const table = "cr\r\nlf";
        const ops: Op[] = [];
        const op = recordingOps(ops);
        await op.createTable(table, [t.column("a\r\nb", t.text())]);
        await op.bulkInsert(table, [{ "a\r\nb": "a\r\nb" }]);
        try {
          applyScript(offline.db!, scriptOf(ops, dialect));
          const query = (sql: string, params?: readonly unknown[]) => db.query(sql, params);
          const schema = await dialect.introspect(query);
          const names = schema.tables.map((x) => [x.table, x.columns.map((col) => col.name)]);
          same(names, [[table, ["a\r\nb"]]], "the names");
          const rows = await db.query(`SELECT * FROM ${dialect.quoteIdentifier(table)}`);
          same(rows.map((r) => Object.values(r)[0]), ["a\r\nb"], "the string");
        } finally {
          await dropTables(db, dialect, [table, "cr\nlf"]);
        }
      });
    }
  });
}
