// The SQL of a rebuild, pinned as text: no database. The offline (`--sql`) path and the
// PostgreSQL/MySQL "auto" path are checked through a session that records statements.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyBatchOps } from "../../src/batch/apply_batch_ops.ts";
import { tableFromCopy } from "../../src/batch/copy_from.ts";
import { executeBatch } from "../../src/batch/execute_batch.ts";
import { planRebuild } from "../../src/batch/plan_rebuild.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import type { Session } from "../../src/driver/connection.ts";
import { RetortError } from "../../src/errors.ts";
import type { BatchAlterTableOp } from "../../src/ops/op.ts";
import { t } from "../../src/schema/types.ts";
import { batchOp } from "./_sqlite.ts";

const sqlite = dialectFor("sqlite");

const users = {
  sql: `CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    age TEXT CHECK (age <> ''),
    parent INTEGER REFERENCES users (id),
    CONSTRAINT uq_email UNIQUE (email)
  )`,
  indexes: [`CREATE INDEX ix_age ON users (age) WHERE age IS NOT NULL`],
  triggers: [`CREATE TRIGGER tr_users AFTER INSERT ON users BEGIN SELECT 1; END`],
  views: [`CREATE VIEW adults AS SELECT id, email FROM users WHERE age > 17`],
};

/** A session like `--sql` mode's: reading throws, executing records the statement. */
function offlineSession(): Session & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: () => {
      throw new RetortError("OFFLINE_READ", "--sql mode cannot read the database");
    },
    execute: (sql) => Promise.resolve(void statements.push(sql)).then(() => 0),
  };
}

describe("planRebuild", () => {
  it("writes SQLite's generalized ALTER TABLE procedure", async () => {
    const op = await batchOp("users", (b) => {
      b.alterColumn("age", { type: t.integer() });
      b.dropConstraint("uq_email");
      b.addColumn(t.column("nick", t.varchar(20)), { insertAfter: "email" });
    });
    const table = await tableFromCopy(sqlite, "users", users);
    const plan = planRebuild(table, applyBatchOps(sqlite, table.table, op.ops), {
      dialect: sqlite,
    });
    assert.deepEqual(Object.fromEntries(plan.steps.map((s) => [s.name, s.statements])), {
      createTable: [
        `CREATE TABLE "_retort_new_users" (\n` +
        `  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n` +
        `  "email" TEXT NOT NULL,\n` +
        `  "nick" VARCHAR(20),\n` +
        `  "age" INTEGER,\n` +
        `  "parent" INTEGER,\n` +
        `  CHECK (age <> ''),\n` +
        `  FOREIGN KEY ("parent") REFERENCES "_retort_new_users" ("id")\n` +
        `)`,
      ],
      copyRows: [
        `INSERT INTO "_retort_new_users" ("id", "email", "age", "parent") ` +
        `SELECT "id", "email", "age", "parent" FROM "users"`,
      ],
      keepSequence: [
        `INSERT INTO sqlite_sequence (name, seq) SELECT '_retort_new_users', seq FROM sqlite_sequence ` +
        `WHERE name = 'users' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '_retort_new_users')`,
        `UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence ` +
        `WHERE name = 'users'), 0)) WHERE name = '_retort_new_users'`,
      ],
      dropDependents: [`DROP TRIGGER IF EXISTS "tr_users"`, `DROP VIEW "adults"`],
      dropTable: [`DROP TABLE "users"`],
      renameTable: [`ALTER TABLE "_retort_new_users" RENAME TO "users"`],
      createIndexes: [`CREATE INDEX ix_age ON users (age) WHERE age IS NOT NULL`],
      createViews: [users.views[0]],
      createTriggers: [users.triggers[0]],
    });
  });

  it("keeps rowids when the table has no INTEGER PRIMARY KEY, and qualifies an attached database", async () => {
    const table = await tableFromCopy(sqlite, "kv", {
      sql: "CREATE TABLE kv (k TEXT, v TEXT)",
      indexes: ["CREATE INDEX ix_k ON kv (k)"],
    });
    const plan = planRebuild(table, applyBatchOps(sqlite, table.table, []), {
      dialect: sqlite,
      schema: "aux",
    });
    const step = (name: string) => plan.steps.find((s) => s.name === name)?.statements;
    assert.deepEqual(step("copyRows"), [
      `INSERT INTO "aux"."_retort_new_kv" (rowid, "k", "v") SELECT rowid, "k", "v" FROM "aux"."kv"`,
    ]);
    assert.deepEqual(step("createIndexes"), [`CREATE INDEX "aux".ix_k ON kv (k)`]);
  });

  it("drops the indexes and constraints that use a dropped column", async () => {
    const table = await tableFromCopy(sqlite, "users", users);
    const op = await batchOp("users", (b) => b.dropColumn("age"));
    const { table: rebuilt } = applyBatchOps(sqlite, table.table, op.ops);
    assert.deepEqual(rebuilt.indexes, []);
    assert.deepEqual(rebuilt.columns.map((c) => c.name), ["id", "email", "parent"]);
  });
});

describe("--sql mode", () => {
  it("writes the rebuild from copyFrom", async () => {
    const op = await batchOp(
      "users",
      (b) => b.alterColumn("email", { newName: "mail", nullable: true }),
      {
        copyFrom: users,
      },
    );
    const session = offlineSession();
    await executeBatch(sqlite, session, op);
    assert.equal(session.statements[0], "PRAGMA defer_foreign_keys = ON");
    assert.equal(session.statements[1], `ALTER TABLE "users" RENAME COLUMN "email" TO "mail"`);
    assert.match(session.statements[2], /"mail" TEXT,\n/);
    assert.ok(session.statements.includes(`DROP TABLE "users"`));
    assert.ok(
      session.statements.includes(
        `CREATE VIEW adults AS SELECT id, "mail" FROM users WHERE age > 17`,
      ),
    );
  });

  it("takes copyFrom as a createTable definition", async () => {
    const op = await batchOp("tags", (b) => b.alterColumn("label", { nullable: false }), {
      copyFrom: {
        columns: [t.column("id", t.integer(), { primaryKey: true }), t.column("label", t.text())],
      },
    });
    const session = offlineSession();
    await executeBatch(sqlite, session, op);
    assert.match(session.statements.join("\n"), /"label" TEXT NOT NULL/);
  });

  it("says copyFrom is needed when a rebuild has no definition", async () => {
    const op = await batchOp("users", (b) => b.alterColumn("email", { nullable: true }));
    await assert.rejects(executeBatch(sqlite, offlineSession(), op), {
      code: "BATCH_NEEDS_COPY_FROM",
      message: /batchAlterTable users: --sql mode cannot read .* pass copyFrom/,
    });
  });

  it("writes plain ALTERs without copyFrom when they do it all", async () => {
    const op = await batchOp("users", (b) => {
      b.addColumn(t.column("bio", t.text()));
      b.alterColumn("email", { newName: "mail" });
      b.createIndex("mail");
    });
    const session = offlineSession();
    await executeBatch(sqlite, session, op);
    assert.deepEqual(session.statements, [
      `ALTER TABLE "users" ADD COLUMN "bio" TEXT`,
      `ALTER TABLE "users" RENAME COLUMN "email" TO "mail"`,
      `CREATE INDEX "ix_users_mail" ON "users" ("mail")`,
    ]);
  });

  it("refuses a rebuild of a copyFrom the table model cannot hold, writing nothing", async () => {
    const op = await batchOp("t", (b) => b.alterColumn("n", { nullable: false }), {
      copyFrom: "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT IGNORE, n INTEGER)",
    });
    const session = offlineSession();
    await assert.rejects(executeBatch(sqlite, session, op), {
      code: "BATCH_UNSUPPORTED_TABLE",
      message: /batchAlterTable t: a rebuild cannot keep `PRIMARY KEY ON CONFLICT IGNORE`/,
    });
    assert.deepEqual(session.statements, []);
  });

  it("refuses a rebuild with recreate: never", async () => {
    const op = await batchOp("users", (b) => b.createCheckConstraint("age > 0"), {
      recreate: "never",
      copyFrom: users,
    });
    await assert.rejects(executeBatch(sqlite, offlineSession(), op), {
      code: "BATCH_NEEDS_REBUILD",
      message: /recreate is "never" but .*createCheckConstraint ck_users_/,
    });
  });
});

describe("PostgreSQL and MySQL", () => {
  async function statements(kind: "postgres" | "mysql", op: BatchAlterTableOp): Promise<string[]> {
    const session = offlineSession();
    await executeBatch(dialectFor(kind), session, op);
    return session.statements;
  }

  it("run the same batch as plain ALTERs", async () => {
    const op = await batchOp("users", (b) => {
      b.addColumn(t.column("nick", t.varchar(20)), { insertBefore: "email" });
      b.alterColumn("age", {
        type: t.integer(),
        nullable: false,
        existingType: t.text(),
        existingNullable: true,
      });
      b.createUniqueConstraint(["nick"]);
      b.dropConstraint("ck_old", { type: "check" });
    });
    assert.deepEqual(await statements("postgres", op), [
      `ALTER TABLE "users" ADD COLUMN "nick" VARCHAR(20)`,
      `ALTER TABLE "users" ALTER COLUMN "age" TYPE INTEGER`,
      `ALTER TABLE "users" ALTER COLUMN "age" SET NOT NULL`,
      `ALTER TABLE "users" ADD CONSTRAINT "uq_users_nick" UNIQUE ("nick")`,
      `ALTER TABLE "users" DROP CONSTRAINT "ck_old"`,
    ]);
    const mysql = await statements("mysql", op);
    assert.equal(mysql.length, 4);
    assert.match(mysql[1], /^ALTER TABLE `users` MODIFY COLUMN `age` INTEGER NOT NULL/);
  });

  it("refuse recreate: always in --sql mode, which cannot read the table", async () => {
    const op = await batchOp("users", (b) => b.dropColumn("age"), { recreate: "always" });
    for (const kind of ["postgres", "mysql"] as const) {
      await assert.rejects(statements(kind, op), {
        code: "BATCH_NEEDS_DATABASE",
        message: new RegExp(`batchAlterTable users: recreate "always" on ${kind} reads the table`),
      });
    }
  });
});

describe("reverse of a batch", () => {
  it("reverses each operation in reverse order, or gives undefined", async () => {
    const { reverse } = await import("../../src/runtime/builtin_registry.ts");
    const op = await batchOp("users", (b) => {
      b.addColumn(t.column("nick", t.text()));
      b.alterColumn("name", { newName: "title" });
    });
    assert.deepEqual(reverse(op), {
      kind: "batchAlterTable",
      table: "users",
      recreate: "auto",
      ops: [
        { kind: "alterColumn", table: "users", column: "title", newName: "name" },
        { kind: "dropColumn", table: "users", column: "nick" },
      ],
    });
    assert.equal(reverse(await batchOp("users", (b) => b.dropColumn("age"))), undefined);
  });
});
