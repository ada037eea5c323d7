import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import type { Op } from "../../src/ops/op.ts";
import { createOperations } from "../../src/ops/operations.ts";
import { sql } from "../../src/ops/sql_fragment.ts";
import { t } from "../../src/ops/types.ts";

const dialect = new SqliteDialect();

/** The SQL the `op` calls in `build` render to. */
async function render(
  build: (op: ReturnType<typeof createOperations>) => Promise<void>,
): Promise<string[]> {
  const ops: Op[] = [];
  await build(createOperations((o) => Promise.resolve(void ops.push(o))));
  return ops.flatMap((o) => dialect.render(o).map((s) => s.sql));
}

describe("SQLite DDL", () => {
  it("createTable with primary key, types, not null, defaults and unique", async () => {
    assert.deepEqual(
      await render((op) =>
        op.createTable("user account", [
          t.column("id", t.integer(), { primaryKey: true }),
          t.column("email", t.varchar(255), { nullable: false, unique: true }),
          t.column("active", t.boolean(), { serverDefault: true }),
          t.column("name", t.text(), { serverDefault: "it's" }),
          t.column("price", t.numeric(10, 2)),
          t.column("created", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
          t.column("blob", t.bytes()),
          t.column("uid", t.uuid()),
        ])
      ),
      [
        'CREATE TABLE "user account" (\n' +
        '  "id" INTEGER NOT NULL,\n' +
        '  "email" VARCHAR(255) NOT NULL,\n' +
        '  "active" BOOLEAN DEFAULT 1,\n' +
        `  "name" TEXT DEFAULT 'it''s',\n` +
        '  "price" NUMERIC(10, 2),\n' +
        '  "created" DATETIME DEFAULT (CURRENT_TIMESTAMP),\n' +
        '  "blob" BLOB,\n' +
        '  "uid" CHAR(32),\n' +
        '  PRIMARY KEY ("id"),\n' +
        '  UNIQUE ("email")\n' +
        ")",
      ],
    );
  });

  it("composite keys and AUTOINCREMENT", async () => {
    assert.deepEqual(
      await render(async (op) => {
        await op.createTable("pair", [t.column("a", t.integer()), t.column("b", t.text())], {
          primaryKey: ["a", "b"],
        });
        await op.createTable("seq", [
          t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
        ]);
      }),
      [
        'CREATE TABLE "pair" (\n  "a" INTEGER NOT NULL,\n  "b" TEXT NOT NULL,\n  PRIMARY KEY ("a", "b")\n)',
        'CREATE TABLE "seq" (\n  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n)',
      ],
    );
  });

  it("columns, indexes, drops and raw SQL", async () => {
    assert.deepEqual(
      await render(async (op) => {
        await op.addColumn(
          "users",
          t.column("age", t.smallint(), { nullable: false, serverDefault: 0 }),
        );
        await op.dropColumn("users", 'we"ird');
        await op.createIndex("users", ["email", "age"], { unique: true });
        await op.createIndex("users", "age", { name: "by_age" });
        await op.dropIndex("by_age");
        await op.dropTable("users");
        await op.execute("UPDATE users SET age = ?", [3]);
      }),
      [
        'ALTER TABLE "users" ADD COLUMN "age" SMALLINT NOT NULL DEFAULT 0',
        'ALTER TABLE "users" DROP COLUMN "we""ird"',
        'CREATE UNIQUE INDEX "uq_users_email_age" ON "users" ("email", "age")',
        'CREATE INDEX "by_age" ON "users" ("age")',
        'DROP INDEX "by_age"',
        'DROP TABLE "users"',
        "UPDATE users SET age = ?",
      ],
    );
  });

  it("refuses what SQLite's ALTER TABLE cannot do, pointing to the way around", async () => {
    await assert.rejects(
      render((op) => op.addColumn("users", t.column("code", t.text(), { unique: true }))),
      (e: Error & { code?: string }) =>
        e.code === "UNSUPPORTED_OPERATION" && /batchAlterTable/.test(e.message),
    );
  });
});
