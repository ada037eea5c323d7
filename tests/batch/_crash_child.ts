// Run as a separate process by crash_test.ts: rebuilds a table of the SQLite file given as
// the first argument and exits abruptly (no rollback, no close) right after the named step.
import process from "node:process";
import { executeBatch } from "../../src/batch/execute_batch.ts";
import { openSqliteFile as openSqlite } from "../../src/driver/sqlite_file_connection.ts";
import { t } from "../../src/schema/types.ts";
import { batchOp, dialect } from "./_sqlite.ts";

const [path, step] = process.argv.slice(2);
const conn = await openSqlite(path);
const op = await batchOp(
  "acct",
  (b) => b.alterColumn("score", { type: t.integer(), nullable: false }),
);
await conn.transaction((tx) =>
  executeBatch(dialect, tx, op, {
    progress: false,
    afterStep: (reached) => {
      if (reached === step) process.exit(3);
    },
  })
);
process.exit(0);
