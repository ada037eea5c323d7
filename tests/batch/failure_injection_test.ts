// A failure injected after every step of a rebuild leaves the original table, its rows, its
// indexes, triggers, views and AUTOINCREMENT sequence exactly as they were, and no
// temporary table behind.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { batchStepNames } from "../../src/batch/sqlite_rebuild.ts";
import type { Session } from "../../src/driver/connection.ts";
import { t } from "../../src/schema/types.ts";
import { exec, runBatch, sqliteFile } from "./_sqlite.ts";

const setup = [
  "CREATE TABLE acct (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT, score TEXT, CHECK (score <> ''))",
  "CREATE INDEX ix_acct_email ON acct (lower(email)) WHERE email IS NOT NULL",
  "CREATE TABLE audit (msg TEXT)",
  "CREATE TRIGGER acct_ins AFTER INSERT ON acct BEGIN INSERT INTO audit VALUES (NEW.email); END",
  "CREATE VIEW acct_emails AS SELECT email FROM acct",
  "INSERT INTO acct (email, score) VALUES ('a@x', '1'), ('b@x', '2'), ('c@x', NULL)",
  "DELETE FROM acct WHERE id = 3",
];

async function snapshot(conn: Session) {
  return {
    schema: await conn.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"),
    rows: await conn.query("SELECT rowid AS r, * FROM acct ORDER BY rowid"),
    sequence: await conn.query("SELECT * FROM sqlite_sequence ORDER BY name"),
    audit: await conn.query("SELECT * FROM audit"),
  };
}

describe("a failure between any two steps of a rebuild", () => {
  for (const step of batchStepNames) {
    it(`after ${step}: the original table and data are intact`, async () => {
      const file = await sqliteFile();
      try {
        await exec(file.conn, ...setup);
        const before = await snapshot(file.conn);
        await assert.rejects(
          runBatch(
            file.conn,
            "acct",
            (b) => {
              b.alterColumn("email", { newName: "mail" });
              b.alterColumn("score", { type: t.integer() });
            },
            {},
            { failAfter: step },
          ),
          (error: Error) => error.message.includes(`injected failure after ${step}`),
        );
        assert.deepEqual(await snapshot(file.conn), before);
        // the same batch then runs to completion
        await runBatch(file.conn, "acct", (b) => b.alterColumn("email", { newName: "mail" }));
        assert.equal((await file.conn.query("SELECT count(*) AS n FROM acct_emails"))[0].n, 2);
      } finally {
        await file.close();
      }
    });
  }
});
