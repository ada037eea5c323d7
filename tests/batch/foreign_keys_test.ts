// Foreign keys pointing to the rebuilt table, from it, and from it to itself, with
// enforcement off and on (libSQL's default, which cannot change inside the run's transaction).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../src/driver/connection.ts";
import { t } from "../../src/schema/types.ts";
import { createSql, exec, rows, runBatch, schema, sqliteFile } from "./_sqlite.ts";

const parentAndChildren = [
  "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)",
  "CREATE TABLE cascade_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
  "CREATE TABLE null_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE SET NULL)",
  "CREATE TABLE plain_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id))",
  "INSERT INTO parent VALUES (1, 'a'), (2, 'b')",
  "INSERT INTO cascade_child VALUES (1, 1), (2, 2)",
  "INSERT INTO null_child VALUES (1, 1)",
  "INSERT INTO plain_child VALUES (1, 2)",
];

const selfReferencing = [
  "CREATE TABLE node (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES node (id) ON DELETE CASCADE, label TEXT)",
  // children before their parents in rowid order, so an immediate check would fail the copy
  "INSERT INTO node VALUES (1, 3, 'leaf'), (2, 3, 'leaf2'), (3, NULL, 'root')",
];

for (const enforcement of ["off", "on"] as const) {
  describe(`foreign keys with enforcement ${enforcement}`, () => {
    let file: Awaited<ReturnType<typeof sqliteFile>>;
    let conn: Connection;
    beforeEach(async () => {
      file = await sqliteFile();
      conn = file.conn;
      await conn.execute(`PRAGMA foreign_keys = ${enforcement.toUpperCase()}`);
      const [row] = await conn.transaction((tx) => tx.query("PRAGMA foreign_keys"));
      assert.equal(
        row.foreign_keys,
        enforcement === "on" ? 1 : 0,
        "the run's transaction sees the setting",
      );
    });
    afterEach(() => file.close());

    const children = async () => ({
      cascade: await rows(conn, "cascade_child"),
      setNull: await rows(conn, "null_child"),
      plain: await rows(conn, "plain_child"),
    });

    if (enforcement === "off") {
      it("rebuilds a table other tables reference, without firing their ON DELETE actions", async () => {
        await exec(conn, ...parentAndChildren);
        const before = await children();
        await runBatch(conn, "parent", (b) => b.alterColumn("name", { nullable: false }));
        assert.deepEqual(await children(), before);
        assert.deepEqual(await rows(conn, "parent"), [{ id: 1, name: "a" }, { id: 2, name: "b" }]);
        assert.match(
          await createSql(conn, "cascade_child"),
          /REFERENCES parent \(id\) ON DELETE CASCADE/,
        );
      });

      it("aborts the whole rebuild when foreign_key_check finds a violation", async () => {
        await exec(
          conn,
          "CREATE TABLE owner (id INTEGER PRIMARY KEY)",
          "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER)",
          "INSERT INTO owner VALUES (1)",
          "INSERT INTO pet VALUES (1, 1), (2, 99)",
        );
        const shape = await schema(conn);
        await assert.rejects(
          runBatch(conn, "pet", (b) => b.createForeignKey(["owner_id"], "owner", ["id"])),
          {
            code: "BATCH_FOREIGN_KEY_VIOLATION",
            message:
              /batchAlterTable pet: after the rebuild 1 row\(s\) break foreign keys \(first: pet rowid 2 has no row in owner\)/,
          },
        );
        assert.deepEqual(await schema(conn), shape);
      });
    } else {
      it("refuses, changing nothing, when rows of other tables reference the table", async () => {
        await exec(conn, ...parentAndChildren);
        const [before, shape] = [await children(), await schema(conn)];
        await assert.rejects(
          runBatch(conn, "parent", (b) => b.alterColumn("name", { nullable: false })),
          {
            code: "BATCH_FOREIGN_KEYS_ON",
            message:
              /batchAlterTable parent: rows of cascade_child reference it and PRAGMA foreign_keys is ON/,
          },
        );
        assert.deepEqual(await children(), before);
        assert.deepEqual(await schema(conn), shape);
      });

      it("rebuilds a referenced table whose referencing tables are empty", async () => {
        await exec(
          conn,
          "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)",
          "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
          "INSERT INTO parent VALUES (1, 'a')",
        );
        await runBatch(conn, "parent", (b) => b.alterColumn("name", { nullable: false }));
        await exec(conn, "INSERT INTO child VALUES (1, 1)");
        await assert.rejects(
          conn.execute("INSERT INTO child VALUES (2, 5)"),
          /FOREIGN KEY constraint failed/,
        );
      });
    }

    it("keeps the foreign keys of the rebuilt table, enforced afterwards", async () => {
      await exec(
        conn,
        "CREATE TABLE owner (id INTEGER PRIMARY KEY)",
        "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owner (id), name TEXT)",
        "INSERT INTO owner VALUES (1), (2)",
        "INSERT INTO pet VALUES (1, 2, 'rex'), (2, 1, 'tom')",
      );
      await runBatch(conn, "pet", (b) => b.alterColumn("name", { type: t.varchar(40) }));
      assert.deepEqual(await rows(conn, "pet"), [
        { id: 1, owner_id: 2, name: "rex" },
        { id: 2, owner_id: 1, name: "tom" },
      ]);
      assert.deepEqual(
        (await conn.query("PRAGMA foreign_key_list(pet)")).map((r) => [r.table, r.from, r.to]),
        [["owner", "owner_id", "id"]],
      );
      if (enforcement === "on") {
        await assert.rejects(conn.execute("INSERT INTO pet VALUES (3, 42, 'x')"), /FOREIGN KEY/);
      }
    });

    it("rebuilds a self-referencing table, its rows copied whatever their order", async () => {
      await exec(conn, ...selfReferencing);
      const before = await rows(conn, "node");
      await runBatch(conn, "node", (b) => b.alterColumn("label", { nullable: false }));
      assert.deepEqual(await rows(conn, "node"), before);
      assert.match(
        await createSql(conn, "node"),
        /FOREIGN KEY \("parent"\) REFERENCES "node" \("id"\) ON DELETE CASCADE/,
      );
      if (enforcement === "on") {
        await exec(conn, "DELETE FROM node WHERE id = 3");
        assert.deepEqual(await rows(conn, "node"), [], "the cascade follows the rebuilt table");
      }
    });
  });
}
