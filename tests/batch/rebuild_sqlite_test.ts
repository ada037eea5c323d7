// Batch rebuilds on real SQLite files with real rows, run as the runner runs them (inside a
// write transaction). Rows are compared by content before and after; the schema is read
// back from sqlite_master.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Connection, Row } from "../../src/driver/connection.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import { createSql, exec, rows, runBatch, schema, sqliteFile } from "./_sqlite.ts";

describe("batchAlterTable rebuilds on SQLite", () => {
  let file: Awaited<ReturnType<typeof sqliteFile>>;
  let conn: Connection;
  beforeEach(async () => {
    file = await sqliteFile();
    conn = file.conn;
  });
  afterEach(() => file.close());

  const pick = (list: Row[], ...columns: string[]) =>
    list.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));

  it("changes a type with an affinity change; SQLite's affinity converts what it can", async () => {
    await exec(
      conn,
      "CREATE TABLE items (id INTEGER PRIMARY KEY, qty TEXT, price INTEGER)",
      "INSERT INTO items VALUES (1, '12', 5), (2, 'many', 7), (3, NULL, 9), (4, '3.5', -1)",
    );
    await runBatch(conn, "items", (b) => {
      b.alterColumn("qty", { type: t.integer() });
      b.alterColumn("price", { type: t.text() });
    });
    assert.deepEqual(
      await conn.query(
        "SELECT id, qty, typeof(qty) AS tq, price, typeof(price) AS tp FROM items ORDER BY id",
      ),
      [
        { id: 1, qty: 12, tq: "integer", price: "5", tp: "text" },
        { id: 2, qty: "many", tq: "text", price: "7", tp: "text" },
        { id: 3, qty: null, tq: "null", price: "9", tp: "text" },
        { id: 4, qty: 3.5, tq: "real", price: "-1", tp: "text" },
      ],
    );
    assert.match(await createSql(conn, "items"), /"qty" INTEGER,\n {2}"price" TEXT/);
  });

  it("casts with alterColumn's `using` when asked", async () => {
    await exec(
      conn,
      "CREATE TABLE m (id INTEGER PRIMARY KEY, v TEXT)",
      "INSERT INTO m VALUES (1, '7.9')",
    );
    await runBatch(
      conn,
      "m",
      (b) => b.alterColumn("v", { type: t.integer(), using: "CAST(v AS INTEGER)" }),
    );
    assert.deepEqual(await rows(conn, "m"), [{ id: 1, v: 7 }]);
  });

  it("adds NOT NULL to a column without NULLs", async () => {
    await exec(
      conn,
      "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT)",
      "INSERT INTO u VALUES (1, 'a'), (2, 'b')",
    );
    const before = await rows(conn, "u");
    await runBatch(conn, "u", (b) => b.alterColumn("email", { nullable: false }));
    assert.deepEqual(await rows(conn, "u"), before);
    assert.match(await createSql(conn, "u"), /"email" TEXT NOT NULL/);
  });

  it("fails cleanly adding NOT NULL over NULLs: rows and schema untouched", async () => {
    await exec(
      conn,
      "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT)",
      "INSERT INTO u VALUES (1, 'a'), (2, NULL)",
    );
    const [before, shape] = [await rows(conn, "u"), await schema(conn)];
    await assert.rejects(runBatch(conn, "u", (b) => b.alterColumn("email", { nullable: false })), {
      code: "BATCH_FAILED",
      message:
        /^batchAlterTable u: copyRows failed: .*NOT NULL constraint failed: u\.email; nothing was changed/,
    });
    assert.deepEqual(await rows(conn, "u"), before);
    assert.deepEqual(await schema(conn), shape);
  });

  it("renames and drops columns, with the index, unique and CHECKs that use them", async () => {
    await exec(
      conn,
      `CREATE TABLE p (
        id INTEGER PRIMARY KEY,
        name TEXT,
        code TEXT,
        size INTEGER CHECK (size > 0),
        weight INTEGER,
        CONSTRAINT ck_weight CHECK (weight < 1000),
        CHECK (size < weight),
        UNIQUE (code, size)
      )`,
      "CREATE INDEX ix_p_size ON p (size)",
      "CREATE INDEX ix_p_name ON p (name)",
      "INSERT INTO p VALUES (1, 'a', 'x', 1, 10), (2, 'b', 'y', 2, 20)",
    );
    await runBatch(conn, "p", (b) => {
      b.alterColumn("name", { newName: "title" });
      b.dropColumn("size");
      b.dropColumn("weight");
    });
    assert.deepEqual(await rows(conn, "p"), [
      { id: 1, title: "a", code: "x" },
      { id: 2, title: "b", code: "y" },
    ]);
    assert.equal(
      await createSql(conn, "p"),
      `CREATE TABLE "p" (\n  "id" INTEGER NOT NULL,\n  "title" TEXT,\n  "code" TEXT,\n  PRIMARY KEY ("id")\n)`,
    );
    assert.deepEqual((await schema(conn)).filter((o) => o.type === "index").map((o) => o.sql), [
      `CREATE INDEX ix_p_name ON p ("title")`,
    ]);
  });

  it("drops a named and an unnamed CHECK by name (unnamed ones by the naming convention)", async () => {
    await exec(
      conn,
      "CREATE TABLE c (a INTEGER, b INTEGER, CONSTRAINT ck_a CHECK (a > 0), CHECK (b > 0))",
      "INSERT INTO c VALUES (1, 1)",
    );
    const { shortHash } = await import("../../src/schema/naming.ts");
    await runBatch(conn, "c", (b) => {
      b.dropConstraint("ck_a", { type: "check" });
      b.dropConstraint(`ck_c_${shortHash("b > 0")}`);
    });
    assert.equal(
      await createSql(conn, "c"),
      `CREATE TABLE "c" (\n  "a" INTEGER,\n  "b" INTEGER\n)`,
    );
    await exec(conn, "INSERT INTO c VALUES (-1, -1)");
  });

  it("keeps an unnamed CHECK and UNIQUE through an unrelated rebuild (Alembic drops them)", async () => {
    await exec(
      conn,
      "CREATE TABLE c (a INTEGER CHECK (a > 0), b TEXT, UNIQUE (b))",
      "INSERT INTO c VALUES (1, 'x')",
    );
    await runBatch(conn, "c", (b) => b.alterColumn("b", { nullable: false }));
    await assert.rejects(conn.execute("INSERT INTO c VALUES (-1, 'y')"), /CHECK constraint failed/);
    await assert.rejects(conn.execute("INSERT INTO c VALUES (2, 'x')"), /UNIQUE constraint failed/);
  });

  it("keeps collations, a REFERENCES without columns, WITHOUT ROWID and STRICT", async () => {
    await exec(
      conn,
      "CREATE TABLE owner (id INTEGER PRIMARY KEY)",
      "CREATE TABLE pet (name TEXT COLLATE NOCASE PRIMARY KEY, owner INTEGER REFERENCES owner, n INTEGER) WITHOUT ROWID, STRICT",
      "INSERT INTO owner VALUES (1)",
      "INSERT INTO pet VALUES ('Rex', 1, 3)",
    );
    await runBatch(conn, "pet", (b) => b.alterColumn("n", { nullable: false }));
    assert.deepEqual(await conn.query("SELECT name, owner, n FROM pet WHERE name = 'REX'"), [
      { name: "Rex", owner: 1, n: 3 },
    ]);
    assert.deepEqual(
      (await conn.query("PRAGMA foreign_key_list(pet)")).map((r) => [r.table, r.from, r.to]),
      [["owner", "owner", null]],
    );
    await assert.rejects(conn.query("SELECT rowid FROM pet"), /no such column: rowid/);
    await assert.rejects(
      conn.execute("INSERT INTO pet VALUES ('Tom', 1, 'many')"),
      /cannot store TEXT value in INTEGER column/,
    );
    await assert.rejects(conn.execute("INSERT INTO pet VALUES ('rex', 1, 1)"), /UNIQUE|PRIMARY/);
  });

  it("refuses a rebuild that would lose an ON CONFLICT clause or a DESC key, changing nothing", async () => {
    await exec(
      conn,
      "CREATE TABLE oc (id INTEGER PRIMARY KEY, code TEXT UNIQUE ON CONFLICT REPLACE, n INTEGER)",
      "CREATE TABLE dk (id INTEGER PRIMARY KEY DESC, n INTEGER)",
      "CREATE TABLE kc (a TEXT, n INTEGER, UNIQUE (a COLLATE NOCASE))",
      "INSERT INTO oc VALUES (1, 'a', 1)",
      "INSERT INTO dk VALUES (1, 1)",
    );
    const [before, shape] = [await rows(conn, "oc"), await schema(conn)];
    const refused = (table: string, clause: string) => ({
      code: "BATCH_UNSUPPORTED_TABLE",
      message: new RegExp(
        `^batchAlterTable ${table}: a rebuild cannot keep \`${clause}\` .*op\\.execute.*Nothing was changed$`,
      ),
    });
    const notNull = (b: Parameters<Parameters<typeof runBatch>[2]>[0]) =>
      b.alterColumn("n", { nullable: false });
    await assert.rejects(
      runBatch(conn, "oc", notNull),
      refused("oc", "UNIQUE ON CONFLICT REPLACE"),
    );
    await assert.rejects(runBatch(conn, "dk", notNull), refused("dk", "PRIMARY KEY DESC"));
    await assert.rejects(
      runBatch(conn, "kc", notNull),
      refused("kc", String.raw`UNIQUE \(a COLLATE NOCASE\)`),
    );
    assert.deepEqual(await rows(conn, "oc"), before);
    assert.deepEqual(await schema(conn), shape);
    // what plain ALTERs can do still runs
    await runBatch(conn, "oc", (b) => b.addColumn(t.column("note", t.text())));
    assert.deepEqual(await rows(conn, "oc"), [{ id: 1, code: "a", n: 1, note: null }]);
  });

  it("inserts new columns before and after others", async () => {
    await exec(conn, "CREATE TABLE o (a INTEGER, b INTEGER)", "INSERT INTO o VALUES (1, 2)");
    await runBatch(conn, "o", (b) => {
      b.addColumn(t.column("first", t.integer(), { serverDefault: 0 }), { insertBefore: "a" });
      b.addColumn(t.column("mid", t.text(), { serverDefault: "m" }), { insertAfter: "a" });
    });
    const names = (await conn.query("PRAGMA table_info(o)")).map((r) => r.name);
    assert.deepEqual(names, ["first", "a", "mid", "b"]);
    assert.deepEqual(await rows(conn, "o"), [{ first: 0, a: 1, mid: "m", b: 2 }]);
  });

  it("reorders columns with partialReordering", async () => {
    await exec(
      conn,
      "CREATE TABLE o (a INTEGER, b INTEGER, c INTEGER)",
      "INSERT INTO o VALUES (1, 2, 3)",
    );
    await runBatch(conn, "o", () => {}, { partialReordering: [["c", "a"]] });
    assert.deepEqual((await conn.query("PRAGMA table_info(o)")).map((r) => r.name), [
      "c",
      "b",
      "a",
    ]);
    assert.deepEqual(await rows(conn, "o"), [{ c: 3, b: 2, a: 1 }]);
  });

  it("changes the primary key, keeping rowids", async () => {
    await exec(
      conn,
      "CREATE TABLE k (id INTEGER PRIMARY KEY, code TEXT NOT NULL)",
      "INSERT INTO k VALUES (5, 'a'), (9, 'b')",
    );
    await runBatch(conn, "k", (b) => b.createPrimaryKey(["code"]));
    assert.match(await createSql(conn, "k"), /CONSTRAINT "pk_k" PRIMARY KEY \("code"\)/);
    assert.deepEqual(await conn.query("SELECT rowid AS r, id, code FROM k ORDER BY rowid"), [
      { r: 5, id: 5, code: "a" },
      { r: 9, id: 9, code: "b" },
    ]);
    await assert.rejects(conn.execute("INSERT INTO k VALUES (1, 'a')"), /UNIQUE constraint failed/);
  });

  it("keeps triggers, views on the table and views on those views", async () => {
    await exec(
      conn,
      "CREATE TABLE s (id INTEGER PRIMARY KEY, n INTEGER, note TEXT)",
      "CREATE TABLE log (msg TEXT)",
      "CREATE TRIGGER s_ins AFTER INSERT ON s BEGIN INSERT INTO log VALUES ('ins ' || NEW.n); END",
      "CREATE TRIGGER log_ins AFTER INSERT ON log WHEN NEW.msg = 'x' BEGIN DELETE FROM s WHERE n < 0; END",
      "CREATE VIEW big AS SELECT id, n FROM s WHERE n > 1",
      "CREATE VIEW bigger AS SELECT * FROM big WHERE n > 2",
      "INSERT INTO s (n, note) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
    );
    const before = await schema(conn);
    await runBatch(conn, "s", (b) => b.dropColumn("note"));
    const after = await schema(conn);
    const byName = (list: Row[]) =>
      Object.fromEntries(list.filter((o) => o.name !== "s").map((o) => [o.name, o.sql]));
    assert.deepEqual(byName(after), byName(before));
    assert.deepEqual(await rows(conn, "bigger", "id"), [{ id: 3, n: 3 }]);
    await exec(conn, "INSERT INTO s (n) VALUES (7)");
    assert.deepEqual((await rows(conn, "log")).map((r) => r.msg), [
      "ins 1",
      "ins 2",
      "ins 3",
      "ins 7",
    ]);
  });

  it("refuses a drop that would break a view, leaving everything as it was", async () => {
    await exec(
      conn,
      "CREATE TABLE s (id INTEGER PRIMARY KEY, n INTEGER)",
      "CREATE VIEW v AS SELECT n FROM s",
      "INSERT INTO s VALUES (1, 1)",
    );
    const shape = await schema(conn);
    await assert.rejects(runBatch(conn, "s", (b) => b.dropColumn("n")), {
      code: "BATCH_FAILED",
      message: /batchAlterTable s: createViews failed: .*no such column: n.*nothing was changed/,
    });
    assert.deepEqual(await schema(conn), shape);
  });

  it("keeps partial and expression indexes", async () => {
    await exec(
      conn,
      "CREATE TABLE e (id INTEGER PRIMARY KEY, email TEXT, active INTEGER)",
      "CREATE UNIQUE INDEX ux_e_email ON e (lower(email)) WHERE active = 1",
      "CREATE INDEX ix_e_expr ON e (substr(email, 1, 3), id DESC)",
      "INSERT INTO e VALUES (1, 'A@x', 1), (2, 'a@x', 0)",
    );
    const before = (await schema(conn)).filter((o) => o.type === "index");
    await runBatch(
      conn,
      "e",
      (b) => b.alterColumn("active", { nullable: false, serverDefault: 1 }),
    );
    assert.deepEqual((await schema(conn)).filter((o) => o.type === "index"), before);
    await assert.rejects(
      conn.execute("INSERT INTO e VALUES (3, 'a@X', 1)"),
      /UNIQUE constraint failed/,
    );
    assert.match(await createSql(conn, "e"), /"active" INTEGER NOT NULL DEFAULT 1/);
  });

  it("keeps generated columns, which are computed again rather than copied", async () => {
    await exec(
      conn,
      "CREATE TABLE g (id INTEGER PRIMARY KEY, a INTEGER, twice INTEGER GENERATED ALWAYS AS (a * 2) STORED, half AS (a / 2))",
      "INSERT INTO g (a) VALUES (4), (10)",
    );
    await runBatch(conn, "g", (b) => b.addColumn(t.column("z", t.text()), { insertAfter: "a" }));
    assert.deepEqual(await conn.query("SELECT id, a, z, twice, half FROM g ORDER BY id"), [
      { id: 1, a: 4, z: null, twice: 8, half: 2 },
      { id: 2, a: 10, z: null, twice: 20, half: 5 },
    ]);
  });

  it("keeps the AUTOINCREMENT sequence past deleted rows", async () => {
    await exec(
      conn,
      "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)",
      "INSERT INTO a (v) VALUES ('1'), ('2'), ('3')",
      "DELETE FROM a WHERE id = 3",
    );
    await runBatch(conn, "a", (b) => b.alterColumn("v", { nullable: false }));
    assert.deepEqual(await conn.query("SELECT name, seq FROM sqlite_sequence"), [{
      name: "a",
      seq: 3,
    }]);
    await exec(conn, "INSERT INTO a (v) VALUES ('4')");
    assert.deepEqual(pick(await rows(conn, "a"), "id"), [{ id: 1 }, { id: 2 }, { id: 4 }]);
  });

  it("adds a NOT NULL column with a default, a unique and a check", async () => {
    await exec(conn, "CREATE TABLE w (id INTEGER PRIMARY KEY)", "INSERT INTO w VALUES (1), (2)");
    await runBatch(conn, "w", (b) => {
      b.addColumn(
        t.column("made", t.text(), { nullable: false, serverDefault: sql`CURRENT_DATE` }),
      );
      b.addColumn(t.column("code", t.text(), { unique: true }));
      b.createCheckConstraint("id < 100", { name: "ck_small" });
    });
    const text = await createSql(conn, "w");
    assert.match(text, /"made" TEXT NOT NULL DEFAULT CURRENT_DATE/);
    assert.match(text, /CONSTRAINT "uq_w_code" UNIQUE \("code"\)/);
    assert.match(text, /CONSTRAINT "ck_small" CHECK \(id < 100\)/);
    assert.equal((await rows(conn, "w")).length, 2);
  });

  it('uses plain ALTERs with recreate: "auto" when they suffice, and rebuilds with "always"', async () => {
    await exec(
      conn,
      "CREATE TABLE  n  (id INTEGER PRIMARY KEY, a TEXT)",
      "INSERT INTO n VALUES (1, 'x')",
    );
    await runBatch(conn, "n", (b) => {
      b.addColumn(t.column("b", t.text()));
      b.createIndex("b");
    });
    assert.match(
      await createSql(conn, "n"),
      /^CREATE TABLE n {2}\(id INTEGER PRIMARY KEY, a TEXT, "b" TEXT\)$/,
    );
    await runBatch(conn, "n", (b) => b.dropColumn("b"), { recreate: "always" });
    assert.equal(
      await createSql(conn, "n"),
      `CREATE TABLE "n" (\n  "id" INTEGER NOT NULL,\n  "a" TEXT,\n  PRIMARY KEY ("id")\n)`,
    );
    assert.deepEqual(await rows(conn, "n"), [{ id: 1, a: "x" }]);
  });

  it('refuses a rebuild with recreate: "never", naming what needs it', async () => {
    await exec(conn, "CREATE TABLE n (id INTEGER PRIMARY KEY, a TEXT)");
    await assert.rejects(
      runBatch(conn, "n", (b) => b.alterColumn("a", { type: t.integer() }), { recreate: "never" }),
      { code: "BATCH_NEEDS_REBUILD", message: /alterColumn a: type/ },
    );
  });

  it("names a missing column and lists the table's", async () => {
    await exec(conn, "CREATE TABLE n (id INTEGER PRIMARY KEY, a TEXT)");
    await assert.rejects(runBatch(conn, "n", (b) => b.alterColumn("b", { nullable: false })), {
      code: "BATCH_UNKNOWN_COLUMN",
      message: "batchAlterTable n: no column named b; it has id, a",
    });
  });

  it("shows progress for tables over 100,000 rows and copies in rowid ranges", async () => {
    await exec(
      conn,
      "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)",
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 120000) " +
        "INSERT INTO big SELECT x, 'v' || x FROM c",
    );
    const seen: number[] = [];
    await runBatch(conn, "big", (b) => b.alterColumn("v", { nullable: false }), {}, {
      progress: (copied) => seen.push(copied),
    });
    assert.equal(seen[0], 0);
    assert.equal(seen[seen.length - 1], 120000);
    assert.ok(seen.length > 2);
    const [check] = await conn.query("SELECT count(*) AS n, sum(id) AS s, max(v) AS m FROM big");
    assert.deepEqual(check, { n: 120000, s: 7200060000, m: "v99999" });
  });
});
