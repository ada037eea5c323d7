// The clauses of a SQLite CREATE TABLE that the table model cannot hold. No database.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { unkeptClauses } from "../../src/dialect/sqlite/unkept_clauses.ts";

describe("unkeptClauses", () => {
  it("finds ON CONFLICT clauses, DESC keys and COLLATE on key columns", () => {
    assert.deepEqual(
      unkeptClauses(`CREATE TABLE t (
        id INTEGER PRIMARY KEY DESC,
        a TEXT NOT NULL ON CONFLICT IGNORE,
        b TEXT UNIQUE ON CONFLICT REPLACE,
        c TEXT, d TEXT,
        UNIQUE (c COLLATE NOCASE),
        CONSTRAINT pk PRIMARY KEY (c, d DESC) ON CONFLICT ABORT
      )`),
      [
        { clause: "PRIMARY KEY DESC", what: "a DESC primary key" },
        { clause: "NOT NULL ON CONFLICT IGNORE", what: "an ON CONFLICT clause" },
        { clause: "UNIQUE ON CONFLICT REPLACE", what: "an ON CONFLICT clause" },
        { clause: "UNIQUE (c COLLATE NOCASE)", what: "a COLLATE on a key column" },
        {
          clause: "CONSTRAINT pk PRIMARY KEY (c, d DESC) ON CONFLICT ABORT",
          what: "an ON CONFLICT clause",
        },
      ],
    );
  });

  it("finds nothing in what the model holds: collations, ASC keys, MATCH, words in strings", () => {
    assert.deepEqual(
      unkeptClauses(`CREATE TABLE t (
        id INTEGER PRIMARY KEY ASC,
        name TEXT COLLATE NOCASE UNIQUE CHECK (name <> 'ON CONFLICT DESC'),
        p INTEGER REFERENCES parent (id) MATCH FULL,
        UNIQUE (p ASC)
      )`),
      [],
    );
  });
});
