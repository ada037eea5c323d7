// Every operation SQLite runs natively, against a real SQLite file, read back from
// sqlite_master and pragmas: columns with their types, nullability and defaults, keys,
// named constraints (from the stored CREATE TABLE), indexes, foreign keys. An attached
// database stands in for a schema.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Buffer } from "node:buffer";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import type { Connection, Row } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import type { ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";

const dialect = new SqliteDialect();
const { db, skip } = await throwawayDatabase("sqlite");

describe("operations on SQLite", { skip }, () => {
  let database: ThrowawayDatabase;
  let conn: Connection;
  let auxDir: string;
  before(async () => {
    database = db!;
    conn = await database.connect();
    await conn.execute("PRAGMA foreign_keys = ON");
    auxDir = mkdtempSync(join(tmpdir(), "retort-aux-"));
    await conn.execute("ATTACH DATABASE ? AS aux", [join(auxDir, "aux.db")]);
  });
  after(async () => {
    await conn?.close();
    await database?.drop();
    if (auxDir) rmSync(auxDir, { recursive: true, force: true });
  });

  /** Runs the `op` calls in `build` as the runner does: each op's statements, with their params. */
  async function apply(build: (op: Operations) => Promise<unknown>): Promise<void> {
    const ops: Op[] = [];
    await build(recordingOps(ops));
    for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
      await conn.execute(statement.sql, statement.params);
    }
  }

  const q = (text: string, params: unknown[] = []) => conn.query(text, params);
  const schemaOf = (schema?: string) => (schema ? `${dialect.quoteIdentifier(schema)}.` : "");

  async function columns(table: string, schema?: string): Promise<Record<string, Row>> {
    const rows = await q(`PRAGMA ${schemaOf(schema)}table_info(${dialect.quoteIdentifier(table)})`);
    return Object.fromEntries(rows.map((r) => [r.name as string, r]));
  }

  async function createSql(name: string, schema?: string): Promise<string> {
    const [row] = await q(`SELECT sql FROM ${schemaOf(schema)}sqlite_master WHERE name = ?`, [
      name,
    ]);
    return String(row?.sql);
  }

  /** Index name -> "UNIQUE a,b" / "INDEX a" (expressions show as null columns). */
  async function indexes(table: string, schema?: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (
      const ix of await q(`PRAGMA ${schemaOf(schema)}index_list(${dialect.quoteIdentifier(table)})`)
    ) {
      const cols = await q(
        `PRAGMA ${schemaOf(schema)}index_info(${dialect.quoteIdentifier(String(ix.name))})`,
      );
      out[String(ix.name)] = `${Number(ix.unique) ? "UNIQUE" : "INDEX"} ${
        cols.map((c) => c.name).join(",")
      }`;
    }
    return out;
  }

  it("createTable: columns, AUTOINCREMENT key, named constraints, enum CHECK, indexes", async () => {
    await apply(async (op) => {
      await op.createTable("orgs", [
        t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
      ]);
      await op.createTable(
        "users",
        [
          t.column("id", t.integer(), { primaryKey: true }),
          t.column("email", t.varchar(255), { nullable: false, unique: true, comment: "ignored" }),
          t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
          t.column("name", t.text(), { serverDefault: "it's" }),
          t.column("org_id", t.integer()),
          t.column("created", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
          t.column("role", t.enum(["admin", "member"])),
        ],
        {
          checks: [{ name: "email_has_at", condition: "email LIKE '%@%'" }],
          foreignKeys: [{
            columns: ["org_id"],
            references: "orgs",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
            deferrable: true,
            initially: "DEFERRED",
          }],
          indexes: [{ columns: ["name"], where: "active" }, {
            columns: [sql`lower(email)`],
            unique: true,
            name: "uq_lower",
          }],
          comment: "ignored",
        },
      );
    });
    const cols = await columns("users");
    assert.deepEqual(
      Object.values(cols).map((
        c,
      ) => [c.name, c.type, Number(c.notnull), c.dflt_value, Number(c.pk)]),
      [
        ["id", "INTEGER", 1, null, 1],
        ["email", "VARCHAR(255)", 1, null, 0],
        ["active", "BOOLEAN", 1, "1", 0],
        ["name", "TEXT", 0, "'it''s'", 0],
        ["org_id", "INTEGER", 0, null, 0],
        ["created", "DATETIME", 0, "CURRENT_TIMESTAMP", 0],
        ["role", "VARCHAR(6)", 0, null, 0],
      ],
    );
    const create = await createSql("users");
    for (const name of ["pk_users", "uq_users_email", "email_has_at", "fk_users_org_id_orgs"]) {
      assert.ok(create.includes(`CONSTRAINT "${name}"`), name);
    }
    assert.match(
      await createSql("orgs"),
      /"id" INTEGER NOT NULL CONSTRAINT "pk_orgs" PRIMARY KEY AUTOINCREMENT/,
    );
    const [fk] = await q('PRAGMA foreign_key_list("users")');
    assert.deepEqual([fk.table, fk.from, fk.to, fk.on_delete], ["orgs", "org_id", "id", "CASCADE"]);
    const ix = await indexes("users");
    assert.equal(ix.ix_users_name, "INDEX name");
    assert.equal(ix.uq_lower, "UNIQUE ");
    assert.match(await createSql("ix_users_name"), /WHERE active$/);
    await assert.rejects(
      conn.execute("INSERT INTO users (email, role) VALUES ('a@b', 'boss')"),
      /CHECK constraint failed/,
    );
    await assert.rejects(
      conn.execute("INSERT INTO users (email) VALUES ('nope')"),
      /CHECK constraint failed/,
    );
    await conn.execute("INSERT INTO orgs DEFAULT VALUES");
    await conn.execute("INSERT INTO users (email, role, org_id) VALUES ('a@b', 'admin', 1)");
    assert.deepEqual(await q("SELECT id, active, name FROM users"), [{
      id: 1,
      active: 1,
      name: "it's",
    }]);
  });

  it("addColumn, rename-only alterColumn, dropColumn, renameTable, dropTable", async () => {
    await apply(async (op) => {
      await op.createTable("items", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("qty", t.integer()),
      ]);
      await op.bulkInsert("items", [{ id: 1, qty: 7 }]);
      await op.addColumn(
        "items",
        t.column("size", t.smallint(), { nullable: false, serverDefault: 3 }),
      );
      await op.addColumn("items", t.column("kind", t.enum(["a", "bb"]), { comment: "ignored" }));
      await op.addColumn("items", t.column("gone", t.text()));
      await op.alterColumn("items", "qty", { newName: "quantity", comment: "ignored" });
      await op.dropColumn("items", "gone");
      await op.renameTable("items", "things");
      await op.createTable("temp", [t.column("x", t.integer())]);
      await op.dropTable("temp");
    });
    const cols = await columns("things");
    assert.deepEqual(
      Object.values(cols).map((c) => [c.name, c.type, Number(c.notnull), c.dflt_value]),
      [["id", "INTEGER", 1, null], ["quantity", "INTEGER", 0, null], ["size", "SMALLINT", 1, "3"], [
        "kind",
        "VARCHAR(2)",
        0,
        null,
      ]],
    );
    assert.deepEqual(await q("SELECT quantity, size FROM things"), [{ quantity: 7, size: 3 }]);
    await assert.rejects(conn.execute("UPDATE things SET kind = 'c'"), /CHECK constraint failed/);
    const gone = dialect.tableExists("temp");
    assert.deepEqual(await q(gone.sql, [...gone.params!]), []);
  });

  it("indexes: unique, partial, expression; dropIndex", async () => {
    await apply(async (op) => {
      await op.createTable("docs", [t.column("id", t.integer()), t.column("title", t.text())]);
      await op.createIndex("docs", ["id", "title"], { unique: true, where: "id > 0" });
      await op.createIndex("docs", sql`lower(title)`, { name: "ix_lower" });
      await op.createIndex("docs", "id", { name: "gone" });
      await op.dropIndex("gone");
    });
    assert.deepEqual(await indexes("docs"), {
      uq_docs_id_title: "UNIQUE id,title",
      ix_lower: "INDEX ",
    });
  });

  it("works in an attached database: create, index, rename, insert, drop", async () => {
    await apply(async (op) => {
      await op.createTable("Old Name", [
        t.column("ID", t.integer(), { primaryKey: true, autoincrement: true }),
        t.column("state", t.enum(["on", "off"])),
      ], { schema: "aux" });
      await op.createIndex("Old Name", "state", { schema: "aux" });
      await op.renameTable("Old Name", "New Name", { schema: "aux" });
      await op.bulkInsert("New Name", [{ state: "on" }], { schema: "aux" });
    });
    assert.deepEqual(await indexes("New Name", "aux"), { "ix_Old Name_state": "INDEX state" });
    assert.deepEqual(await q('SELECT * FROM aux."New Name"'), [{ ID: 1, state: "on" }]);
    const exists = dialect.tableExists("New Name", "aux");
    assert.equal((await q(exists.sql, [...exists.params!])).length, 1);
    await apply(async (op) => {
      await op.dropIndex("ix_Old Name_state", { schema: "aux" });
      await op.dropTable("New Name", { schema: "aux" });
    });
    assert.equal((await q(exists.sql, [...exists.params!])).length, 0);
  });

  it("quotes reserved words, mixed case, spaces, quotes and non-ASCII names", async () => {
    const table = 'select "from" Ünï';
    await apply(async (op) => {
      await op.createTable(table, [
        t.column("order", t.integer(), { primaryKey: true }),
        t.column("Mixed Case", t.text()),
        t.column('qu"ote', t.text()),
        t.column("名前", t.text()),
      ]);
      await op.createIndex(table, ["Mixed Case", "名前"]);
      await op.bulkInsert(table, [{ order: 1, "Mixed Case": "a", 'qu"ote': "b", "名前": "c" }]);
    });
    assert.deepEqual(Object.keys(await columns(table)), ["order", "Mixed Case", 'qu"ote', "名前"]);
    assert.deepEqual(await q(`SELECT * FROM ${dialect.qualify(table)}`), [
      { order: 1, "Mixed Case": "a", 'qu"ote': "b", "名前": "c" },
    ]);
  });

  it("bulkInsert and inlined parameters store tricky values exactly", async () => {
    const values = [
      "it's",
      "back\\slash",
      "line\nbreak\ttab",
      "nul\0inside",
      "ünï 表 😀",
      "? ' \"",
      "",
    ];
    await apply(async (op) => {
      await op.createTable("vals", [
        t.column("id", t.integer()),
        t.column("s", t.text()),
        t.column("b", t.boolean()),
        t.column("n", t.double()),
        t.column("at", t.timestamp()),
        t.column("raw", t.bytes()),
      ]);
      await op.bulkInsert("vals", values.map((s, id) => ({ id, s })));
      await op.bulkInsert("vals", [{
        id: 100,
        b: false,
        n: -1.5e300,
        at: new Date("2026-01-02T03:04:05.678Z"),
        raw: new Uint8Array([0, 1, 255]),
      }]);
      await op.execute("INSERT INTO vals (id, s) VALUES (?, ?)", [200, "param'd"]);
    });
    // compared as hex: the driver reads text only up to a NUL
    const hex = (s: string) => Buffer.from(s, "utf8").toString("hex").toUpperCase();
    const rows = await q("SELECT hex(s) AS s FROM vals WHERE id < 100 ORDER BY id");
    assert.deepEqual(rows.map((r) => r.s), values.map(hex));
    const [row] = await q("SELECT b, n, at, hex(raw) AS raw FROM vals WHERE id = 100");
    assert.deepEqual(row, { b: 0, n: -1.5e300, at: "2026-01-02 03:04:05.678", raw: "0001FF" });
    assert.deepEqual(await q("SELECT s FROM vals WHERE id = 200"), [{ s: "param'd" }]);
    const inlined = dialect.inlineParams({
      sql: "INSERT INTO vals (id, s) VALUES (?, ?)",
      params: [300, values.join("|")],
    });
    await conn.execute(inlined);
    assert.deepEqual(await q("SELECT hex(s) AS s FROM vals WHERE id = 300"), [{
      s: hex(values.join("|")),
    }]);
  });

  it("version table: created once, found by tableExists, keyed by <table>_pkc", async () => {
    const exists = dialect.tableExists("retort_version");
    assert.deepEqual(await q(exists.sql, [...exists.params!]), []);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    assert.equal((await q(exists.sql, [...exists.params!])).length, 1);
    assert.match(
      await createSql("retort_version"),
      /CONSTRAINT "retort_version_pkc" PRIMARY KEY \("version_num"\)/,
    );
  });
});
