// The local SQLite driver binds what op.execute and query() are given.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openSqliteFile } from "../../src/driver/sqlite_file_connection.ts";

describe("openSqliteFile", () => {
  it("binds booleans as 1 and 0 (libSQL's binding would abort the process)", async () => {
    const conn = await openSqliteFile(":memory:");
    try {
      await conn.execute("CREATE TABLE t (b BOOLEAN, n INTEGER)");
      await conn.execute("INSERT INTO t (b, n) VALUES (?, ?), (?, ?)", [true, 1, false, 2]);
      assert.deepEqual(await conn.query("SELECT b, typeof(b) AS type FROM t ORDER BY n"), [
        { b: 1, type: "integer" },
        { b: 0, type: "integer" },
      ]);
      assert.deepEqual(await conn.query("SELECT ? AS yes, ? AS no", [true, false]), [
        { yes: 1, no: 0 },
      ]);
    } finally {
      await conn.close();
    }
  });
});
