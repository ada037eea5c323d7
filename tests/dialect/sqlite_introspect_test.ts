// Reading real SQLite files back into retort's schema model: every t.* type through retort's
// own SQL, a table using every feature the model has (written by retort and by hand), a round
// trip through the dialect's createTable into a second file, a fixed number of queries
// whatever the number of tables, the tables/exclude/schemas options, views and triggers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CatalogQuery } from "../../src/dialect/introspector.ts";
import { introspectSqlite } from "../../src/dialect/sqlite/introspect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { sqliteType } from "../../src/dialect/sqlite/sqlite_types.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import type { ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";

const dialect = new SqliteDialect();
const first = await throwawayDatabase("sqlite");
const second = await throwawayDatabase("sqlite");
const skip = first.skip || second.skip;

/** Every t.* type, and the type it reads back as (the canonical one where SQLite's name is shared). */
const typeCases: [string, ColumnType, ColumnType][] = [
  ["integer", t.integer(), t.integer()],
  ["smallint", t.smallint(), t.smallint()],
  ["bigint", t.bigint(), t.bigint()],
  ["boolean", t.boolean(), t.boolean()],
  ["text", t.text(), t.text()],
  ["varchar", t.varchar(), t.varchar()],
  ["varchar_255", t.varchar(255), t.varchar(255)],
  ["char", t.char(), t.char()],
  ["char_3", t.char(3), t.char(3)],
  ["numeric", t.numeric(), t.numeric()],
  ["numeric_10", t.numeric(10), t.numeric(10)],
  ["numeric_10_2", t.numeric(10, 2), t.numeric(10, 2)],
  ["real", t.real(), t.real()],
  ["double", t.double(), t.double()],
  ["date", t.date(), t.date()],
  ["time", t.time(), t.time()],
  ["time_tz", t.time({ tz: true, precision: 3 }), t.time()],
  ["timestamp", t.timestamp(), t.timestamp()],
  ["timestamp_tz", t.timestamp({ tz: true }), t.timestamp()],
  ["timestamp_6", t.timestamp({ precision: 6 }), t.timestamp()],
  ["json", t.json(), t.json()],
  ["jsonb", t.jsonb(), t.json()],
  ["uuid", t.uuid(), t.char(32)],
  ["bytes", t.bytes(), t.bytes()],
  ["enum", t.enum(["draft", "settled"]), t.varchar(7)],
  ["raw_int", t.raw("INT"), t.raw("INT")],
  ["raw_lower", t.raw("integer"), t.integer()],
  ["raw_spaced", t.raw("varchar( 20 )"), t.varchar(20)],
  ["raw_double_precision", t.raw("DOUBLE PRECISION"), t.raw("DOUBLE PRECISION")],
  ["raw_timestamp", t.raw("TIMESTAMP"), t.raw("TIMESTAMP")],
  ["raw_padded", t.raw("VARCHAR(0255)"), t.raw("VARCHAR(0255)")],
  ["raw_none", t.raw(""), t.raw("")],
];

/** Upper case, no spaces around parentheses and commas: how SQLite reads a type name. */
const normal = (text: string) =>
  text.trim().toUpperCase().replace(/\s+/g, " ").replace(/ ?([(),]) ?/g, "$1");

describe("introspectSqlite", { skip }, () => {
  let db: ThrowawayDatabase;
  let copy: ThrowawayDatabase;
  let conn: Connection;
  let other: Connection;
  let dirs: string[] = [];

  const attach = async (connection: Connection, name: string) => {
    const dir = mkdtempSync(join(tmpdir(), "retort-introspect-"));
    dirs.push(dir);
    await connection.execute(`ATTACH DATABASE ? AS "${name}"`, [join(dir, `${name}.db`)]);
  };

  before(async () => {
    db = first.db!;
    copy = second.db!;
    conn = await db.connect();
    other = await copy.connect();
    await attach(conn, "aux");
    await attach(other, "aux");
  });
  after(async () => {
    await conn?.close();
    await other?.close();
    await db?.drop();
    await copy?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });

  /** Runs the `op` calls in `build` with retort's own SQL. */
  async function apply(build: (op: Operations) => Promise<unknown>): Promise<void> {
    const ops: Op[] = [];
    await build(recordingOps(ops));
    for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
      await conn.execute(statement.sql, statement.params);
    }
  }

  const reflect = (options: Parameters<typeof introspectSqlite>[1] = {}, on = conn) =>
    introspectSqlite((text, params) => on.query(text, params), options);
  const tableOf = (schema: DatabaseSchema, name: string): Table => {
    const table = schema.tables.find((x) => x.table === name);
    assert.ok(table, `no table ${name} in ${schema.tables.map((x) => x.table)}`);
    return table;
  };

  it("reads every t.* type that retort writes back as the same type", async () => {
    await apply((op) =>
      op.createTable("all_types", typeCases.map(([name, type]) => t.column(name, type)))
    );
    const table = tableOf(await reflect({ tables: ["all_types"] }), "all_types");
    assert.deepEqual(
      table.columns.map((c) => [c.name, c.type]),
      typeCases.map(([name, , back]) => [name, back]),
    );
    for (const [name, type] of typeCases) {
      const read = table.columns.find((c) => c.name === name)!.type;
      assert.equal(normal(sqliteType(read)), normal(sqliteType(type)), name);
    }
    assert.deepEqual(table.checks, [{ condition: `"enum" IN ('draft', 'settled')` }]);
  });

  it("reads a table retort created: named keys, defaults, collation, generated columns, indexes", async () => {
    await apply(async (op) => {
      await op.createTable("teams", [
        t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
        t.column("code", t.varchar(8), { nullable: false }),
      ], { uniques: [{ name: "uq_teams_code", columns: ["code"] }] });
      await op.createTable(
        "members",
        [
          t.column("team_id", t.integer(), { nullable: false }),
          t.column("login", t.varchar(40), { nullable: false, collation: "NOCASE" }),
          t.column("quote", t.text(), { serverDefault: `it's a \\ back\\slash — ünï ✓` }),
          t.column("nul", t.text(), { serverDefault: "a\0b" }),
          t.column("score", t.numeric(6, 2), { serverDefault: -1.5 }),
          t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
          t.column("joined", t.timestamp(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
          t.column("day", t.text(), { serverDefault: sql`date('now', 'start of month')` }),
          t.column("state", t.enum(["new", "gone"]), { serverDefault: "new" }),
          t.column("double", t.real(), { computed: { sql: "score * 2", stored: true } }),
          t.column("shout", t.text(), { computed: { sql: "upper(login)", stored: false } }),
        ],
        {
          primaryKey: { name: "pk_members", columns: ["team_id", "login"] },
          uniques: [["login"]],
          checks: [{ name: "ck_members_score", condition: "score >= -100" }],
          foreignKeys: [{
            name: "fk_members_team",
            columns: ["team_id"],
            references: "teams",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
            onUpdate: "RESTRICT",
            deferrable: true,
            initially: "DEFERRED",
          }],
          indexes: [
            { name: "ix_members_active", columns: ["active", "login"], where: "active = 1" },
            { name: "ix_members_lower", columns: [sql`lower(quote)`] },
            { name: "uq_members_score", columns: ["score"], unique: true },
          ],
          comment: "comments are not kept by SQLite",
        },
      );
    });
    const schema = await reflect({ tables: ["teams", "members"] });
    assert.deepEqual(tableOf(schema, "teams"), {
      table: "teams",
      columns: [
        t.column("id", t.integer(), { nullable: false, autoincrement: true }),
        t.column("code", t.varchar(8), { nullable: false }),
      ],
      primaryKey: { name: "pk_teams", columns: ["id"] },
      foreignKeys: [],
      uniques: [{ name: "uq_teams_code", columns: ["code"] }],
      checks: [],
      indexes: [],
    });
    assert.deepEqual(tableOf(schema, "members"), {
      table: "members",
      columns: [
        t.column("team_id", t.integer(), { nullable: false }),
        t.column("login", t.varchar(40), { nullable: false, collation: "NOCASE" }),
        t.column("quote", t.text(), {
          nullable: true,
          serverDefault: sql`'it''s a \\ back\\slash — ünï ✓'`,
        }),
        t.column("nul", t.text(), { nullable: true, serverDefault: sql`('a' || char(0) || 'b')` }),
        t.column("score", t.numeric(6, 2), { nullable: true, serverDefault: sql`-1.5` }),
        t.column("active", t.boolean(), { nullable: false, serverDefault: sql`1` }),
        t.column("joined", t.timestamp(), {
          nullable: true,
          serverDefault: sql`CURRENT_TIMESTAMP`,
        }),
        t.column("day", t.text(), {
          nullable: true,
          serverDefault: sql`(date('now', 'start of month'))`,
        }),
        t.column("state", t.varchar(4), { nullable: true, serverDefault: sql`'new'` }),
        t.column("double", t.real(), {
          nullable: true,
          computed: { sql: "score * 2", stored: true },
        }),
        t.column("shout", t.text(), {
          nullable: true,
          computed: { sql: "upper(login)", stored: false },
        }),
      ],
      primaryKey: { name: "pk_members", columns: ["team_id", "login"] },
      foreignKeys: [{
        name: "fk_members_team",
        columns: ["team_id"],
        referencesTable: "teams",
        referencesColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "RESTRICT",
        deferrable: true,
        initially: "DEFERRED",
      }],
      uniques: [{ name: "uq_members_login", columns: ["login"] }],
      checks: [
        { name: "ck_members_score", condition: "score >= -100" },
        { condition: `"state" IN ('new', 'gone')` },
      ],
      indexes: [
        {
          name: "ix_members_active",
          columns: ["active", "login"],
          unique: false,
          where: "active = 1",
        },
        { name: "ix_members_lower", columns: [sql`lower(quote)`], unique: false },
        { name: "uq_members_score", columns: ["score"], unique: true },
      ],
    });
  });

  it("reads hand-written SQL: column-level and unnamed constraints, options, every default", async () => {
    for (
      const statement of [
        `CREATE TABLE customers (id INTEGER PRIMARY KEY, code TEXT NOT NULL, UNIQUE (id, code))`,
        `CREATE TABLE "Orders" (
          "id" INTEGER CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
          code VARCHAR(20) NOT NULL COLLATE NOCASE CONSTRAINT uq_code UNIQUE,
          status VARCHAR(7) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
          qty INT DEFAULT -1 CONSTRAINT ck_qty CHECK (qty <> 0),
          price NUMERIC(10,2) DEFAULT 0.5,
          flag BOOLEAN DEFAULT TRUE,
          data BLOB DEFAULT x'00ff',
          untyped DEFAULT NULL,
          made DATETIME DEFAULT CURRENT_TIMESTAMP,
          day TEXT DEFAULT (date('now')),
          customer INTEGER REFERENCES Customers ON DELETE SET NULL ON UPDATE NO ACTION,
          total REAL GENERATED ALWAYS AS (price * qty) STORED,
          label AS (upper(code)),
          UNIQUE (customer, Code),
          CHECK (price >= 0),
          CONSTRAINT fk_orders_customer FOREIGN KEY (customer, code)
            REFERENCES customers (ID, CODE) NOT DEFERRABLE
        )`,
        `CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID`,
        `CREATE TABLE strict_things (id INT PRIMARY KEY, n INTEGER NOT NULL, a ANY) STRICT`,
        `CREATE TABLE legacy (code TEXT PRIMARY KEY, note)`,
        `CREATE TABLE "odd ""quote"" 'name'" ("a ""b""" TEXT, CONSTRAINT "c ""k""" CHECK ("a ""b""" <> ''))`,
        `CREATE INDEX ix_orders_lower ON "Orders" (lower(code))`,
        `CREATE UNIQUE INDEX uq_orders_made ON "Orders" ("made") WHERE made IS NOT NULL`,
      ]
    ) await conn.execute(statement);
    const odd = `odd "quote" 'name'`;
    const schema = await reflect({
      tables: ["customers", "Orders", "kv", "strict_things", "legacy", odd],
    });
    assert.deepEqual(tableOf(schema, "Orders"), {
      table: "Orders",
      columns: [
        t.column("id", t.integer(), { nullable: false, autoincrement: true }),
        t.column("code", t.varchar(20), { nullable: false, collation: "NOCASE" }),
        t.column("status", t.varchar(7), { nullable: false, serverDefault: sql`'draft'` }),
        t.column("qty", t.raw("INT"), { nullable: true, serverDefault: sql`-1` }),
        t.column("price", t.numeric(10, 2), { nullable: true, serverDefault: sql`0.5` }),
        t.column("flag", t.boolean(), { nullable: true, serverDefault: sql`TRUE` }),
        t.column("data", t.bytes(), { nullable: true, serverDefault: sql`x'00ff'` }),
        t.column("untyped", t.raw(""), { nullable: true, serverDefault: sql`NULL` }),
        t.column("made", t.timestamp(), { nullable: true, serverDefault: sql`CURRENT_TIMESTAMP` }),
        t.column("day", t.text(), { nullable: true, serverDefault: sql`(date('now'))` }),
        t.column("customer", t.integer(), { nullable: true }),
        t.column("total", t.real(), {
          nullable: true,
          computed: { sql: "price * qty", stored: true },
        }),
        t.column("label", t.raw(""), {
          nullable: true,
          computed: { sql: "upper(code)", stored: false },
        }),
      ],
      primaryKey: { name: "pk_orders", columns: ["id"] },
      foreignKeys: [
        {
          name: "fk_orders_customer",
          columns: ["customer", "code"],
          referencesTable: "customers",
          referencesColumns: ["id", "code"],
          deferrable: false,
        },
        {
          columns: ["customer"],
          referencesTable: "customers",
          referencesColumns: ["id"],
          onDelete: "SET NULL",
          onUpdate: "NO ACTION",
        },
      ],
      uniques: [{ name: "uq_code", columns: ["code"] }, { columns: ["customer", "code"] }],
      checks: [
        { name: "ck_qty", condition: "qty <> 0" },
        { condition: "status IN ('draft', 'sent')" },
        { condition: "price >= 0" },
      ],
      indexes: [
        { name: "ix_orders_lower", columns: [sql`lower(code)`], unique: false },
        { name: "uq_orders_made", columns: ["made"], unique: true, where: "made IS NOT NULL" },
      ],
    });
    const plain = { foreignKeys: [], uniques: [], checks: [], indexes: [] };
    assert.deepEqual(tableOf(schema, "kv"), {
      table: "kv",
      columns: [
        t.column("k", t.text(), { nullable: false }),
        t.column("v", t.bytes(), { nullable: true }),
      ],
      primaryKey: { columns: ["k"] },
      ...plain,
      options: { withoutRowid: true },
    });
    assert.deepEqual(tableOf(schema, "strict_things"), {
      table: "strict_things",
      columns: [
        t.column("id", t.raw("INT"), { nullable: false }),
        t.column("n", t.integer(), { nullable: false }),
        t.column("a", t.raw("ANY"), { nullable: true }),
      ],
      primaryKey: { columns: ["id"] },
      ...plain,
      options: { strict: true },
    });
    assert.deepEqual(tableOf(schema, odd), {
      table: odd,
      columns: [t.column('a "b"', t.text(), { nullable: true })],
      foreignKeys: [],
      uniques: [],
      checks: [{ name: 'c "k"', condition: `"a ""b""" <> ''` }],
      indexes: [],
    });
    assert.deepEqual(tableOf(schema, "legacy").columns, [
      t.column("code", t.text(), { nullable: true }),
      t.column("note", t.raw(""), { nullable: true }),
    ]);
  });

  it("reads index elements: bare and quoted names, expressions, COLLATE and DESC", async () => {
    await conn.execute(`CREATE TABLE ix_elements (a TEXT, "B c" TEXT, n INTEGER)`);
    await conn.execute(
      `CREATE INDEX ix_elements_mixed ON ix_elements (A, "B c", n DESC, a COLLATE NOCASE, (n + 1), ("n"))`,
    );
    const table = tableOf(await reflect({ tables: ["ix_elements"] }), "ix_elements");
    assert.deepEqual(table.indexes, [{
      name: "ix_elements_mixed",
      columns: [
        "a",
        "B c",
        { column: "n", descending: true },
        { column: "a", collation: "NOCASE" },
        sql`n + 1`,
        sql`"n"`,
      ],
      unique: false,
    }]);
  });

  it("reads views and triggers with their SQL; leaves out virtual tables and their shadow tables", async () => {
    await conn.execute(`CREATE VIEW v_orders (id, code) AS SELECT id, code FROM "Orders"`);
    await conn.execute(`CREATE VIEW v_codes AS SELECT code FROM v_orders`);
    await conn.execute(
      `CREATE TRIGGER t_orders AFTER UPDATE ON "Orders" BEGIN SELECT 1; END`,
    );
    await conn.execute(
      `CREATE TRIGGER t_codes INSTEAD OF INSERT ON v_codes BEGIN SELECT 2; END`,
    );
    await conn.execute(`CREATE VIRTUAL TABLE search USING fts5(title, body)`);
    const schema = await reflect();
    assert.deepEqual(schema.views, [
      {
        name: "v_codes",
        definition: "SELECT code FROM v_orders",
        create: "CREATE VIEW v_codes AS SELECT code FROM v_orders",
      },
      {
        name: "v_orders",
        definition: `SELECT id, code FROM "Orders"`,
        create: `CREATE VIEW v_orders (id, code) AS SELECT id, code FROM "Orders"`,
      },
    ]);
    assert.deepEqual(schema.triggers, [
      {
        name: "t_codes",
        table: "v_codes",
        create: "CREATE TRIGGER t_codes INSTEAD OF INSERT ON v_codes BEGIN SELECT 2; END",
      },
      {
        name: "t_orders",
        table: "Orders",
        create: `CREATE TRIGGER t_orders AFTER UPDATE ON "Orders" BEGIN SELECT 1; END`,
      },
    ]);
    assert.deepEqual(schema.enums, []);
    const names = schema.tables.map((x) => x.table);
    assert.ok(!names.some((n) => n.startsWith("search") || n.startsWith("sqlite_")), `${names}`);
    assert.deepEqual(names, [...names].sort());
  });

  it("tables, exclude and schemas narrow what is read", async () => {
    await conn.execute(`CREATE TABLE aux.items (id INTEGER PRIMARY KEY, name TEXT)`);
    await conn.execute(`CREATE INDEX aux.ix_items_name ON items (name)`);
    await conn.execute(`CREATE VIEW aux.v_items AS SELECT name FROM items`);
    await conn.execute(`CREATE TRIGGER aux.t_items AFTER INSERT ON items BEGIN SELECT 1; END`);

    const only = await reflect({ tables: ["orders"] }); // names compare as SQLite does
    assert.deepEqual(only.tables.map((x) => x.table), ["Orders"]);
    assert.deepEqual(only.views.map((v) => v.name), ["v_codes", "v_orders"]);
    assert.deepEqual(only.triggers.map((x) => x.name), ["t_codes", "t_orders"]);
    assert.deepEqual((await reflect({ tables: [] })).tables, []);

    const all = await reflect();
    const rest = await reflect({ exclude: ["Orders", "all_types"] });
    assert.deepEqual(
      rest.tables.map((x) => x.table),
      all.tables.map((x) => x.table).filter((n) => n !== "Orders" && n !== "all_types"),
    );
    assert.deepEqual(rest.triggers.map((x) => x.name), ["t_codes"]);
    assert.equal(all.tables.some((x) => x.schema !== undefined), false);

    const aux = await reflect({ schemas: ["aux"] });
    assert.deepEqual(aux, {
      tables: [{
        table: "items",
        schema: "aux",
        columns: [
          t.column("id", t.integer(), { nullable: false }),
          t.column("name", t.text(), { nullable: true }),
        ],
        primaryKey: { columns: ["id"] },
        foreignKeys: [],
        uniques: [],
        checks: [],
        indexes: [{ name: "ix_items_name", columns: ["name"], unique: false }],
      }],
      enums: [],
      views: [{
        name: "v_items",
        schema: "aux",
        definition: "SELECT name FROM items",
        create: "CREATE VIEW v_items AS SELECT name FROM items",
      }],
      triggers: [{
        name: "t_items",
        table: "items",
        schema: "aux",
        create: "CREATE TRIGGER t_items AFTER INSERT ON items BEGIN SELECT 1; END",
      }],
    });
    const both = await reflect({ schemas: ["main", "aux"] });
    assert.deepEqual(both.tables.filter((x) => x.schema === "aux"), aux.tables);
    assert.deepEqual(
      both.tables.filter((x) => x.schema === undefined).map((x) => x.table),
      all.tables.map((x) => x.table),
    );
  });

  it("round trip: the reflected tables, created by the dialect in a second file, read back the same", async () => {
    const options = { schemas: ["main", "aux"] };
    const reflected = await reflect(options);
    const names = reflected.tables.map((x) => `${x.schema ?? ""}.${x.table}`);
    for (
      const name of [".Orders", ".members", ".kv", ".strict_things", ".all_types", "aux.items"]
    ) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    for (const table of reflected.tables) {
      for (const statement of dialect.createTable(table)) await other.execute(statement);
    }
    for (const object of [...reflected.views, ...reflected.triggers]) {
      const schema = object.schema ? `"${object.schema}".` : "";
      const create = object.create!.replace(
        /^(CREATE (?:VIEW|TRIGGER) )/,
        `$1${schema}`,
      );
      await other.execute(create);
    }
    assert.deepEqual(await reflect(options, other), reflected);
  });

  it("a CREATE TABLE that reads differently from SQLite's pragmas fails as UNREADABLE_TABLE", async () => {
    const misread: CatalogQuery = async (text, params) => {
      const rows = await conn.query(text, params);
      if (!text.includes("pragma_table_xinfo")) return rows;
      return rows.map((r) => (r.table_name === "kv" && r.name === "v" ? { ...r, name: "w" } : r));
    };
    await assert.rejects(
      introspectSqlite(misread, { tables: ["kv"] }),
      (error: Error & { code?: string }) =>
        error.code === "UNREADABLE_TABLE" &&
        /cannot read table kv: its CREATE TABLE reads as columns \["k","v"\] but SQLite lists \["k","w"\]/
          .test(error.message),
    );
  });

  it("bulk: the same number of queries for 1 table as for 30, across schemas", async () => {
    await attach(conn, "one");
    await attach(conn, "thirty");
    await conn.execute(`CREATE TABLE one.t0 (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES t0)`);
    await conn.execute(`CREATE INDEX one.ix_t0 ON t0 (ref)`);
    for (let i = 0; i < 30; i++) {
      await conn.execute(
        `CREATE TABLE thirty.t${i} (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES t${i})`,
      );
      await conn.execute(`CREATE INDEX thirty.ix_t${i} ON t${i} (ref)`);
    }
    const count = async (schemas: string[]) => {
      let calls = 0;
      const query: CatalogQuery = (text, params) => {
        calls++;
        return conn.query(text, params);
      };
      const schema = await introspectSqlite(query, { schemas });
      return { calls, tables: schema.tables.length };
    };
    const one = await count(["one"]);
    const thirty = await count(["thirty"]);
    const everything = await count(["main", "aux", "one", "thirty"]);
    assert.deepEqual(one, { calls: 4, tables: 1 });
    assert.deepEqual(thirty, { calls: 4, tables: 30 });
    assert.equal(everything.calls, 4);
  });
});
