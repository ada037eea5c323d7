// A statement the database refused is reported in one line, whatever the SQL held.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DatabaseError } from "../../src/driver/database_error.ts";
import { openSqliteFile } from "../../src/driver/sqlite_file_connection.ts";

describe("DatabaseError", () => {
  it("keeps the database's first line, also when the message quotes a CR", () => {
    const error = new DatabaseError("SELECT 1", new Error("near '`t\r\nx' at line 1\nmore"));
    assert.equal(error.databaseMessage, "near '`t");
    assert.equal(error.message, "near '`t (in: SELECT 1)");
  });

  it("is one line for a name with CR and NUL (found by tests/properties/identifiers_test.ts)", async () => {
    const conn = await openSqliteFile(":memory:");
    try {
      await assert.rejects(conn.execute('CREATE TABLE "\r\0" (x)'), (error: Error) => {
        assert.ok(error instanceof DatabaseError);
        assert.doesNotMatch(error.message, /[\r\n]/);
        assert.match(error.message, /^unrecognized token: ""/);
        return true;
      });
    } finally {
      await conn.close();
    }
  });
});
