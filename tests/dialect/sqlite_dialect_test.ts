import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import { renderStatements, testSql, testUnsupported } from "./_render.ts";

const lite = new SqliteDialect();
const rebuild = /use op\.batchAlterTable, which rebuilds the table/;

describe("SQLite dialect: tables", () => {
  it("createTable with key, types, not null, defaults, constraints and indexes; comments left out", async () => {
    await testSql(
      lite,
      (op) =>
        op.createTable(
          "user account",
          [
            t.column("id", t.integer(), { primaryKey: true }),
            t.column("email", t.varchar(255), { nullable: false, unique: true, comment: "login" }),
            t.column("active", t.boolean(), { serverDefault: true }),
            t.column("name", t.text(), { serverDefault: "it's" }),
            t.column("price", t.numeric(10, 2), { serverDefault: -1.5 }),
            t.column("created", t.timestamp({ tz: true }), {
              serverDefault: sql`CURRENT_TIMESTAMP`,
            }),
            t.column("org_id", t.integer()),
          ],
          {
            checks: ["price >= -1.5"],
            foreignKeys: [{
              columns: ["org_id"],
              references: "orgs",
              referencesColumns: ["id"],
              onDelete: "SET NULL",
              deferrable: true,
              initially: "DEFERRED",
            }],
            indexes: [{ columns: ["name"], where: "name IS NOT NULL" }, {
              columns: [sql`lower(email)`],
              unique: true,
            }],
            comment: "people",
          },
        ),
      [
        'CREATE TABLE "user account" (\n' +
        '  "id" INTEGER NOT NULL,\n' +
        '  "email" VARCHAR(255) NOT NULL,\n' +
        '  "active" BOOLEAN DEFAULT 1,\n' +
        `  "name" TEXT DEFAULT 'it''s',\n` +
        '  "price" NUMERIC(10, 2) DEFAULT -1.5,\n' +
        '  "created" DATETIME DEFAULT CURRENT_TIMESTAMP,\n' +
        '  "org_id" INTEGER,\n' +
        '  CONSTRAINT "pk_user account" PRIMARY KEY ("id"),\n' +
        '  CONSTRAINT "uq_user account_email" UNIQUE ("email"),\n' +
        '  CONSTRAINT "ck_user account_9c7d047e" CHECK (price >= -1.5),\n' +
        '  CONSTRAINT "fk_user account_org_id_orgs" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ' +
        "ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED\n" +
        ")",
        'CREATE INDEX "ix_user account_name" ON "user account" ("name") WHERE name IS NOT NULL',
        'CREATE UNIQUE INDEX "uq_user account_expr_72852951" ON "user account" ((lower(email)))',
      ],
    );
  });

  it("maps every t.* type; an enum is a VARCHAR with a CHECK", async () => {
    await testSql(
      lite,
      (op) =>
        op.createTable("types", [
          t.column("a", t.integer()),
          t.column("b", t.smallint()),
          t.column("c", t.bigint()),
          t.column("d", t.boolean()),
          t.column("e", t.text()),
          t.column("f", t.real()),
          t.column("g", t.double()),
          t.column("h", t.date()),
          t.column("i", t.json()),
          t.column("j", t.jsonb()),
          t.column("k", t.uuid()),
          t.column("l", t.bytes()),
          t.column("m", t.varchar()),
          t.column("n", t.char(2)),
          t.column("o", t.numeric(10, 2)),
          t.column("p", t.numeric()),
          t.column("q", t.time({ tz: true })),
          t.column("s", t.timestamp({ precision: 3 })),
          t.column("w", t.raw("ANY")),
          t.column("x", t.enum(["draft", "it's"]), { nullable: false }),
        ]),
      [
        'CREATE TABLE "types" (\n' +
        [
          '"a" INTEGER',
          '"b" SMALLINT',
          '"c" BIGINT',
          '"d" BOOLEAN',
          '"e" TEXT',
          '"f" REAL',
          '"g" DOUBLE',
          '"h" DATE',
          '"i" JSON',
          '"j" JSON',
          '"k" CHAR(32)',
          '"l" BLOB',
          '"m" VARCHAR',
          '"n" CHAR(2)',
          '"o" NUMERIC(10, 2)',
          '"p" NUMERIC',
          '"q" TIME',
          '"s" DATETIME',
          '"w" ANY',
          `"x" VARCHAR(5) NOT NULL CHECK ("x" IN ('draft', 'it''s'))`,
        ].map((line) => `  ${line}`).join(",\n") +
        "\n)",
      ],
    );
  });

  it("AUTOINCREMENT is written on the INTEGER key column, with the key's name", async () => {
    await testSql(
      lite,
      async (op) => {
        await op.createTable("seq", [
          t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
          t.column("v", t.text()),
        ]);
        await op.createTable("ident", [t.column("id", t.integer(), { identity: {} })], {
          primaryKey: { name: "ident_key", columns: ["id"] },
        });
        await op.createTable("pair", [t.column("a", t.integer()), t.column("b", t.text())], {
          primaryKey: ["a", "b"],
          schema: "aux",
        });
      },
      [
        'CREATE TABLE "seq" (\n  "id" INTEGER NOT NULL CONSTRAINT "pk_seq" PRIMARY KEY AUTOINCREMENT,\n  "v" TEXT\n)',
        'CREATE TABLE "ident" (\n  "id" INTEGER NOT NULL CONSTRAINT "ident_key" PRIMARY KEY AUTOINCREMENT\n)',
        'CREATE TABLE "aux"."pair" (\n  "a" INTEGER NOT NULL,\n  "b" TEXT NOT NULL,\n' +
        '  CONSTRAINT "pk_pair" PRIMARY KEY ("a", "b")\n)',
      ],
    );
  });

  it("refuses autoincrement it cannot honour", async () => {
    await testUnsupported(
      lite,
      (op) =>
        op.createTable("s", [
          t.column("id", t.numeric(), { primaryKey: true, autoincrement: true }),
        ]),
      /column s\.id: SQLite autoincrements only integer primary keys; use t\.integer\(\) or t\.bigint\(\)/,
    );
    await testUnsupported(
      lite,
      (op) =>
        op.createTable("s", [
          t.column("a", t.integer(), { autoincrement: true }),
          t.column("b", t.integer()),
        ], {
          primaryKey: ["a", "b"],
        }),
      /column s\.a: SQLite autoincrements only the single-column primary key/,
    );
    await testUnsupported(
      lite,
      (op) =>
        op.createTable("s", [
          t.column("id", t.integer(), { primaryKey: true, identity: { start: 5 } }),
        ]),
      /column s\.id: .*identity\.start/,
    );
  });

  it("foreign keys stay inside one database file", async () => {
    await testUnsupported(
      lite,
      (op) =>
        op.createTable("a", [t.column("b", t.integer())], {
          foreignKeys: [{
            columns: ["b"],
            references: "c",
            referencesSchema: "other",
            referencesColumns: ["id"],
          }],
        }),
      /foreign key fk_a_b_c on a: .*another attached database/,
    );
  });

  it("a foreign key with no referenced columns (as SQLite reads `REFERENCES t`) means t's key", () => {
    const [create] = lite.createTable({
      table: "pet",
      columns: [t.column("owner", t.integer())],
      foreignKeys: [{ columns: ["owner"], referencesTable: "person", referencesColumns: [] }],
      uniques: [],
      checks: [],
      indexes: [],
    });
    assert.equal(
      create,
      'CREATE TABLE "pet" (\n  "owner" INTEGER,\n  FOREIGN KEY ("owner") REFERENCES "person"\n)',
    );
  });

  it("dropTable and renameTable, in an attached database", async () => {
    await testSql(lite, async (op) => {
      await op.dropTable("users");
      await op.dropTable("users", { schema: "aux" });
      await op.renameTable("users", "people", { schema: "aux" });
    }, [
      'DROP TABLE "users"',
      'DROP TABLE "aux"."users"',
      'ALTER TABLE "aux"."users" RENAME TO "people"',
    ]);
  });
});

describe("SQLite dialect: columns", () => {
  it("addColumn (comments left out) and dropColumn", async () => {
    await testSql(lite, async (op) => {
      await op.addColumn(
        "users",
        t.column("age", t.smallint(), { nullable: false, serverDefault: 0 }),
      );
      await op.addColumn("users", t.column("kind", t.enum(["a", "bb"]), { comment: "k" }), {
        schema: "aux",
      });
      await op.dropColumn("users", 'we"ird');
    }, [
      'ALTER TABLE "users" ADD COLUMN "age" SMALLINT NOT NULL DEFAULT 0',
      `ALTER TABLE "aux"."users" ADD COLUMN "kind" VARCHAR(2) CHECK ("kind" IN ('a', 'bb'))`,
      'ALTER TABLE "users" DROP COLUMN "we""ird"',
    ]);
  });

  it("addColumn refuses keys, unique columns and NOT NULL without a default", async () => {
    await testUnsupported(
      lite,
      (op) => op.addColumn("users", t.column("code", t.text(), { unique: true })),
      /addColumn users\.code: SQLite's ALTER TABLE cannot add a UNIQUE column; .*op\.batchAlterTable/,
    );
    await testUnsupported(
      lite,
      (op) => op.addColumn("users", t.column("id", t.integer(), { primaryKey: true })),
      /addColumn users\.id: .*PRIMARY KEY/,
    );
    await testUnsupported(
      lite,
      (op) => op.addColumn("users", t.column("n", t.integer(), { nullable: false })),
      /addColumn users\.n: SQLite cannot add a NOT NULL column without a default; give it a serverDefault/,
    );
  });

  it("alterColumn renames natively, ignores comments, and refuses the rest", async () => {
    await testSql(lite, async (op) => {
      await op.alterColumn("users", "age", { newName: "years", comment: "x", schema: "aux" });
      await op.alterColumn("users", "age", { comment: "only a comment" });
    }, ['ALTER TABLE "aux"."users" RENAME COLUMN "age" TO "years"']);
    await testUnsupported(
      lite,
      (op) => op.alterColumn("users", "age", { type: t.bigint(), nullable: false }),
      /alterColumn users\.age: SQLite's ALTER TABLE cannot change a column's type, nullability; use op\.batchAlterTable/,
    );
    await testUnsupported(
      lite,
      (op) => op.alterColumn("users", "age", { serverDefault: null }),
      /default; .*batch/,
    );
  });
});

describe("SQLite dialect: indexes and constraints", () => {
  it("createIndex and dropIndex: the attached database qualifies the index name", async () => {
    await testSql(lite, async (op) => {
      await op.createIndex("users", ["email", "age"], { unique: true, where: "age > 0" });
      await op.createIndex("users", "age", { name: "by_age", schema: "aux", concurrently: true });
      await op.dropIndex("by_age");
      await op.dropIndex("by_age", { schema: "aux", concurrently: true });
    }, [
      'CREATE UNIQUE INDEX "uq_users_email_age" ON "users" ("email", "age") WHERE age > 0',
      'CREATE INDEX "aux"."by_age" ON "users" ("age")',
      'DROP INDEX "by_age"',
      'DROP INDEX "aux"."by_age"',
    ]);
  });

  it("refuses adding and dropping constraints, pointing to batchAlterTable", async () => {
    await testUnsupported(lite, (op) => op.createUniqueConstraint("users", ["email"]), rebuild);
    await testUnsupported(
      lite,
      (op) => op.createForeignKey("posts", ["u"], "users", ["id"]),
      rebuild,
    );
    await testUnsupported(
      lite,
      (op) => op.createCheckConstraint("users", "age > 0", { name: "age_ok" }),
      /add constraint age_ok on users: SQLite's ALTER TABLE cannot add constraints; use op\.batchAlterTable/,
    );
    await testUnsupported(lite, (op) => op.createPrimaryKey("users", ["id"]), rebuild);
    await testUnsupported(
      lite,
      (op) => op.dropConstraint("users", "age_ok", { type: "check" }),
      /dropConstraint age_ok on users: .*batchAlterTable/,
    );
  });
});

describe("SQLite dialect: comments, data, enum types, raw SQL", () => {
  it("table comments and enum types render nothing", async () => {
    await testSql(lite, async (op) => {
      await op.createTableComment("users", "people");
      await op.dropTableComment("users");
      await op.createEnumType("mood", ["a"]);
      await op.dropEnumType("mood");
    }, []);
  });

  it("bulkInsert writes literal rows", async () => {
    await testSql(lite, async (op) => {
      await op.bulkInsert("users", [
        { id: 1, name: "a'b", active: true, raw: new Uint8Array([255]) },
        { id: 2, name: "nul\0", active: false, raw: null },
        {},
      ], { schema: "aux" });
    }, [
      `INSERT INTO "aux"."users" ("id", "name", "active", "raw") VALUES (1, 'a''b', 1, X'ff'), ` +
      `(2, ('nul' || char(0) || ''), 0, NULL)`,
      'INSERT INTO "aux"."users" DEFAULT VALUES',
    ]);
  });

  it("execute passes SQL and params through", async () => {
    assert.deepEqual(
      await renderStatements(lite, (op) => op.execute("UPDATE users SET age = ?", [3])),
      [{ sql: "UPDATE users SET age = ?", params: [3] }],
    );
  });
});

describe("SQLite dialect: quoting, literals, runtime statements", () => {
  it("quotes every identifier", () => {
    assert.equal(lite.quoteIdentifier("order"), '"order"');
    assert.equal(lite.quoteIdentifier("MixedCase"), '"MixedCase"');
    assert.equal(lite.quoteIdentifier("with space"), '"with space"');
    assert.equal(lite.quoteIdentifier('a"b'), '"a""b"');
    assert.equal(lite.quoteIdentifier("ünïcödé_表"), '"ünïcödé_表"');
    assert.equal(lite.qualify("t", "aux"), '"aux"."t"');
  });

  it("writes literals", () => {
    assert.equal(lite.literal("it's"), "'it''s'");
    assert.equal(lite.literal("back\\slash"), "'back\\slash'");
    assert.equal(lite.literal("line\nbreak"), "'line\nbreak'");
    assert.equal(lite.literal("a\0b\0"), "('a' || char(0) || 'b' || char(0) || '')");
    assert.equal(lite.literal(3), "3");
    assert.equal(lite.literal(Number.NaN), "NULL");
    assert.equal(lite.literal(Number.POSITIVE_INFINITY), "9e999");
    assert.equal(lite.literal(true), "1");
    assert.equal(lite.literal(false), "0");
    assert.equal(lite.literal(null), "NULL");
    assert.equal(lite.literal(new Date("2026-01-02T03:04:05.678Z")), "'2026-01-02 03:04:05.678'");
    assert.equal(lite.literal(new Uint8Array([0, 16]).buffer), "X'0010'");
    assert.throws(() => lite.literal(new Date("nope")), /invalid/);
  });

  it("inlines ? and ?NNN parameters", () => {
    assert.equal(
      lite.inlineParams({ sql: `SELECT ?, '?', "?", ?1, ?, [x] -- ?`, params: ["o'k", 2] }),
      `SELECT 'o''k', '?', "?", 'o''k', 2, [x] -- ?`,
    );
  });

  it("version table and table lookup", () => {
    assert.equal(
      lite.createVersionTable("retort_version").sql,
      'CREATE TABLE IF NOT EXISTS "retort_version" ("version_num" VARCHAR(64) NOT NULL, ' +
        'CONSTRAINT "retort_version_pkc" PRIMARY KEY ("version_num"))',
    );
    assert.deepEqual(lite.tableExists("v"), {
      sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
      params: ["v"],
    });
    assert.equal(
      lite.tableExists("v", "aux").sql,
      `SELECT 1 FROM "aux".sqlite_master WHERE type = 'table' AND name = ?`,
    );
  });

  it("capabilities and dialectFor", () => {
    const d = dialectFor("sqlite");
    assert.equal(d.name, "sqlite");
    assert.equal(d.capabilities.transactionalDdl, true);
    assert.equal(d.capabilities.nativeAlterColumn, false);
    assert.equal(d.capabilities.comments, false);
    assert.throws(() => dialectFor("oracle" as never), /no dialect for oracle/);
  });
});
