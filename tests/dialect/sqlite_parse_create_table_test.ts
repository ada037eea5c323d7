// Reading CREATE TABLE text as SQLite stores it: every column clause and table constraint
// keeps its original text; names, quoting and nesting are respected. No database.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseCreateTable } from "../../src/dialect/sqlite/parse_create_table.ts";
import { tokenize } from "../../src/dialect/sqlite/sql_tokens.ts";
import { namedConstraints } from "../../src/batch/constraint_names.ts";
import { tableFromCreate } from "../../src/dialect/sqlite/table_from_create.ts";
import { defaultNamingConvention } from "../../src/schema/naming.ts";

describe("tokenize", () => {
  it("keeps quoted names, strings and blobs whole and skips comments", () => {
    const tokens = tokenize(`a "b ""c""" [d e] \`f\` 'g''h' x'0A' -- no\n/* no */ 1.5e3 <> ?`);
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.value]),
      [
        ["word", "a"],
        ["name", 'b "c"'],
        ["name", "d e"],
        ["name", "f"],
        ["string", "g'h"],
        ["blob", "x'0A'"],
        ["number", "1.5e3"],
        ["punct", "<>"],
        ["param", "?"],
      ],
    );
  });
});

describe("parseCreateTable", () => {
  const source = `CREATE TABLE IF NOT EXISTS "my table" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "e,mail" VARCHAR(255) NOT NULL COLLATE NOCASE DEFAULT 'a,b' UNIQUE,
    price NUMERIC(10, 2) DEFAULT -1 CHECK (price >= 0),
    owner INTEGER CONSTRAINT fk_owner REFERENCES people (id) ON DELETE SET NULL NOT DEFERRABLE,
    note TEXT DEFAULT NULL,
    made TEXT DEFAULT (datetime('now')),
    total REAL GENERATED ALWAYS AS (price * 2) STORED,
    half AS (price / 2),
    CONSTRAINT ck_named CHECK (length("e,mail") > 3),
    CHECK (owner <> id),
    UNIQUE (price, owner),
    FOREIGN KEY (owner) REFERENCES people (id) -- a comment, kept out
  ) STRICT`;
  const table = parseCreateTable(source);

  it("reads the name, columns and options", () => {
    assert.equal(table.name, "my table");
    assert.deepEqual(table.columns.map((c) => [c.name, c.type]), [
      ["id", "INTEGER"],
      ["e,mail", "VARCHAR(255)"],
      ["price", "NUMERIC(10, 2)"],
      ["owner", "INTEGER"],
      ["note", "TEXT"],
      ["made", "TEXT"],
      ["total", "REAL"],
      ["half", ""],
    ]);
    assert.equal(table.options, "STRICT");
  });

  it("keeps each clause's original text", () => {
    const clauses = (i: number) => table.columns[i].clauses.map((c) => [c.kind, c.text]);
    assert.deepEqual(clauses(0), [["primaryKey", "PRIMARY KEY AUTOINCREMENT"]]);
    assert.deepEqual(clauses(1), [
      ["notNull", "NOT NULL"],
      ["collate", "COLLATE NOCASE"],
      ["default", "DEFAULT 'a,b'"],
      ["unique", "UNIQUE"],
    ]);
    assert.deepEqual(clauses(2), [["default", "DEFAULT -1"], ["check", "CHECK (price >= 0)"]]);
    assert.deepEqual(clauses(3), [
      [
        "references",
        "CONSTRAINT fk_owner REFERENCES people (id) ON DELETE SET NULL NOT DEFERRABLE",
      ],
    ]);
    assert.equal(table.columns[3].clauses[0].name, "fk_owner");
    assert.deepEqual(clauses(4), [["default", "DEFAULT NULL"]]);
    assert.deepEqual(clauses(5), [["default", "DEFAULT (datetime('now'))"]]);
    assert.deepEqual(clauses(6), [["generated", "GENERATED ALWAYS AS (price * 2) STORED"]]);
    assert.deepEqual(clauses(7), [["generated", "AS (price / 2)"]]);
  });

  it("reads named and unnamed table constraints with the columns they use", () => {
    assert.deepEqual(
      table.constraints.map((c) => [c.kind, c.name, c.columns, c.text]),
      [
        ["check", "ck_named", ["e,mail"], `CONSTRAINT ck_named CHECK (length("e,mail") > 3)`],
        ["check", undefined, ["owner", "id"], "CHECK (owner <> id)"],
        ["unique", undefined, ["price", "owner"], "UNIQUE (price, owner)"],
        ["foreignKey", undefined, ["owner"], "FOREIGN KEY (owner) REFERENCES people (id)"],
      ],
    );
  });

  it("names unnamed constraints by the naming convention", () => {
    const names = namedConstraints(tableFromCreate(source), defaultNamingConvention)
      .map((c) => c.name);
    assert.ok(names.includes("ck_named"));
    assert.ok(names.includes("uq_my table_price_owner"));
    assert.ok(names.includes("fk_my table_owner_people"));
    assert.ok(names.includes("uq_my table_e,mail"));
    assert.ok(names.includes("pk_my table"));
    assert.ok(names.some((n) => /^ck_my table_[0-9a-f]{8}$/.test(n)));
  });

  it("reads WITHOUT ROWID and a schema-qualified name", () => {
    const t = parseCreateTable(`CREATE TABLE main.kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID`);
    assert.equal(t.name, "kv");
    assert.equal(t.options, "WITHOUT ROWID");
  });
});
