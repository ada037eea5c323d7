// Every operation against a real MySQL or MariaDB, read back from information_schema:
// columns with their types, nullability, defaults, AUTO_INCREMENT and comments, constraints
// by name, indexes, table comments. A second database stands in for a schema.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import type { Connection, Row } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import { reverse } from "../../src/runtime/builtin_registry.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import type { ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";

const dialect = new MysqlDialect();
const { db, skip } = await throwawayDatabase("mysql");

/** A column type without integer display widths, which MySQL 8 dropped and MariaDB keeps. */
const normalType = (type: unknown) => String(type).replace(/^(smallint|int|bigint)\(\d+\)/, "$1");

describe("operations on MySQL/MariaDB", { skip }, () => {
  let database: ThrowawayDatabase;
  let conn: Connection;
  let main: string;
  let other: string;
  before(async () => {
    database = db!;
    conn = await database.connect();
    main = String((await conn.query("SELECT DATABASE() AS d"))[0].d);
    other = `${main}_b`;
    await conn.execute(`CREATE DATABASE ${dialect.quoteIdentifier(other)}`);
  });
  after(async () => {
    await conn?.execute(`DROP DATABASE IF EXISTS ${dialect.quoteIdentifier(other)}`);
    await conn?.close();
    await database?.drop();
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

  async function columns(table: string, schema = main): Promise<Record<string, Row>> {
    const rows = await q(
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt,
              EXTRA AS extra, COLUMN_COMMENT AS comment
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [schema, table],
    );
    return Object.fromEntries(
      rows.map((r) => [r.name as string, { ...r, type: normalType(r.type) }]),
    );
  }

  /** Constraint name -> type, leaving out MariaDB's automatic json_valid checks. */
  async function constraints(table: string, schema = main): Promise<Record<string, string>> {
    const rows = await q(
      `SELECT tc.CONSTRAINT_NAME AS name, tc.CONSTRAINT_TYPE AS type
         FROM information_schema.TABLE_CONSTRAINTS tc
        WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ?
          AND NOT EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS cc
                           WHERE cc.CONSTRAINT_SCHEMA = tc.TABLE_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                             AND cc.CHECK_CLAUSE LIKE 'json_valid(%')`,
      [schema, table],
    );
    return Object.fromEntries(rows.map((r) => [r.name as string, r.type as string]));
  }

  /** Index name -> "UNIQUE a,b" / "INDEX a". */
  async function indexes(table: string, schema = main): Promise<Record<string, string>> {
    const rows = await q(
      `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonunique, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
        GROUP BY INDEX_NAME, NON_UNIQUE`,
      [schema, table],
    );
    return Object.fromEntries(
      rows.map((r) => [r.name as string, `${Number(r.nonunique) ? "INDEX" : "UNIQUE"} ${r.cols}`]),
    );
  }

  async function tableComment(table: string, schema = main): Promise<unknown> {
    const [row] = await q(
      "SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
      [schema, table],
    );
    return row?.c;
  }

  it("createTable: columns, AUTO_INCREMENT, keys, checks, foreign keys, indexes, comments, enums", async () => {
    await apply(async (op) => {
      await op.createTable("orgs", [
        t.column("id", t.bigint(), { primaryKey: true, identity: { start: 10 } }),
      ]);
      await op.createTable(
        "users",
        [
          t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
          t.column("email", t.varchar(255), {
            nullable: false,
            unique: true,
            comment: "it's the \\ login",
          }),
          t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
          t.column("name", t.varchar(40), { serverDefault: "it's" }),
          t.column("score", t.double()),
          t.column("price", t.numeric(10, 2), { serverDefault: 0 }),
          t.column("org_id", t.bigint()),
          t.column("created", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
          t.column("seen", t.timestamp({ precision: 3 })),
          t.column("data", t.json()),
          t.column("uid", t.uuid()),
          t.column("raw", t.bytes()),
          t.column("role", t.enum(["admin", "member"])),
        ],
        {
          checks: [{ name: "email_has_at", condition: "email LIKE '%@%'" }],
          foreignKeys: [{
            columns: ["org_id"],
            references: "orgs",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
          }],
          indexes: [{ columns: ["name"] }, {
            columns: ["org_id", "name"],
            unique: true,
            name: "uq_org_name",
          }],
          comment: "people's",
        },
      );
    });
    const cols = await columns("users");
    assert.deepEqual(
      Object.values(cols).map((c) => [c.name, c.type, c.nullable]),
      [
        ["id", "int", "NO"],
        ["email", "varchar(255)", "NO"],
        ["active", "tinyint(1)", "NO"],
        ["name", "varchar(40)", "YES"],
        ["score", "double", "YES"],
        ["price", "decimal(10,2)", "YES"],
        ["org_id", "bigint", "YES"],
        ["created", "timestamp", "YES"],
        ["seen", "datetime(3)", "YES"],
        ["data", cols.data.type === "json" ? "json" : "longtext", "YES"],
        ["uid", "char(36)", "YES"],
        ["raw", "blob", "YES"],
        ["role", "enum('admin','member')", "YES"],
      ],
    );
    assert.equal(cols.id.extra, "auto_increment");
    assert.equal(cols.email.comment, "it's the \\ login");
    assert.match(String(cols.name.dflt), /^'?it''?'?s'?$/);
    assert.match(String(cols.created.dflt), /^current_timestamp(\(\))?$/i);
    assert.equal(await tableComment("users"), "people's");
    assert.deepEqual(await constraints("users"), {
      PRIMARY: "PRIMARY KEY",
      uq_users_email: "UNIQUE",
      uq_org_name: "UNIQUE",
      email_has_at: "CHECK",
      fk_users_org_id_orgs: "FOREIGN KEY",
    });
    const [rule] = await q(
      "SELECT DELETE_RULE AS d FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = ?",
      [main, "fk_users_org_id_orgs"],
    );
    assert.equal(rule.d, "CASCADE");
    const ix = await indexes("users");
    assert.equal(ix.ix_users_name, "INDEX name");
    assert.equal(ix.uq_org_name, "UNIQUE org_id,name");
    await conn.execute("INSERT INTO orgs () VALUES ()");
    assert.equal(Number((await q("SELECT id FROM orgs"))[0].id), 10);
  });

  it("addColumn, alterColumn (MODIFY, CHANGE, SET DEFAULT, RENAME COLUMN) and dropColumn", async () => {
    await apply(async (op) => {
      await op.createTable("items", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("qty", t.varchar(10)),
      ]);
      await op.bulkInsert("items", [{ id: 1, qty: "7" }]);
      await op.addColumn("items", t.column("code", t.varchar(8), { unique: true, comment: "c" }));
      await op.addColumn(
        "items",
        t.column("size", t.smallint(), { nullable: false, serverDefault: 3 }),
      );
      await op.addColumn("items", t.column("gone", t.integer()));
      await op.alterColumn("items", "qty", {
        type: t.integer(),
        nullable: false,
        serverDefault: 1,
        comment: "how many",
        newName: "quantity",
      });
      await op.alterColumn("items", "size", { serverDefault: null });
      await op.alterColumn("items", "size", { newName: "bulk" });
      await op.alterColumn("items", "bulk", { serverDefault: sql`2 + 2` });
      await op.execute("UPDATE items SET code = ?", ["x"]);
      await op.alterColumn("items", "code", {
        nullable: false,
        existingType: t.varchar(8),
        existingComment: "c",
      });
      await op.dropColumn("items", "gone");
    });
    const cols = await columns("items");
    assert.deepEqual(Object.keys(cols), ["id", "quantity", "code", "bulk"]);
    assert.deepEqual(
      [
        cols.quantity.type,
        cols.quantity.nullable,
        String(cols.quantity.dflt),
        cols.quantity.comment,
      ],
      ["int", "NO", "1", "how many"],
    );
    assert.deepEqual([cols.bulk.type, cols.bulk.nullable], ["smallint", "NO"]);
    assert.match(String(cols.bulk.dflt), /^\(?2 \+ 2\)?$/);
    assert.deepEqual([cols.code.nullable, cols.code.comment], ["NO", "c"]);
    assert.deepEqual(await q("SELECT quantity, bulk FROM items"), [{ quantity: 7, bulk: 3 }]);
  });

  it("alterColumn keeps AUTO_INCREMENT, a collation and ON UPDATE it is told of, and so does its reverse", async () => {
    await apply(async (op) => {
      await op.createTable("counters", [
        t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
        t.column("code", t.varchar(10), { collation: "utf8mb4_bin" }),
        t.column("seen", t.timestamp({ tz: true }), {
          serverDefault: sql`CURRENT_TIMESTAMP`,
          onUpdate: sql`CURRENT_TIMESTAMP`,
        }),
      ]);
    });
    const kept = {
      existingAutoincrement: true,
      existingCollation: "utf8mb4_bin",
      existingOnUpdate: sql`CURRENT_TIMESTAMP`,
    };
    const ops: Op[] = [];
    await recordingOps(ops).alterColumn("counters", "id", {
      type: t.bigint(),
      existingType: t.integer(),
      existingNullable: false,
      existingAutoincrement: true,
    });
    await recordingOps(ops).alterColumn("counters", "code", {
      nullable: false,
      existingType: t.varchar(10),
      existingNullable: true,
      existingCollation: kept.existingCollation,
    });
    await recordingOps(ops).alterColumn("counters", "seen", {
      comment: "last seen",
      existingType: t.timestamp({ tz: true }),
      existingNullable: true,
      existingServerDefault: sql`CURRENT_TIMESTAMP`,
      existingComment: null,
      existingOnUpdate: kept.existingOnUpdate,
    });
    const read = async () => {
      const rows = await q(
        "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, EXTRA AS extra, COLLATION_NAME AS coll " +
          "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'counters'",
        [main],
      );
      return Object.fromEntries(
        rows.map((r) =>
          [String(r.name), [String(r.type), String(r.extra).toLowerCase(), r.coll]] as const
        ),
      );
    };
    const run = async (list: Op[]) => {
      for (const s of list.flatMap((o) => sqlOf(o, dialect))) await conn.execute(s.sql, s.params);
    };
    const before = await read();
    await run(ops);
    const after = await read();
    assert.match(after.id[0], /^bigint/);
    assert.equal(after.id[1], "auto_increment");
    assert.equal(after.code[2], "utf8mb4_bin");
    assert.match(after.seen[1], /on update current_timestamp/);
    await conn.execute("INSERT INTO counters (code) VALUES ('a')");
    assert.equal(Number((await q("SELECT id FROM counters"))[0].id), 1);
    await run(ops.map((o) => reverse(o)!).reverse());
    assert.deepEqual(await read(), before);
  });

  it("indexes: unique, multi-column; dropIndex with its table", async () => {
    await apply(async (op) => {
      await op.createTable("docs", [
        t.column("id", t.integer()),
        t.column("title", t.varchar(100)),
      ]);
      await op.createIndex("docs", ["id", "title"], { unique: true });
      await op.createIndex("docs", "title", { name: "ix_title", concurrently: true });
      await op.createIndex("docs", "id", { name: "gone" });
      await op.dropIndex("gone", { table: "docs" });
    });
    assert.deepEqual(await indexes("docs"), {
      uq_docs_id_title: "UNIQUE id,title",
      ix_title: "INDEX title",
    });
  });

  it("constraints added to and dropped from existing tables, by type", async () => {
    await apply(async (op) => {
      await op.createTable("parents", [
        t.column("a", t.integer(), { nullable: false }),
        t.column("b", t.integer(), { nullable: false }),
      ]);
      await op.createTable("children", [
        t.column("id", t.integer(), { nullable: false }),
        t.column("a", t.integer()),
        t.column("b", t.integer()),
      ]);
      await op.createPrimaryKey("parents", ["a", "b"]);
      await op.createPrimaryKey("children", ["id"]);
      await op.createUniqueConstraint("children", ["a"]);
      await op.createUniqueConstraint("children", ["b"], { name: "uq_gone" });
      await op.createForeignKey("children", ["a", "b"], "parents", ["a", "b"], {
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      });
      await op.createForeignKey("children", ["a", "b"], "parents", ["a", "b"], { name: "fk_gone" });
      // (MySQL refuses CHECKs on columns of a foreign key with cascading actions)
      await op.createCheckConstraint("children", "id > 0", { name: "id_positive" });
      await op.createCheckConstraint("children", "id < 1000", { name: "ck_gone" });
      await op.dropConstraint("children", "fk_gone", { type: "foreignkey" });
      await op.dropConstraint("children", "uq_gone", { type: "unique" });
      await op.dropConstraint("children", "ck_gone", { type: "check" });
      await op.dropConstraint("children", "pk_children", { type: "primary" });
    });
    assert.deepEqual(await constraints("parents"), { PRIMARY: "PRIMARY KEY" });
    assert.deepEqual(await constraints("children"), {
      uq_children_a: "UNIQUE",
      fk_children_a_b_parents: "FOREIGN KEY",
      id_positive: "CHECK",
    });
  });

  it("works in another database: create, rename, comment, index, constraints, drop", async () => {
    const schema = () => other;
    await apply(async (op) => {
      await op.createTable("Old Name", [
        t.column("ID", t.integer(), { primaryKey: true, autoincrement: false }),
        t.column("state", t.enum(["on", "off"])),
      ], { schema: schema(), comment: "elsewhere" });
      await op.renameTable("Old Name", "New Name", { schema: schema() });
      await op.createIndex("New Name", "state", { schema: schema() });
      await op.createCheckConstraint("New Name", "`ID` > 0", { schema: schema(), name: "id_ok" });
      await op.createTableComment("New Name", "renamed", { schema: schema() });
      await op.bulkInsert("New Name", [{ ID: 1, state: "on" }], { schema: schema() });
    });
    assert.equal(await tableComment("New Name", other), "renamed");
    assert.deepEqual(await indexes("Old Name", other), {});
    assert.deepEqual(Object.keys(await indexes("New Name", other)).sort(), [
      "PRIMARY",
      "ix_New Name_state",
    ]);
    assert.deepEqual(await constraints("New Name", other), {
      PRIMARY: "PRIMARY KEY",
      id_ok: "CHECK",
    });
    assert.deepEqual(await q(`SELECT * FROM ${dialect.qualify("New Name", other)}`), [{
      ID: 1,
      state: "on",
    }]);
    await apply(async (op) => {
      await op.dropTableComment("New Name", { schema: schema() });
      await op.dropConstraint("New Name", "id_ok", { schema: schema(), type: "check" });
      await op.dropIndex("ix_New Name_state", { schema: schema(), table: "New Name" });
    });
    assert.equal(await tableComment("New Name", other), "");
    const exists = dialect.tableExists("New Name", other);
    assert.equal((await q(exists.sql, [...exists.params!])).length, 1);
    await apply((op) => op.dropTable("New Name", { schema: schema() }));
    assert.equal((await q(exists.sql, [...exists.params!])).length, 0);
  });

  it("quotes reserved words, mixed case, spaces, quotes and non-ASCII names", async () => {
    const table = "select `from` Ünï";
    await apply(async (op) => {
      await op.createTable(table, [
        t.column("order", t.integer(), { primaryKey: true }),
        t.column("Mixed Case", t.text()),
        t.column('qu"o`te', t.text()),
        t.column("名前", t.varchar(10)),
      ]);
      await op.createIndex(table, ["名前"]);
      await op.bulkInsert(table, [{ order: 1, "Mixed Case": "a", 'qu"o`te': "b", "名前": "c" }]);
    });
    assert.deepEqual(Object.keys(await columns(table)), ["order", "Mixed Case", 'qu"o`te', "名前"]);
    assert.deepEqual(await q(`SELECT * FROM ${dialect.qualify(table)}`), [
      { order: 1, "Mixed Case": "a", 'qu"o`te': "b", "名前": "c" },
    ]);
  });

  it("bulkInsert and inlined parameters store tricky values exactly", async () => {
    const values = [
      "it's",
      "back\\slash\\",
      "line\nbreak\r\ttab",
      "nul\0ctrl-z\x1a",
      "ünï 表 😀",
      "? ' \" `",
      "",
    ];
    await apply(async (op) => {
      await op.createTable("vals", [
        t.column("id", t.integer()),
        t.column("s", t.text()),
        t.column("b", t.boolean()),
        t.column("n", t.double()),
        t.column("at", t.timestamp({ precision: 3 })),
        t.column("raw", t.bytes()),
      ]);
      await op.bulkInsert("vals", values.map((s, id) => ({ id, s })));
      await op.bulkInsert("vals", [{
        id: 100,
        b: true,
        n: -1.5e300,
        at: new Date("2026-01-02T03:04:05.678Z"),
        raw: new Uint8Array([0, 1, 255]),
      }]);
      await op.execute("INSERT INTO vals (id, s) VALUES (?, ?)", [200, "param'd"]);
    });
    const rows = await q(
      "SELECT CONVERT(s USING utf8mb4) AS s FROM vals WHERE id < 100 ORDER BY id",
    );
    assert.deepEqual(rows.map((r) => r.s), values);
    const [row] = await q("SELECT b, n, at, HEX(raw) AS raw FROM vals WHERE id = 100");
    assert.deepEqual(row, { b: 1, n: -1.5e300, at: "2026-01-02 03:04:05.678", raw: "0001FF" });
    assert.deepEqual(await q("SELECT s FROM vals WHERE id = 200"), [{ s: "param'd" }]);
    const inlined = dialect.inlineParams({
      sql: "INSERT INTO vals (id, s) VALUES (?, ?)",
      params: [300, values.join("|")],
    });
    await conn.execute(inlined);
    assert.deepEqual(await q("SELECT s FROM vals WHERE id = 300"), [{ s: values.join("|") }]);
  });

  it("version table: created once, found by tableExists, primary key on version_num", async () => {
    const exists = dialect.tableExists("retort_version");
    assert.deepEqual(await q(exists.sql, [...exists.params!]), []);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    assert.equal((await q(exists.sql, [...exists.params!])).length, 1);
    assert.deepEqual(await indexes("retort_version"), { PRIMARY: "UNIQUE version_num" });
    assert.deepEqual(
      Object.values(await columns("retort_version")).map((c) => [c.name, c.type, c.nullable]),
      [["version_num", "varchar(64)", "NO"]],
    );
  });
});
