// Declared schemas that use every t.* type, every kind of server default, and every kind of
// key, constraint and index, for each database: created with retort's own SQL and read back,
// each must compare equal to its declaration.
import type { Column } from "../../src/schema/column.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { SchemaDeclaration, TableDeclaration } from "../../src/schema/define_schema.ts";
import { defineSchema, table } from "../../src/schema/define_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import type { DatabaseKind } from "../integration/_databases.ts";

/** Every t.* type the database can create, and raw types in the database's own words. */
export function everyType(kind: DatabaseKind): TableDeclaration {
  const types: [string, ColumnType][] = [
    ["i", t.integer()],
    ["si", t.smallint()],
    ["bi", t.bigint()],
    ["bo", t.boolean()],
    ["tx", t.text()],
    ["vc255", t.varchar(255)],
    ["ch3", t.char(3)],
    ["ch", t.char()],
    ["nu", t.numeric()],
    ["nu102", t.numeric(10, 2)],
    ["nu7", t.numeric(7)],
    ["re", t.real()],
    ["db", t.double()],
    ["da", t.date()],
    ["ti", t.time()],
    ["titz", t.time({ tz: true })],
    ["ti3", t.time({ precision: 3 })],
    ["ts", t.timestamp()],
    ["tstz", t.timestamp({ tz: true })],
    ["tstz3", t.timestamp({ tz: true, precision: 3 })],
    ["ts0", t.timestamp({ precision: 0 })],
    ["js", t.json()],
    ["jb", t.jsonb()],
    ["uu", t.uuid()],
    ["by", t.bytes()],
    ["en", t.enum(["a", "b c", "it's"])],
    ["en_named", t.enum(["x", "y"], { name: "every_named_enum" })],
  ];
  const raw: Record<DatabaseKind, [string, string][]> = {
    postgres: [
      ["r_int4", "int4"],
      ["r_int8", "INT8"],
      ["r_bool", "bool"],
      ["r_float8", "float8"],
      ["r_float", "float"],
      ["r_varchar", "varchar(20)"],
      ["r_cv", "character varying"],
      ["r_char", "character(4)"],
      ["r_decimal", "decimal(8,3)"],
      ["r_tstz", "timestamptz"],
      ["r_ts_wo", "timestamp(3) without time zone"],
      ["r_timetz", "timetz"],
      ["r_array", "int4[]"],
      ["r_varray", "varchar(20)[]"],
      ["r_interval", "interval"],
      ["r_bpchar", "bpchar"],
      ["r_inet", "inet"],
      ["r_bit", "bit"],
      ["r_quoted", '"text"'],
    ],
    mysql: [
      ["r_int11", "int(11)"],
      ["r_integer", "INTEGER"],
      ["r_tinyint1", "tinyint(1)"],
      ["r_tinyint", "tinyint"],
      ["r_mediumint", "mediumint"],
      ["r_unsigned", "int unsigned"],
      ["r_decimal", "decimal(10,2)"],
      ["r_numeric", "NUMERIC"],
      ["r_double_precision", "DOUBLE PRECISION"],
      ["r_real", "REAL"],
      ["r_float", "float"],
      ["r_char", "char"],
      ["r_datetime0", "datetime(0)"],
      ["r_charset", "varchar(20) CHARACTER SET utf8mb4"],
      ["r_longtext", "longtext"],
      ["r_year", "year"],
      ["r_bit", "bit(1)"],
      ["r_enum", "enum('p', 'q')"],
      ["r_set", "set('a','b')"],
      ["r_varbinary", "varbinary(16)"],
      ["r_boolean", "BOOLEAN"],
    ],
    sqlite: [
      ["r_int", "INT"],
      ["r_lower", "integer"],
      ["r_spaced", "varchar( 20 )"],
      ["r_double_precision", "DOUBLE PRECISION"],
      ["r_none", ""],
      ["r_any", "anything goes"],
    ],
  };
  const columns: Column[] = [
    t.column("id", t.integer(), { primaryKey: true }),
    ...types
      .filter(([, type]) =>
        !(kind === "mysql" && type.name === "varchar" && type.length === undefined)
      )
      .map(([name, type]) => t.column(name, type)),
    ...(kind === "mysql" ? [] : [t.column("vc", t.varchar())]),
    ...raw[kind].map(([name, type]) => t.column(name, t.raw(type))),
  ];
  return table("every_type", columns);
}

/** Every kind of server default: literals with quotes, backslashes, unicode; numbers; booleans; functions; casts; expressions. */
export function everyDefault(kind: DatabaseKind): TableDeclaration {
  const common: Column[] = [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("s_plain", t.varchar(50), { serverDefault: "abc" }),
    t.column("s_quote", t.varchar(50), { serverDefault: 'it\'s "quoted"' }),
    t.column("s_backslash", t.varchar(50), { serverDefault: "a\\b\\\\c" }),
    t.column("s_unicode", t.varchar(50), { serverDefault: "é ☃ 日本 ✓" }),
    t.column("s_empty", t.varchar(50), { serverDefault: "" }),
    t.column("s_newline", t.varchar(50), { serverDefault: "a\nb\tc" }),
    t.column("s_number", t.varchar(50), { serverDefault: "5" }),
    t.column("s_text", t.text(), { serverDefault: "text" }),
    t.column("s_sql", t.varchar(50), { serverDefault: sql`'it''s'` }),
    t.column("n_zero", t.integer(), { serverDefault: 0 }),
    t.column("n_int", t.integer(), { serverDefault: 42 }),
    t.column("n_negative", t.integer(), { serverDefault: -1 }),
    t.column("n_sql_negative", t.integer(), { serverDefault: sql`-7` }),
    t.column("n_big", t.bigint(), { serverDefault: sql`9007199254740993` }),
    t.column("n_float", t.double(), { serverDefault: 1.5 }),
    t.column("n_negative_float", t.double(), { serverDefault: -1.5 }),
    t.column("n_exponent", t.double(), { serverDefault: sql`1e3` }),
    t.column("n_numeric", t.numeric(10, 2), { serverDefault: 1.5 }),
    t.column("n_numeric_zero", t.numeric(10, 2), { serverDefault: 0 }),
    t.column("n_string", t.integer(), { serverDefault: "12" }),
    t.column("b_true", t.boolean(), { serverDefault: true }),
    t.column("b_false", t.boolean(), { serverDefault: false }),
    t.column("t_current", t.timestamp(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
    t.column("t_date", t.date(), { serverDefault: "2020-01-02" }),
    t.column("t_datetime", t.timestamp(), { serverDefault: "2020-01-02 03:04:05" }),
    t.column("e_enum", t.enum(["on", "off"]), { serverDefault: "off" }),
    t.column("nn", t.varchar(10), { nullable: false, serverDefault: "x" }),
  ];
  const own: Record<DatabaseKind, Column[]> = {
    postgres: [
      t.column("p_now", t.timestamp({ tz: true }), { serverDefault: sql`now()` }),
      t.column("p_now_precision", t.timestamp({ tz: true, precision: 3 }), {
        serverDefault: sql`CURRENT_TIMESTAMP(3)`,
      }),
      t.column("p_current_date", t.date(), { serverDefault: sql`CURRENT_DATE` }),
      t.column("p_cast", t.text(), { serverDefault: sql`'abc'::text` }),
      t.column("p_cast_varchar", t.varchar(10), { serverDefault: sql`'abc'::character varying` }),
      t.column("p_cast_function", t.integer(), { serverDefault: sql`CAST('5' AS integer)` }),
      t.column("p_array", t.raw("text[]"), { serverDefault: sql`'{}'::text[]` }),
      t.column("p_array_literal", t.raw("integer[]"), { serverDefault: sql`ARRAY[1, 2]` }),
      t.column("p_expression", t.integer(), { serverDefault: sql`1 + 2 * 3` }),
      t.column("p_parenthesised", t.integer(), { serverDefault: sql`(1 + 2)` }),
      t.column("p_uuid", t.uuid(), { serverDefault: sql`gen_random_uuid()` }),
      t.column("p_jsonb", t.jsonb(), { serverDefault: sql`'{"b":1,"a":[1,"x"]}'::jsonb` }),
      t.column("p_jsonb_string", t.jsonb(), { serverDefault: '{"a":1}' }),
      t.column("p_json", t.json(), { serverDefault: "{}" }),
      t.column("p_function", t.text(), { serverDefault: sql`lower('X')` }),
      t.column("p_interval", t.raw("interval"), { serverDefault: sql`interval '1 day'` }),
      t.column("p_escape", t.text(), { serverDefault: sql`E'a\\nb'` }),
      t.column("p_numeric_text", t.numeric(10, 2), { serverDefault: sql`1.50` }),
      t.column("p_true_sql", t.boolean(), { serverDefault: sql`TRUE` }),
      t.column("p_null", t.text(), { serverDefault: sql`NULL` }),
      t.column("p_named_enum", t.enum(["a", "b"], { name: "defaults_mood" }), {
        serverDefault: "b",
      }),
    ],
    mysql: [
      t.column("m_now", t.timestamp({ tz: true }), { serverDefault: sql`now()` }),
      t.column("m_precision", t.timestamp({ precision: 3 }), {
        serverDefault: sql`CURRENT_TIMESTAMP(3)`,
      }),
      t.column("m_expression", t.integer(), { serverDefault: sql`(1 + 2 * 3)` }),
      t.column("m_uuid", t.uuid(), { serverDefault: sql`(uuid())` }),
      t.column("m_lower", t.varchar(10), { serverDefault: sql`(lower('X'))` }),
      t.column("m_current_date", t.date(), { serverDefault: sql`(CURRENT_DATE)` }),
      t.column("m_json", t.json(), { serverDefault: "{}" }),
      t.column("m_double_quoted", t.varchar(10), { serverDefault: sql`"dq"` }),
      t.column("m_escaped", t.varchar(10), { serverDefault: sql`'a\\'b'` }),
      t.column("m_bit", t.raw("bit(1)"), { serverDefault: sql`b'1'` }),
      t.column("m_true_sql", t.boolean(), { serverDefault: sql`TRUE` }),
      t.column("m_on_update", t.timestamp({ tz: true }), {
        serverDefault: sql`CURRENT_TIMESTAMP`,
        onUpdate: sql`CURRENT_TIMESTAMP`,
      }),
    ],
    sqlite: [
      t.column("q_datetime", t.text(), { serverDefault: sql`datetime('now')` }),
      t.column("q_month", t.text(), { serverDefault: sql`date('now', 'start of month')` }),
      t.column("q_nul", t.text(), { serverDefault: "a\0b" }),
      t.column("q_blob", t.bytes(), { serverDefault: sql`x'00ff'` }),
      t.column("q_expression", t.integer(), { serverDefault: sql`(1 + 2)` }),
      t.column("q_true_sql", t.boolean(), { serverDefault: sql`TRUE` }),
      t.column("q_null", t.text(), { serverDefault: sql`NULL` }),
    ],
  };
  return table("every_default", [...common, ...own[kind]]);
}

/** Keys, constraints, indexes and comments of every kind the database has. */
export function everyKey(kind: DatabaseKind): TableDeclaration[] {
  const pg = kind === "postgres";
  const partial = kind !== "mysql";
  return [
    table("orgs", [
      t.column("id", t.bigint(), { primaryKey: true, autoincrement: true }),
      t.column("code", t.varchar(20), { nullable: false, unique: true }),
      t.column("region", t.smallint(), { nullable: false, serverDefault: 1 }),
    ], {
      uniques: [{ columns: ["region", "code"] }],
      comment: 'organisations: it\'s "quoted"',
    }),
    table("users", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("email", t.varchar(255), { nullable: false, comment: "the login" }),
      t.column("name", t.varchar(100)),
      t.column("org_id", t.bigint()),
      t.column("org_code", t.varchar(20)),
      t.column("org_region", t.smallint()),
      t.column("manager_id", t.integer()),
      t.column("score", t.integer(), { serverDefault: 0 }),
      t.column("created", t.timestamp(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
    ], {
      uniques: [["email"]],
      checks: [
        { name: "ck_users_score", condition: "score >= 0" },
        "score < 1000000",
      ],
      foreignKeys: [
        { columns: ["org_id"], references: "orgs", referencesColumns: ["id"], onDelete: "CASCADE" },
        {
          name: "fk_users_org_code",
          columns: ["org_region", "org_code"],
          references: "orgs",
          referencesColumns: ["region", "code"],
          onDelete: "SET NULL",
          onUpdate: kind === "mysql" ? "CASCADE" : "RESTRICT",
          ...(kind === "mysql" ? {} : { deferrable: true, initially: "DEFERRED" as const }),
        },
        {
          columns: ["manager_id"],
          references: "users",
          referencesColumns: ["id"],
          onDelete: "NO ACTION",
        },
      ],
      indexes: [
        { columns: ["name"] },
        { columns: ["name", "org_id"], unique: true },
        { name: "ix_users_score_desc", columns: [{ column: "score", descending: true }, "name"] },
        ...(kind === "mysql"
          ? []
          : [{ name: "ix_users_lower_email", columns: [sql`lower(email)`] }]),
        ...(partial ? [{ name: "ix_users_active", columns: ["score"], where: "score > 0" }] : []),
        ...(pg
          ? [{
            name: "ix_users_mixed",
            columns: ["org_id", sql`(score * 2)`],
            where: "score > 0 AND name <> 'x'",
          }]
          : []),
      ],
      comment: "people",
    }),
    table("tags", [
      t.column("id", t.integer(), { primaryKey: true, autoincrement: false }),
      t.column("label", t.text(), { nullable: false }),
    ]),
    table("members", [
      t.column("org_id", t.bigint(), { nullable: false }),
      t.column("user_id", t.integer(), { nullable: false }),
      t.column("role", t.varchar(20), { nullable: false, serverDefault: "member" }),
    ], {
      primaryKey: ["org_id", "user_id"],
      foreignKeys: [
        { columns: ["org_id"], references: "orgs", referencesColumns: ["id"] },
        {
          columns: ["user_id"],
          references: "users",
          referencesColumns: ["id"],
          onDelete: "CASCADE",
        },
      ],
    }),
    table("events", [
      t.column(
        "id",
        t.bigint(),
        pg ? { primaryKey: true, identity: { always: true } } : { primaryKey: true },
      ),
      t.column("at", t.timestamp({ precision: 3 }), { nullable: false }),
      t.column("kind", t.varchar(10)),
    ], { indexes: [{ columns: ["at", "kind"] }] }),
  ];
}

/** The whole schema of the no-false-positive test. */
export function everything(kind: DatabaseKind): SchemaDeclaration {
  return defineSchema({
    tables: [everyType(kind), everyDefault(kind), ...everyKey(kind)],
    enums: kind === "postgres" ? [{ name: "unused_mood", values: ["sad", "happy"] }] : [],
  });
}
