import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { postgresColumnType } from "../../src/dialect/postgres/postgres_type_reader.ts";
import { t } from "../../src/schema/types.ts";

describe("postgresColumnType", () => {
  it("maps format_type's text of built-in types to t.* types", () => {
    assert.deepEqual(postgresColumnType("double precision"), t.double());
    assert.deepEqual(postgresColumnType("bytea"), t.bytes());
    assert.deepEqual(postgresColumnType("character varying"), t.varchar());
    assert.deepEqual(postgresColumnType("character varying(40)"), t.varchar(40));
    assert.deepEqual(postgresColumnType("character(2)"), t.char(2));
    assert.deepEqual(postgresColumnType("numeric"), t.numeric());
    assert.deepEqual(postgresColumnType("numeric(5,-2)"), t.numeric(5, -2));
    assert.deepEqual(postgresColumnType("time without time zone"), t.time());
    assert.deepEqual(
      postgresColumnType("timestamp(0) with time zone"),
      t.timestamp({ tz: true, precision: 0 }),
    );
  });

  it("keeps everything else raw, exactly as given", () => {
    for (const text of ["integer[]", "interval", "bpchar", "character varying(10)[]", "money"]) {
      assert.deepEqual(postgresColumnType(text), t.raw(text));
    }
    assert.deepEqual(postgresColumnType("integer", false), t.raw("integer"));
  });
});
