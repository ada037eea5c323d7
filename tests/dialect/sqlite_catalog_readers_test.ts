// The pure readers behind introspectSqlite: declared type text -> t.*, CREATE INDEX and
// CREATE VIEW text -> the model. No database.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { indexFromCreate } from "../../src/dialect/sqlite/index_from_create.ts";
import { sqliteTypeFromDeclared } from "../../src/dialect/sqlite/sqlite_type_reader.ts";
import { viewDefinition } from "../../src/dialect/sqlite/view_definition.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";

describe("sqliteTypeFromDeclared", () => {
  it("reads a type retort writes the same way, ignoring case and spacing", () => {
    assert.deepEqual(sqliteTypeFromDeclared("INTEGER"), t.integer());
    assert.deepEqual(sqliteTypeFromDeclared(" numeric ( 10 , 2 ) "), t.numeric(10, 2));
    assert.deepEqual(sqliteTypeFromDeclared("VarChar(255)"), t.varchar(255));
    assert.deepEqual(sqliteTypeFromDeclared("DATETIME"), t.timestamp());
    assert.deepEqual(sqliteTypeFromDeclared("JSON"), t.json());
    assert.deepEqual(sqliteTypeFromDeclared("CHAR(32)"), t.char(32));
  });

  it("keeps anything else as written", () => {
    for (
      const text of ["INT", "", "TIMESTAMP", "VARCHAR(10, 2)", "NUMERIC(1,2,3)", "UNSIGNED BIG INT"]
    ) {
      assert.deepEqual(sqliteTypeFromDeclared(text), t.raw(text), text);
    }
  });
});

describe("indexFromCreate", () => {
  it("reads names, expressions, UNIQUE and WHERE; unwraps one pair of parentheses", () => {
    assert.deepEqual(
      indexFromCreate(
        "ix",
        `CREATE UNIQUE INDEX IF NOT EXISTS "ix" ON "t" ([a], "b c", (lower(d)), e DESC) WHERE a > 0`,
        (name) => name.toUpperCase(),
      ),
      {
        name: "ix",
        columns: ["A", "B C", sql`lower(d)`, { column: "E", descending: true }],
        unique: true,
        where: "a > 0",
      },
    );
  });
});

describe("viewDefinition", () => {
  it("is the text after AS, past a column list and IF NOT EXISTS", () => {
    assert.equal(viewDefinition(`CREATE VIEW v AS SELECT 1`), "SELECT 1");
    assert.equal(
      viewDefinition(`CREATE VIEW IF NOT EXISTS "a s" ("as") AS  SELECT 1 AS "as"`),
      `SELECT 1 AS "as"`,
    );
  });
});
