// A lone integer primary key numbers new rows on every database unless told not to, as
// SQLAlchemy's do: a migration tested on SQLite inserts the same way on PostgreSQL and MySQL.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../src/driver/connection.ts";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import { t } from "../../src/schema/types.ts";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`a lone integer primary key on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    let conn: Connection;
    before(async () => {
      database = db!;
      conn = await database.connect();
    });
    after(async () => {
      await conn?.close();
      await database?.drop();
    });

    async function apply(build: (op: Operations) => Promise<unknown>): Promise<void> {
      const ops: Op[] = [];
      await build(recordingOps(ops));
      for (const s of ops.flatMap((o) => sqlOf(o, dialectFor(kind)))) {
        await conn.execute(s.sql, s.params);
      }
    }

    for (const type of ["integer", "bigint", "smallint"] as const) {
      it(`numbers new rows (${type})`, async () => {
        const table = `auto_${type}`;
        await apply((op) =>
          op.createTable(table, [
            t.column("id", t[type](), { primaryKey: true }),
            t.column("name", t.varchar(20)),
          ])
        );
        await conn.execute(`INSERT INTO ${table} (name) VALUES ('a')`);
        await conn.execute(`INSERT INTO ${table} (name) VALUES ('b')`);
        const rows = await conn.query(`SELECT id, name FROM ${table} ORDER BY id`);
        assert.deepEqual(rows.map((r) => [Number(r.id), r.name]), [[1, "a"], [2, "b"]]);
        await conn.execute(`INSERT INTO ${table} (id, name) VALUES (10, 'c')`);
      });
    }

    it("autoincrement: false leaves the key to the inserts", async () => {
      await apply((op) =>
        op.createTable("manual", [
          t.column("id", t.integer(), { primaryKey: true, autoincrement: false }),
          t.column("name", t.varchar(20)),
        ])
      );
      await conn.execute("INSERT INTO manual (id, name) VALUES (7, 'x')");
      if (kind === "sqlite") {
        // SQLite's INTEGER PRIMARY KEY is the rowid whatever retort says: it still numbers rows.
        await conn.execute("INSERT INTO manual (name) VALUES ('y')");
      } else {
        await assert.rejects(conn.execute("INSERT INTO manual (name) VALUES ('y')"));
      }
    });

    it("a composite key numbers nothing", async () => {
      await apply((op) =>
        op.createTable("pairs", [
          t.column("a", t.integer(), { primaryKey: true }),
          t.column("b", t.integer(), { primaryKey: true }),
        ])
      );
      await assert.rejects(conn.execute("INSERT INTO pairs (b) VALUES (1)"));
    });
  });
}
