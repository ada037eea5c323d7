// The parts of the table model that a read-back table carries and `createTable` writes:
// collations, generated columns, MySQL's ON UPDATE, storage options, unnamed constraints,
// PostgreSQL index methods, and SQLite defaults written back as they were read.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";

const table: Table = {
  table: "items",
  columns: [
    t.column("id", t.integer(), { nullable: false, autoincrement: false }),
    t.column("name", t.varchar(40), { collation: "C" }),
    t.column("total", t.integer(), { computed: { sql: "id * 2" } }),
  ],
  primaryKey: { columns: ["id"] },
  foreignKeys: [{ columns: ["id"], referencesTable: "parents", referencesColumns: ["id"] }],
  uniques: [{ columns: ["name"] }],
  checks: [{ condition: "id > 0" }],
  indexes: [],
};

describe("the table model in createTable", () => {
  it("PostgreSQL: COLLATE, GENERATED ... STORED, unnamed constraints, UNLOGGED, USING", () => {
    const pg = new PostgresDialect();
    assert.deepEqual(
      pg.createTable({
        ...table,
        options: { unlogged: true },
        indexes: [{ name: "ix_items_name", columns: ["name"], using: "hash" }],
      }),
      [
        'CREATE UNLOGGED TABLE "items" (\n' +
        '  "id" INTEGER NOT NULL,\n' +
        '  "name" VARCHAR(40) COLLATE "C",\n' +
        '  "total" INTEGER GENERATED ALWAYS AS (id * 2) STORED,\n' +
        '  PRIMARY KEY ("id"),\n' +
        '  UNIQUE ("name"),\n' +
        "  CHECK (id > 0),\n" +
        '  FOREIGN KEY ("id") REFERENCES "parents" ("id")\n' +
        ")",
        'CREATE INDEX "ix_items_name" ON "items" USING hash ("name")',
      ],
    );
    assert.throws(
      () =>
        pg.createTable({
          ...table,
          columns: [t.column("v", t.integer(), { computed: { sql: "1", stored: false } })],
        }),
      /items\.v: PostgreSQL has no virtual generated columns/,
    );
  });

  it("SQLite: COLLATE, VIRTUAL columns, WITHOUT ROWID and STRICT, defaults as read", () => {
    const lite = new SqliteDialect();
    const [create] = lite.createTable({
      ...table,
      columns: [
        t.column("id", t.integer(), { nullable: false, autoincrement: false }),
        t.column("name", t.text(), { collation: "NOCASE", serverDefault: sql`'it''s'` }),
        t.column("n", t.integer(), { serverDefault: sql`-1` }),
        t.column("at", t.text(), { serverDefault: sql`(datetime('now'))` }),
        t.column("d", t.text(), { serverDefault: sql`datetime('now')` }),
        t.column("total", t.integer(), { computed: { sql: "id * 2", stored: false } }),
      ],
      options: { withoutRowid: true, strict: true },
    });
    assert.equal(
      create,
      'CREATE TABLE "items" (\n' +
        '  "id" INTEGER NOT NULL,\n' +
        `  "name" TEXT COLLATE "NOCASE" DEFAULT 'it''s',\n` +
        '  "n" INTEGER DEFAULT -1,\n' +
        `  "at" TEXT DEFAULT (datetime('now')),\n` +
        `  "d" TEXT DEFAULT (datetime('now')),\n` +
        '  "total" INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL,\n' +
        '  PRIMARY KEY ("id"),\n' +
        '  UNIQUE ("name"),\n' +
        "  CHECK (id > 0),\n" +
        '  FOREIGN KEY ("id") REFERENCES "parents" ("id")\n' +
        ") WITHOUT ROWID, STRICT",
    );
    assert.throws(
      () => lite.createTable({ ...table, indexes: [{ name: "ix", columns: ["id"], using: "gin" }] }),
      /createIndex ix on items: sqlite has no index methods/,
    );
  });

  it("MySQL: COLLATE, ON UPDATE, ENGINE, CHARSET and COLLATE of the table", () => {
    const my = new MysqlDialect();
    const [create] = my.createTable({
      table: "items",
      columns: [
        t.column("name", t.varchar(40), { collation: "utf8mb4_bin" }),
        t.column("changed", t.timestamp({ tz: true }), {
          serverDefault: sql`CURRENT_TIMESTAMP`,
          onUpdate: sql`CURRENT_TIMESTAMP`,
        }),
        t.column("twice", t.integer(), { computed: { sql: "length(`name`) * 2", stored: false } }),
      ],
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
      options: { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_unicode_ci" },
    });
    assert.equal(
      create,
      "CREATE TABLE `items` (\n" +
        "  `name` VARCHAR(40) COLLATE utf8mb4_bin,\n" +
        "  `changed` TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
        "  `twice` INTEGER GENERATED ALWAYS AS (length(`name`) * 2) VIRTUAL\n" +
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  });
});
