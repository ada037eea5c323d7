// recreate: "always" run by retort itself (`upgrade`, then `downgrade`), on every database:
// the rows survive, and so does a foreign key from another table.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { DatabaseKind } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import { runCli, tempProject } from "../_project.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`batchAlterTable recreate: "always" through the CLI on ${kind}`, { skip }, () => {
    after(() => db?.drop());

    it("upgrades and downgrades, keeping rows and the foreign key that points at the table", async () => {
      const project = tempProject({ url: db!.url });
      try {
        project.write("r1", null, {
          up:
            `  await op.createTable("teams", [t.column("id", t.integer(), { primaryKey: true }), t.column("name", t.varchar(40))]);
  await op.createTable("players", [t.column("id", t.integer(), { primaryKey: true }), t.column("team_id", t.integer())], {
    foreignKeys: [{ columns: ["team_id"], references: "teams", referencesColumns: ["id"] }],
  });
  await op.bulkInsert("teams", [{ id: 1, name: "red" }, { id: 2, name: "blue" }]);
  await op.bulkInsert("players", [{ id: 10, team_id: 1 }, { id: 11, team_id: 2 }]);`,
        });
        project.write("r2", "r1", {
          up: `  await op.batchAlterTable("teams", (batch) => {
    batch.alterColumn("name", { newName: "title", type: t.varchar(80), existingType: t.varchar(40), existingNullable: true });
  }, { recreate: "always" });`,
          down: `  await op.batchAlterTable("teams", (batch) => {
    batch.alterColumn("title", { newName: "name", type: t.varchar(40), existingType: t.varchar(80), existingNullable: true });
  }, { recreate: "always" });`,
        });
        const up = runCli(["upgrade", "head"], { cwd: project.dir });
        assert.equal(up.code, 0, up.stderr);
        const read = async (sql: string) => {
          const connection = await db!.connect();
          try {
            return await connection.query(sql);
          } finally {
            await connection.close();
          }
        };
        assert.deepEqual(await read("SELECT id, title FROM teams ORDER BY id"), [{
          id: 1,
          title: "red",
        }, { id: 2, title: "blue" }]);
        await assert.rejects(
          read("INSERT INTO players (id, team_id) VALUES (12, 99)"),
          /foreign key|FOREIGN KEY/i,
          "the foreign key from players still holds",
        );
        const down = runCli(["downgrade", "r1"], { cwd: project.dir });
        assert.equal(down.code, 0, down.stderr);
        assert.deepEqual(await read("SELECT id, name FROM teams ORDER BY id"), [{
          id: 1,
          name: "red",
        }, { id: 2, name: "blue" }]);
        assert.deepEqual(await read("SELECT id, team_id FROM players ORDER BY id"), [{
          id: 10,
          team_id: 1,
        }, { id: 11, team_id: 2 }]);
      } finally {
        project.cleanup();
      }
    });
  });
}
