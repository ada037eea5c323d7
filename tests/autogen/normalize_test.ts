// The canonical forms compare uses, without a database: type texts per database, SQL
// expressions (defaults, index expressions, partial conditions), numbers, and server defaults.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { canonicalType } from "../../src/autogen/normalize_type.ts";
import {
  canonicalNumber,
  canonicalSql,
  sameTokens,
  sqlTokens,
  tokensKey,
} from "../../src/autogen/normalize_sql.ts";
import { canonicalDefault, sameDefault } from "../../src/autogen/normalize_default.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";

const postgres = new PostgresDialect();
const mysql = new MysqlDialect();
const sqlite = new SqliteDialect();

describe("canonicalType", () => {
  it("PostgreSQL: the synonyms format_type and users write are one name", () => {
    const same: [string, string][] = [
      ["int4", "INTEGER"],
      ["int", "integer"],
      ["serial", "integer"],
      ["int2", "SMALLINT"],
      ["int8", "bigint"],
      ["bigserial", "BIGINT"],
      ["bool", "BOOLEAN"],
      ["float4", "real"],
      ["float8", "DOUBLE PRECISION"],
      ["float", "double precision"],
      ["float(10)", "real"],
      ["float(53)", "float8"],
      ["varchar(255)", "character varying(255)"],
      ["VARCHAR", "character varying"],
      ["CHAR", "character(1)"],
      ["char(3)", "character(3)"],
      ["bpchar(3)", "CHAR(3)"],
      ["decimal(10,2)", "NUMERIC(10, 2)"],
      ["NUMERIC(7)", "numeric(7,0)"],
      ["TIMESTAMP", "timestamp without time zone"],
      ["timestamptz", "timestamp with time zone"],
      ["TIMESTAMP(3) WITH TIME ZONE", "timestamptz(3)"],
      ["timestamp(3) without time zone", "TIMESTAMP(3)"],
      ["TIME WITH TIME ZONE", "timetz"],
      ["time", "time without time zone"],
      ["int4[]", "integer[]"],
      ["varchar(20)[]", "character varying(20)[]"],
      ["integer[3]", "int[]"],
      ['"users_role_enum"', "users_role_enum"],
      ["bit", "bit(1)"],
      ["varbit", "bit varying"],
    ];
    for (const [a, b] of same) {
      assert.equal(canonicalType(a, "postgres"), canonicalType(b, "postgres"), `${a} = ${b}`);
    }
    const different: [string, string][] = [
      ["integer", "bigint"],
      ["varchar(20)", "varchar(30)"],
      ["timestamp", "timestamptz"],
      ["bpchar", "char(1)"],
      ["numeric", "numeric(10,0)"],
      ['"Role"', "role"],
      ["integer[]", "integer"],
      ["real", "double precision"],
    ];
    for (const [a, b] of different) {
      assert.notEqual(canonicalType(a, "postgres"), canonicalType(b, "postgres"), `${a} != ${b}`);
    }
  });

  it("MySQL: display widths, tinyint(1) for booleans, and each synonym", () => {
    const same: [string, string][] = [
      ["int(11)", "INTEGER"],
      ["int", "int(10)"],
      ["bigint(20)", "BIGINT"],
      ["smallint(6)", "smallint"],
      ["tinyint(4)", "tinyint"],
      ["mediumint(9)", "MEDIUMINT"],
      ["int(10) unsigned", "INT UNSIGNED"],
      ["BOOL", "tinyint(1)"],
      ["boolean", "TINYINT(1)"],
      ["NUMERIC", "decimal(10,0)"],
      ["decimal(8)", "DECIMAL(8, 0)"],
      ["numeric(10, 2)", "decimal(10,2)"],
      ["REAL", "double"],
      ["DOUBLE PRECISION", "double"],
      ["float(10)", "float"],
      ["float(30)", "double"],
      ["CHAR", "char(1)"],
      ["datetime(0)", "DATETIME"],
      ["TIMESTAMP(0)", "timestamp"],
      ["year(4)", "year"],
      ["varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "VARCHAR(20)"],
      ["ENUM('a', 'b')", "enum('a','b')"],
    ];
    for (const [a, b] of same) {
      assert.equal(canonicalType(a, "mysql"), canonicalType(b, "mysql"), `${a} = ${b}`);
    }
    const different: [string, string][] = [
      ["tinyint(1)", "tinyint"],
      ["int", "int unsigned"],
      ["datetime", "timestamp"],
      ["datetime(3)", "datetime"],
      ["enum('a','b')", "enum('a','B')"],
      ["enum('a, b')", "enum('a','b')"],
      ["text", "longtext"],
      ["int(5) zerofill", "int zerofill"],
    ];
    for (const [a, b] of different) {
      assert.notEqual(canonicalType(a, "mysql"), canonicalType(b, "mysql"), `${a} != ${b}`);
    }
  });

  it("SQLite: only case and spacing, never inside quotes", () => {
    assert.equal(canonicalType("VARCHAR ( 20 )", "sqlite"), "varchar(20)");
    assert.equal(canonicalType("NUMERIC(10 , 2)", "sqlite"), "numeric(10,2)");
    assert.notEqual(canonicalType("INT", "sqlite"), canonicalType("INTEGER", "sqlite"));
    assert.equal(canonicalType("x ( 'A  B' )", "sqlite"), "x('A  B')");
  });
});

describe("canonicalNumber", () => {
  it("writes each number one way", () => {
    const cases: [string, string][] = [
      ["1.50", "1.5"],
      ["0010.500", "10.5"],
      ["1e3", "1000"],
      ["1.5E-2", "0.015"],
      [".5", "0.5"],
      ["-0.0", "0"],
      ["-1", "-1"],
      ["+7", "7"],
      ["9007199254740993", "9007199254740993"],
      ["0.00", "0"],
    ];
    for (const [text, canonical] of cases) assert.equal(canonicalNumber(text), canonical, text);
    assert.equal(canonicalNumber("abc"), undefined);
    assert.equal(canonicalNumber(""), undefined);
    assert.equal(canonicalNumber("1e999"), undefined);
  });
});

describe("sqlTokens and canonicalSql", () => {
  it("decodes each database's string literals", () => {
    assert.deepEqual(sqlTokens(`'it''s'`, "postgres"), [{ kind: "string", value: "it's" }]);
    assert.deepEqual(sqlTokens(`E'a\\nb'`, "postgres"), [{ kind: "string", value: "a\nb" }]);
    assert.deepEqual(sqlTokens(`'a\\b'`, "postgres"), [{ kind: "string", value: "a\\b" }]);
    assert.deepEqual(sqlTokens(`'a\\\\b\\'c'`, "mysql"), [{ kind: "string", value: "a\\b'c" }]);
    assert.deepEqual(sqlTokens(`"dq"`, "mysql"), [{ kind: "string", value: "dq" }]);
    assert.deepEqual(sqlTokens(`_utf8mb4'x'`, "mysql"), [{ kind: "string", value: "x" }]);
    assert.deepEqual(sqlTokens(`"Name"`, "postgres"), [{ kind: "word", value: "Name" }]);
    assert.deepEqual(sqlTokens("`Name`", "mysql"), [{ kind: "word", value: "name" }]);
    assert.deepEqual(sqlTokens(`'a\\b'`, "sqlite"), [{ kind: "string", value: "a\\b" }]);
  });

  const same = (a: string, b: string, dialect: "postgres" | "mysql" | "sqlite") =>
    sameTokens(canonicalSql(a, dialect), canonicalSql(b, dialect));

  it("drops PostgreSQL's casts and grouping parentheses, keeps calls", () => {
    const pairs: [string, string][] = [
      ["'abc'::text", "'abc'"],
      ["'x'::character varying", "'x'"],
      ["'{}'::text[]", "'{}'"],
      [`'on'::"App Schema".acct_status`, "'on'"],
      ["'2020-01-01 00:00:00'::timestamp without time zone", "'2020-01-01 00:00:00'"],
      ["(1 + (2 * 3))", "1 + 2 * 3"],
      ["((1 + 2))", "1 + 2"],
      ["lower('X'::text)", "lower('X')"],
      ["lower(email::text)", "lower((email))"],
      ["(price * (2)::numeric)", "price * 2"],
      ["CAST('5' AS integer)", "5"],
      ["('now'::text)::date", "'now'::date"],
      ["interval '1 day'", "'1 day'::interval"],
      ["'-1'::integer", "-1"],
      ["now()", "CURRENT_TIMESTAMP"],
      ["transaction_timestamp()", "now()"],
      ["CURRENT_TIMESTAMP(3)", "current_timestamp(3)"],
      ["((price > (0)::numeric) AND (name <> 'x'::text))", "price > 0 AND name <> 'x'"],
      ["TRUE", "1"],
    ];
    for (const [a, b] of pairs) assert.ok(same(a, b, "postgres"), `${a} = ${b}`);
    const different: [string, string][] = [
      ["lower('X')", "upper('X')"],
      ["'abc'", "'abd'"],
      ["CURRENT_TIMESTAMP(3)", "CURRENT_TIMESTAMP"],
      ["gen_random_uuid()", "uuid_generate_v4()"],
      ["'a'", "a"],
    ];
    for (const [a, b] of different) assert.ok(!same(a, b, "postgres"), `${a} != ${b}`);
  });

  it("MySQL: MariaDB's rewritten functions are the ones written", () => {
    const pairs: [string, string][] = [
      ["current_timestamp()", "CURRENT_TIMESTAMP"],
      ["now()", "current_timestamp()"],
      ["NOW(3)", "current_timestamp(3)"],
      ["curdate()", "(CURRENT_DATE)"],
      ["lcase('X')", "(lower('X'))"],
      ["ucase(`name`)", "upper(name)"],
      ["(1 + 2 * 3)", "1 + 2 * 3"],
      ["'it''s'", "'it\\'s'"],
      ["TRUE", "1"],
    ];
    for (const [a, b] of pairs) assert.ok(same(a, b, "mysql"), `${a} = ${b}`);
  });

  it("SQLite: parentheses around a default say nothing", () => {
    assert.ok(same("(date('now', 'start of month'))", "date('now', 'start of month')", "sqlite"));
    assert.ok(same("('a' || char(0) || 'b')", "'a' || char(0) || 'b'", "sqlite"));
    assert.ok(!same("datetime('now')", "CURRENT_TIMESTAMP", "sqlite"));
  });

  it("keys an expression by its canonical tokens", () => {
    assert.equal(tokensKey(canonicalSql("lower( email::text )", "postgres")), "lower ( email )");
    assert.equal(tokensKey(canonicalSql("'it''s'", "postgres")), "'it''s'");
  });
});

describe("sameDefault", () => {
  it("a literal matches the database's text for it", () => {
    const cases: [
      unknown,
      string,
      Parameters<typeof sameDefault>[2],
      PostgresDialect | MysqlDialect | SqliteDialect,
    ][] = [
      ["it's", `'it''s'::text`, t.text(), postgres],
      ["a\\b", `'a\\b'::character varying`, t.varchar(10), postgres],
      ["a\nb", `'a\nb'::text`, t.text(), postgres],
      [1.5, "1.50", t.numeric(10, 2), postgres],
      [-1, "'-1'::integer", t.integer(), postgres],
      [1000, "'1000'::numeric", t.double(), postgres],
      ["5", "5", t.text(), postgres],
      [true, "true", t.boolean(), postgres],
      ["t", "true", t.boolean(), postgres],
      ['{"b":1,"a":2}', `'{"a": 2, "b": 1}'::jsonb`, t.jsonb(), postgres],
      ["it's \\ é", `'it''s \\\\ é'`, t.varchar(10), mysql],
      ["a\nb", `'a\\nb'`, t.varchar(10), mysql],
      [true, "1", t.boolean(), mysql],
      [0, "0.00", t.numeric(10, 2), mysql],
      ["a\0b", "('a' || char(0) || 'b')", t.text(), sqlite],
      [true, "1", t.boolean(), sqlite],
      [-1.5, "-1.5", t.real(), sqlite],
    ];
    for (const [declared, reflected, type, dialect] of cases) {
      assert.ok(
        sameDefault(declared as string, sql(reflected), type, dialect),
        `${JSON.stringify(declared)} = ${reflected} (${dialect.name})`,
      );
    }
  });

  it("tells different values apart", () => {
    assert.ok(!sameDefault("a", sql`'b'::text`, t.text(), postgres));
    assert.ok(!sameDefault(1, sql`2`, t.integer(), postgres));
    assert.ok(!sameDefault(undefined, sql`'x'`, t.text(), mysql));
    assert.ok(!sameDefault("05", sql`'5'`, t.text(), postgres));
    assert.ok(!sameDefault('{"a":1}', sql`'{"a": 2}'::jsonb`, t.jsonb(), postgres));
    assert.ok(!sameDefault(true, sql`false`, t.boolean(), postgres));
  });

  it("NULL is no default", () => {
    assert.deepEqual(canonicalDefault(sql`NULL`, sqlite), []);
    assert.deepEqual(canonicalDefault(sql`NULL::character varying`, postgres), []);
    assert.ok(sameDefault(undefined, sql`NULL`, t.text(), sqlite));
  });
});
