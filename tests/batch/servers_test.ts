// The same batch on PostgreSQL and MariaDB/MySQL (plain ALTERs with recreate: "auto") and on
// SQLite (a rebuild) gives the same schema: columns, nullability, and named constraints.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { executeBatch } from "../../src/batch/execute_batch.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import type { Operations } from "../../src/ops/operations.ts";
import { t } from "../../src/schema/types.ts";
import type { DatabaseKind } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";

/** The migration: the same calls on every database. */
async function migration(op: Operations): Promise<void> {
  await op.createTable("people", [
    t.column("id", t.integer(), { primaryKey: true, autoincrement: false }),
    t.column("name", t.varchar(50)),
    t.column("nick", t.varchar(20)),
    t.column("legacy", t.integer()),
  ]);
  await op.bulkInsert("people", [{ id: 1, name: "ann", nick: "a", legacy: 1 }, {
    id: 2,
    name: "bob",
    nick: "b",
    legacy: 2,
  }]);
  await op.batchAlterTable("people", (batch) => {
    batch.alterColumn("name", {
      nullable: false,
      existingType: t.varchar(50),
      existingNullable: true,
    });
    batch.alterColumn("nick", {
      type: t.varchar(40),
      newName: "handle",
      existingType: t.varchar(20),
      existingNullable: true,
    });
    batch.dropColumn("legacy");
    batch.addColumn(t.column("email", t.varchar(255)));
    batch.createUniqueConstraint(["handle"]);
    batch.createCheckConstraint("id > 0", { name: "ck_people_id" });
    batch.createIndex("email");
  });
}

async function apply(kind: DatabaseKind, conn: Connection): Promise<void> {
  const dialect = dialectFor(kind);
  const ops: Op[] = [];
  await migration(recordingOps(ops));
  for (const op of ops) {
    if (op.kind === "batchAlterTable") await executeBatch(dialect, conn, op, { progress: false });
    else for (const s of sqlOf(op, dialect)) await conn.execute(s.sql, s.params);
  }
}

/** Columns with nullability, and the named unique/check constraints and indexes. */
async function shape(kind: DatabaseKind, conn: Connection) {
  if (kind === "sqlite") {
    const columns = await conn.query(
      "SELECT name, \"notnull\" AS nn FROM pragma_table_info('people') ORDER BY cid",
    );
    const text = String(
      (await conn.query("SELECT sql FROM sqlite_master WHERE name = 'people'"))[0].sql,
    );
    const named = [...text.matchAll(/CONSTRAINT "(\w+)"/g)].map((m) => m[1]);
    const indexes = await conn.query(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    );
    return {
      columns: columns.map((c) => [c.name, Number(c.nn) === 0]),
      constraints: named.filter((n) => !n.startsWith("pk_")).sort(),
      indexes: indexes.map((i) => i.name),
    };
  }
  const schemaFilter = kind === "postgres"
    ? "table_schema = current_schema()"
    : "table_schema = database()";
  const columns = await conn.query(
    `SELECT column_name AS name, is_nullable AS n FROM information_schema.columns WHERE ${schemaFilter} ` +
      "AND table_name = 'people' ORDER BY ordinal_position",
  );
  const constraints = await conn.query(
    `SELECT constraint_name AS name FROM information_schema.table_constraints WHERE ${schemaFilter} ` +
      "AND table_name = 'people' AND constraint_type IN ('UNIQUE', 'CHECK') ORDER BY constraint_name",
  );
  const indexes = kind === "postgres"
    ? await conn.query(
      "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'people' AND indexname LIKE 'ix_%'",
    )
    : await conn.query(
      "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = database() AND table_name = 'people' AND index_name LIKE 'ix_%'",
    );
  const lower = (row: Record<string, unknown>, key: string) =>
    String(row[key] ?? row[key.toUpperCase()]);
  return {
    columns: columns.map((c) => [lower(c, "name"), lower(c, "n") === "YES"]),
    constraints: constraints.map((c) => lower(c, "name")).filter((n) => !n.endsWith("_not_null")),
    indexes: indexes.map((i) => lower(i, "name")),
  };
}

const expected = {
  columns: [["id", false], ["name", false], ["handle", true], ["email", true]],
  constraints: ["ck_people_id", "uq_people_handle"],
  indexes: ["ix_people_email"],
};

for (const kind of ["sqlite", "postgres", "mysql"] as const) {
  const { db, skip } = await throwawayDatabase(kind);
  describe(`the same batch on ${kind}`, { skip }, () => {
    let conn: Connection;
    after(async () => {
      await conn?.close();
      await db?.drop();
    });
    it("gives the same schema and keeps the rows", async () => {
      conn = await db!.connect();
      await apply(kind, conn);
      assert.deepEqual(await shape(kind, conn), expected);
      const rows = await conn.query("SELECT id, name, handle FROM people ORDER BY id");
      assert.deepEqual(rows.map((r) => [Number(r.id), r.name, r.handle]), [[1, "ann", "a"], [
        2,
        "bob",
        "b",
      ]]);
    });
  });
}
