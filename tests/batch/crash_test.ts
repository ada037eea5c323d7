// A process killed in the middle of a rebuild (it exits without rolling back or closing)
// leaves the old table and its rows: SQLite's journal undoes the unfinished transaction.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { openSqliteFile as openSqlite } from "../../src/driver/sqlite_file_connection.ts";
import { exec, sqliteFile } from "./_sqlite.ts";

const child = fileURLToPath(new URL("./_crash_child.ts", import.meta.url));
const runtime = "Deno" in globalThis
  ? [process.execPath, "run", "-A", child]
  : [process.execPath, child];

describe("a crash during a rebuild", () => {
  for (const step of ["copyRows", "dropTable", "renameTable", "createTriggers"]) {
    it(`killed after ${step}: the old table and rows are there, no temporary table`, async () => {
      const file = await sqliteFile();
      try {
        await exec(
          file.conn,
          "CREATE TABLE acct (id INTEGER PRIMARY KEY, score TEXT)",
          "CREATE TRIGGER t AFTER DELETE ON acct BEGIN SELECT 1; END",
          "INSERT INTO acct VALUES (1, '10'), (2, '20')",
        );
        const before = await file.conn.query(
          "SELECT type, name, sql FROM sqlite_master ORDER BY name",
        );
        await file.conn.close();
        const result = spawnSync(runtime[0], [...runtime.slice(1), file.path, step], {
          encoding: "utf8",
        });
        assert.equal(result.status, 3, result.stderr);
        const again = await openSqlite(file.path);
        try {
          assert.deepEqual(
            await again.query("SELECT type, name, sql FROM sqlite_master ORDER BY name"),
            before,
          );
          assert.deepEqual(await again.query("SELECT * FROM acct ORDER BY id"), [
            { id: 1, score: "10" },
            { id: 2, score: "20" },
          ]);
        } finally {
          await again.close();
        }
      } finally {
        await file.close().catch(() => {});
      }
    });
  }
});
