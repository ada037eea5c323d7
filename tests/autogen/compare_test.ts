// compareSchemas model against model, no database: each kind of change with exactly its ops,
// what is not a change (synonyms, defaults as databases write them back, keys as databases
// name them), the order of the ops, renames, the include filter and the excluded tables.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareSchemas, renameCandidates } from "../../src/autogen/compare.ts";
import type { CompareOptions, SchemaChange } from "../../src/autogen/schema_change.ts";
import type { Dialect } from "../../src/dialect/dialect.ts";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import type { Op } from "../../src/ops/op.ts";
import type { ObjectType, ParentNames } from "../../src/plugin/plugin.ts";
import type { Column } from "../../src/schema/column.ts";
import type { DatabaseSchema, EnumType } from "../../src/schema/database_schema.ts";
import type { TableDeclaration } from "../../src/schema/define_schema.ts";
import { defineSchema, schemaModel, table } from "../../src/schema/define_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import { reverse } from "../../src/runtime/builtin_registry.ts";

const postgres = new PostgresDialect();
const mysql = new MysqlDialect();
const sqlite = new SqliteDialect();

/** A declared schema as compare reads it. */
function declared(tables: TableDeclaration[], enums: EnumType[] = []): DatabaseSchema {
  return schemaModel(defineSchema({ tables, enums }), {});
}

/** A database schema made of tables given as the model (as an introspector returns them). */
function database(tables: readonly Table[], enums: EnumType[] = []): DatabaseSchema {
  return { tables, enums, views: [], triggers: [] };
}

/** A reflected table: every list there, columns as given. */
function reflected(name: string, columns: Column[], rest: Partial<Table> = {}): Table {
  return { table: name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...rest };
}

const col = (name: string, type: Column["type"], options: Omit<Column, "name" | "type"> = {}) =>
  t.column(name, type, { nullable: true, ...options });

/** The `users` table retort creates, as PostgreSQL reads it back. */
function usersAsRead(extra: Partial<Table> = {}, columns: Column[] = []): Table {
  return reflected("users", [
    col("id", t.integer(), { nullable: false, identity: {} }),
    col("email", t.varchar(255), { nullable: false }),
    col("name", t.varchar(100)),
    ...columns,
  ], {
    primaryKey: { name: "pk_users", columns: ["id"] },
    uniques: [{ name: "uq_users_email", columns: ["email"] }],
    ...extra,
  });
}

const users = (columns: Column[] = [], options: Parameters<typeof table>[2] = {}) =>
  table("users", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("email", t.varchar(255), { nullable: false, unique: true }),
    t.column("name", t.varchar(100)),
    ...columns,
  ], options);

async function compare(
  wanted: DatabaseSchema,
  have: DatabaseSchema,
  options: Partial<CompareOptions> = {},
): Promise<SchemaChange[]> {
  return await compareSchemas(wanted, have, { dialect: postgres, ...options });
}

const ops = (changes: readonly SchemaChange[]): Op[] => changes.map((c) => c.op);
const descriptions = (changes: readonly SchemaChange[]) => changes.map((c) => c.description);

describe("compareSchemas: tables and columns", () => {
  it("finds nothing when the database is as declared", async () => {
    assert.deepEqual(await compare(declared([users()]), database([usersAsRead()])), []);
  });

  it("an added table: its createTable, unique columns as named constraints", async () => {
    const want = declared([users()]);
    const changes = await compare(want, database([]));
    const { columns, ...rest } = want.tables[0];
    assert.deepEqual(ops(changes), [{
      kind: "createTable",
      ...rest,
      columns: columns.map(({ unique: _u, ...c }) => c),
    }]);
    assert.deepEqual(descriptions(changes), ["added table 'users'"]);
  });

  it("a removed table carries what it was, so reverse() recreates it", async () => {
    const have = usersAsRead();
    const changes = await compare(declared([]), database([have]));
    assert.deepEqual(ops(changes), [{ kind: "dropTable", table: "users", existing: have }]);
    assert.deepEqual(descriptions(changes), ["removed table 'users'"]);
    assert.deepEqual(reverse(changes[0].op), { kind: "createTable", ...have });
  });

  it("added and removed columns", async () => {
    const changes = await compare(
      declared([users([t.column("age", t.integer(), { nullable: false, serverDefault: 0 })])]),
      database([usersAsRead({}, [col("nick", t.text())])]),
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "addColumn",
        table: "users",
        column: t.column("age", t.integer(), { nullable: false, serverDefault: 0 }),
      },
      { kind: "dropColumn", table: "users", column: "nick", existing: col("nick", t.text()) },
    ]);
    assert.deepEqual(descriptions(changes), [
      "added column 'users.age'",
      "removed column 'users.nick'",
    ]);
  });

  it("nullability both ways, with every existing* field for MySQL and reverse()", async () => {
    const changes = await compare(
      declared([users([
        t.column("a", t.text(), { nullable: false, serverDefault: "x", comment: "kept" }),
        t.column("b", t.text()),
      ])]),
      database([usersAsRead({}, [
        col("a", t.text(), { serverDefault: sql`'x'::text`, comment: "kept" }),
        col("b", t.text(), { nullable: false }),
      ])]),
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "alterColumn",
        table: "users",
        column: "a",
        nullable: false,
        existingType: t.text(),
        existingNullable: true,
        existingServerDefault: sql`'x'::text`,
        existingComment: "kept",
      },
      {
        kind: "alterColumn",
        table: "users",
        column: "b",
        nullable: true,
        existingType: t.text(),
        existingNullable: false,
        existingServerDefault: null,
        existingComment: null,
      },
    ]);
    assert.deepEqual(descriptions(changes), [
      "NOT NULL on column 'users.a'",
      "NULL on column 'users.b'",
    ]);
    assert.deepEqual(reverse(changes[1].op), {
      kind: "alterColumn",
      table: "users",
      column: "b",
      nullable: false,
      existingNullable: true,
      existingType: t.text(),
      existingServerDefault: null,
      existingComment: null,
    });
  });

  it("a type change, and one alterColumn for all of a column's changes", async () => {
    const changes = await compare(
      declared([users([t.column("n", t.bigint(), { nullable: false, serverDefault: 1 })])]),
      database([usersAsRead({}, [col("n", t.integer())])]),
      { compareServerDefault: true },
    );
    assert.deepEqual(ops(changes), [{
      kind: "alterColumn",
      table: "users",
      column: "n",
      nullable: false,
      type: t.bigint(),
      serverDefault: 1,
      existingType: t.integer(),
      existingNullable: true,
      existingServerDefault: null,
      existingComment: null,
    }]);
    assert.deepEqual(descriptions(changes), [
      "NOT NULL on column 'users.n'; type change from INTEGER to BIGINT on 'users.n'; " +
      "server default changed from none to 1 on 'users.n'",
    ]);
  });

  it("MySQL: what MODIFY keeps only when told (AUTO_INCREMENT, collation, ON UPDATE)", async () => {
    const changes = await compare(
      declared([table("x", [
        t.column("id", t.bigint(), { primaryKey: true }),
        t.column("code", t.varchar(10), { nullable: false, collation: "utf8mb4_bin" }),
      ])]),
      database([reflected("x", [
        col("id", t.integer(), { nullable: false, autoincrement: true }),
        col("code", t.varchar(10), { collation: "utf8mb4_bin", onUpdate: sql`CURRENT_TIMESTAMP` }),
      ], { primaryKey: { columns: ["id"] } })]),
      { dialect: mysql },
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "alterColumn",
        table: "x",
        column: "id",
        type: t.bigint(),
        existingType: t.integer(),
        existingNullable: false,
        existingServerDefault: null,
        existingComment: null,
        existingAutoincrement: true,
      },
      {
        kind: "alterColumn",
        table: "x",
        column: "code",
        nullable: false,
        existingType: t.varchar(10),
        existingNullable: true,
        existingServerDefault: null,
        existingComment: null,
        existingCollation: "utf8mb4_bin",
        existingOnUpdate: sql`CURRENT_TIMESTAMP`,
      },
    ]);
  });

  it("compareType: false leaves types alone", async () => {
    const want = declared([users([t.column("n", t.bigint())])]);
    const have = database([usersAsRead({}, [col("n", t.integer())])]);
    assert.equal((await compare(want, have)).length, 1);
    assert.deepEqual(await compare(want, have, { compareType: false }), []);
  });

  it("server defaults only with compareServerDefault, as each database writes them back", async () => {
    const want = declared([users([
      t.column("a", t.text(), { serverDefault: "it's" }),
      t.column("b", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
      t.column("c", t.numeric(10, 2), { serverDefault: 0 }),
      t.column("d", t.text(), { serverDefault: "new" }),
      t.column("e", t.text()),
    ])]);
    const have = database([usersAsRead({}, [
      col("a", t.text(), { serverDefault: sql`'it''s'::text` }),
      col("b", t.timestamp({ tz: true }), { serverDefault: sql`now()` }),
      col("c", t.numeric(10, 2), { serverDefault: sql`0.00` }),
      col("d", t.text(), { serverDefault: sql`'old'::text` }),
      col("e", t.text(), { serverDefault: sql`'gone'::text` }),
    ])]);
    assert.deepEqual(await compare(want, have), []);
    const changes = await compare(want, have, { compareServerDefault: true });
    assert.deepEqual(descriptions(changes), [
      "server default changed from 'old'::text to 'new' on 'users.d'",
      "server default changed from 'gone'::text to none on 'users.e'",
    ]);
    assert.deepEqual(ops(changes)[1], {
      kind: "alterColumn",
      table: "users",
      column: "e",
      serverDefault: null,
      existingType: t.text(),
      existingNullable: true,
      existingServerDefault: sql`'gone'::text`,
      existingComment: null,
    });
  });

  it("column and table comments where the database keeps them", async () => {
    const want = declared([
      users([t.column("n", t.text(), { comment: "new" })], { comment: "people" }),
    ]);
    const have = database([
      usersAsRead({ comment: "persons" }, [col("n", t.text(), { comment: "old" })]),
    ]);
    const changes = await compare(want, have);
    assert.deepEqual(ops(changes), [
      {
        kind: "alterColumn",
        table: "users",
        column: "n",
        comment: "new",
        existingType: t.text(),
        existingNullable: true,
        existingServerDefault: null,
        existingComment: "old",
      },
      { kind: "createTableComment", table: "users", comment: "people", existingComment: "persons" },
    ]);
    const removed = await compare(declared([users([t.column("n", t.text())])]), have);
    assert.deepEqual(ops(removed).map((o) => o.kind), ["alterColumn", "dropTableComment"]);
    assert.deepEqual(ops(removed)[1], {
      kind: "dropTableComment",
      table: "users",
      existingComment: "persons",
    });
    assert.deepEqual(await compare(want, have, { dialect: sqlite }), []);
  });
});

describe("compareSchemas: what is not a change", () => {
  it("each database's synonyms of a type", async () => {
    const cases: [Dialect, Column["type"], Column["type"]][] = [
      [postgres, t.integer(), t.raw("int4")],
      [postgres, t.varchar(255), t.raw("character varying(255)")],
      [postgres, t.timestamp({ tz: true }), t.raw("timestamp with time zone")],
      [postgres, t.raw("timestamptz"), t.timestamp({ tz: true })],
      [postgres, t.char(), t.char(1)],
      [postgres, t.numeric(7), t.numeric(7, 0)],
      [postgres, t.raw("int4[]"), t.raw("integer[]")],
      [mysql, t.boolean(), t.raw("tinyint(1)")],
      [mysql, t.integer(), t.raw("int(11)")],
      [mysql, t.uuid(), t.char(36)],
      [mysql, t.jsonb(), t.json()],
      [mysql, t.numeric(), t.numeric(10, 0)],
      [mysql, t.timestamp({ tz: true, precision: 0 }), t.timestamp({ tz: true })],
      [sqlite, t.uuid(), t.char(32)],
      [sqlite, t.timestamp({ tz: true }), t.timestamp()],
      [sqlite, t.enum(["a", "bc"]), t.varchar(2)],
      [sqlite, t.raw("varchar( 20 )"), t.varchar(20)],
    ];
    for (const [dialect, want, have] of cases) {
      const changes = await compare(
        declared([
          table("x", [t.column("id", t.integer(), { primaryKey: true }), t.column("c", want)]),
        ]),
        database([reflected("x", [col("id", t.integer(), { nullable: false }), col("c", have)], {
          primaryKey: { columns: ["id"] },
        })]),
        { dialect },
      );
      assert.deepEqual(
        descriptions(changes),
        [],
        `${dialect.name}: ${JSON.stringify(want)} = ${JSON.stringify(have)}`,
      );
    }
  });

  it("a lone integer key reads back as identity, AUTO_INCREMENT, the rowid or SERIAL", async () => {
    const want = declared([table("x", [t.column("id", t.bigint(), { primaryKey: true })])]);
    const key = { primaryKey: { columns: ["id"] } };
    const cases: [Dialect, Column][] = [
      [postgres, col("id", t.bigint(), { nullable: false, identity: {} })],
      [
        postgres,
        col("id", t.bigint(), {
          nullable: false,
          autoincrement: false,
          serverDefault: sql`nextval('x_id_seq'::regclass)`,
        }),
      ],
      [mysql, col("id", t.bigint(), { nullable: false, autoincrement: true })],
      // SQLite writes it INTEGER: only that is the rowid.
      [sqlite, col("id", t.integer(), { nullable: false })],
    ];
    for (const [dialect, have] of cases) {
      const changes = await compare(want, database([reflected("x", [have], key)]), {
        dialect,
        compareServerDefault: true,
      });
      assert.deepEqual(descriptions(changes), [], `${dialect.name}: ${JSON.stringify(have)}`);
    }
  });

  it("keys as databases name them: PostgreSQL's own names, a unique index for a constraint", async () => {
    const want = declared([users([t.column("code", t.text())], {
      uniques: [["code", "name"]],
      indexes: [{ columns: ["name"] }],
    })]);
    const have = database([reflected("users", [
      col("id", t.integer(), { nullable: false, identity: {} }),
      col("email", t.varchar(255), { nullable: false }),
      col("name", t.varchar(100)),
      col("code", t.text()),
    ], {
      primaryKey: { name: "users_pkey", columns: ["id"] },
      uniques: [{ name: "users_email_key", columns: ["email"] }],
      indexes: [
        { name: "users_code_name_idx", columns: ["code", "name"], unique: true },
        { name: "users_name_idx", columns: ["name"], unique: false },
      ],
    })]);
    assert.deepEqual(await compare(want, have), []);
  });

  it("MySQL: a unique key for a unique index, and the index made for a foreign key", async () => {
    const want = declared([
      table("orgs", [t.column("id", t.integer(), { primaryKey: true })]),
      users([t.column("org_id", t.integer())], {
        foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"] }],
        indexes: [{ columns: ["name", "email"], unique: true }],
      }),
    ]);
    const have = database([
      reflected("orgs", [col("id", t.integer(), { nullable: false, autoincrement: true })], {
        primaryKey: { columns: ["id"] },
      }),
      reflected("users", [
        col("id", t.integer(), { nullable: false, autoincrement: true }),
        col("email", t.varchar(255), { nullable: false }),
        col("name", t.varchar(100)),
        col("org_id", t.integer()),
      ], {
        primaryKey: { columns: ["id"] },
        uniques: [
          { name: "uq_users_email", columns: ["email"] },
          { name: "uq_users_name_email", columns: ["name", "email"] },
        ],
        foreignKeys: [{
          name: "fk_users_org_id_orgs",
          columns: ["org_id"],
          referencesTable: "orgs",
          referencesColumns: ["id"],
        }],
        indexes: [{ name: "fk_users_org_id_orgs", columns: ["org_id"], unique: false }],
      }),
    ]);
    assert.deepEqual(await compare(want, have, { dialect: mysql }), []);
    // On PostgreSQL that index is the user's, and not declared: it goes.
    assert.deepEqual(descriptions(await compare(want, have)).filter((d) => d.includes("index")), [
      "removed index 'fk_users_org_id_orgs' on 'users'",
    ]);
  });

  it("index expressions and conditions as PostgreSQL rewrites them", async () => {
    const want = declared([users([], {
      indexes: [
        { name: "ix_lower", columns: [sql`lower(email)`], where: "name <> 'x' AND id > 0" },
        { name: "ix_keys", columns: [{ column: "name", descending: true, nulls: "first" }] },
      ],
    })]);
    const have = database([usersAsRead({
      indexes: [
        {
          name: "ix_lower",
          columns: [sql`lower((email)::text)`],
          unique: false,
          where: "(((name)::text <> 'x'::text) AND (id > 0))",
        },
        { name: "ix_keys", columns: [{ column: "name", descending: true }], unique: false },
      ],
    })]);
    assert.deepEqual(await compare(want, have), []);
  });

  it("foreign key actions each database reports for none", async () => {
    const fk = { columns: ["org_id"], references: "orgs", referencesColumns: ["id"] };
    const want = declared([
      table("orgs", [t.column("id", t.integer(), { primaryKey: true })]),
      users([t.column("org_id", t.integer())], { foreignKeys: [{ ...fk, onDelete: "RESTRICT" }] }),
    ]);
    const have = (onDelete?: "NO ACTION" | "RESTRICT") =>
      database([
        reflected("orgs", [col("id", t.integer(), { nullable: false, identity: {} })], {
          primaryKey: { columns: ["id"] },
        }),
        usersAsRead({
          foreignKeys: [{
            name: "fk_users_org_id_orgs",
            columns: ["org_id"],
            referencesTable: "orgs",
            referencesColumns: ["id"],
            ...(onDelete ? { onDelete } : {}),
          }],
        }, [col("org_id", t.integer())]),
      ]);
    // MariaDB leaves out the RESTRICT it reports for none; on MySQL RESTRICT is NO ACTION.
    assert.deepEqual(await compare(want, have(), { dialect: mysql }), []);
    assert.deepEqual(await compare(want, have("NO ACTION"), { dialect: mysql }), []);
    // On PostgreSQL RESTRICT is not NO ACTION.
    assert.deepEqual(descriptions(await compare(want, have("NO ACTION"))), [
      "removed foreign key 'fk_users_org_id_orgs' on 'users' (org_id) -> orgs (id) (changed: dropped to be created again)",
      "added foreign key 'fk_users_org_id_orgs' on 'users' (org_id) -> orgs (id)",
    ]);
    assert.deepEqual(await compare(want, have("RESTRICT")), []);
  });

  it("check conditions as the database rewrites them; unnamed checks", async () => {
    const want = declared([
      users([], { checks: [{ name: "ck_users_name", condition: "name <> ''" }] }),
    ]);
    const have = database([usersAsRead({
      checks: [
        { name: "ck_users_name", condition: "((name)::text <> ''::text)" },
        { condition: `"status" IN ('a', 'b')` },
      ],
    })]);
    assert.deepEqual(await compare(want, have), []);
  });
});

describe("compareSchemas: keys and constraints", () => {
  it("indexes added, removed and changed, each drop carrying the index", async () => {
    const want = declared([users([], {
      indexes: [{ columns: ["name"] }, { name: "ix_both", columns: ["name", "email"] }],
    })]);
    const old = { name: "ix_both", columns: ["email"], unique: false };
    const gone = { name: "ix_gone", columns: ["email", "name"], unique: true, where: "id > 0" };
    const changes = await compare(want, database([usersAsRead({ indexes: [old, gone] })]));
    assert.deepEqual(ops(changes), [
      { kind: "dropIndex", name: "ix_both", table: "users", existing: old },
      { kind: "dropIndex", name: "ix_gone", table: "users", existing: gone },
      {
        kind: "createIndex",
        table: "users",
        name: "ix_both",
        columns: ["name", "email"],
        unique: false,
      },
      {
        kind: "createIndex",
        table: "users",
        name: "ix_users_name",
        columns: ["name"],
        unique: false,
      },
    ]);
    assert.deepEqual(descriptions(changes), [
      "removed index 'ix_both' on 'users' (changed: dropped to be created again)",
      "removed index 'ix_gone' on 'users'",
      "added index 'ix_both' on '['name', 'email']'",
      "added index 'ix_users_name' on '['name']'",
    ]);
    assert.deepEqual(reverse(changes[1].op), {
      kind: "createIndex",
      table: "users",
      ...gone,
    });
  });

  it("unique constraints added and removed", async () => {
    const changes = await compare(
      declared([users([], { uniques: [["name"]] })]),
      database([usersAsRead({
        uniques: [{ name: "uq_users_email", columns: ["email"] }, {
          name: "uq_old",
          columns: ["email", "name"],
        }],
      })]),
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "dropConstraint",
        table: "users",
        name: "uq_old",
        type: "unique",
        existing: { name: "uq_old", columns: ["email", "name"] },
      },
      { kind: "createUniqueConstraint", table: "users", name: "uq_users_name", columns: ["name"] },
    ]);
    assert.deepEqual(descriptions(changes), [
      "removed unique constraint 'uq_old' on 'users'",
      "added unique constraint 'uq_users_name' on '['name']'",
    ]);
  });

  it("foreign keys added, removed and changed, with their options", async () => {
    const want = declared([
      table("orgs", [t.column("id", t.integer(), { primaryKey: true })]),
      users([t.column("org_id", t.integer()), t.column("boss", t.integer())], {
        foreignKeys: [
          {
            columns: ["org_id"],
            references: "orgs",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
          },
          {
            columns: ["boss"],
            references: "users",
            referencesColumns: ["id"],
            deferrable: true,
            initially: "DEFERRED",
          },
        ],
      }),
    ]);
    const existing = {
      name: "fk_users_org_id_orgs",
      columns: ["org_id"],
      referencesTable: "orgs",
      referencesColumns: ["id"],
    };
    const old = {
      name: "users_boss_fkey",
      columns: ["boss"],
      referencesTable: "orgs",
      referencesColumns: ["id"],
    };
    const have = database([
      reflected("orgs", [col("id", t.integer(), { nullable: false, identity: {} })], {
        primaryKey: { name: "pk_orgs", columns: ["id"] },
      }),
      usersAsRead({ foreignKeys: [existing, old] }, [
        col("org_id", t.integer()),
        col("boss", t.integer()),
      ]),
    ]);
    const changes = await compare(want, have);
    assert.deepEqual(ops(changes), [
      {
        kind: "dropConstraint",
        table: "users",
        name: "fk_users_org_id_orgs",
        type: "foreignkey",
        existing,
      },
      {
        kind: "dropConstraint",
        table: "users",
        name: "users_boss_fkey",
        type: "foreignkey",
        existing: old,
      },
      { kind: "createForeignKey", table: "users", ...existing, onDelete: "CASCADE" },
      {
        kind: "createForeignKey",
        table: "users",
        name: "fk_users_boss_users",
        columns: ["boss"],
        referencesTable: "users",
        referencesColumns: ["id"],
        deferrable: true,
        initially: "DEFERRED",
      },
    ]);
    assert.deepEqual(reverse(changes[1].op), { kind: "createForeignKey", table: "users", ...old });
  });

  it("named checks added and removed; unnamed ones left alone", async () => {
    const changes = await compare(
      declared([users([], { checks: [{ name: "ck_new", condition: "id > 0" }] })]),
      database([
        usersAsRead({
          checks: [{ name: "ck_old", condition: "id < 9" }, { condition: "id <> 5" }],
        }),
      ]),
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "dropConstraint",
        table: "users",
        name: "ck_old",
        type: "check",
        existing: { name: "ck_old", condition: "id < 9" },
      },
      { kind: "createCheckConstraint", table: "users", name: "ck_new", condition: "id > 0" },
    ]);
  });

  it("a primary key on other columns", async () => {
    const changes = await compare(
      declared([table("m", [
        t.column("a", t.integer(), { nullable: false }),
        t.column("b", t.integer(), { nullable: false }),
      ], { primaryKey: ["a", "b"] })]),
      database([
        reflected("m", [
          col("a", t.integer(), { nullable: false }),
          col("b", t.integer(), { nullable: false }),
        ], {
          primaryKey: { columns: ["a"] },
        }),
      ]),
      { dialect: mysql },
    );
    assert.deepEqual(ops(changes), [
      {
        kind: "dropConstraint",
        table: "m",
        name: "PRIMARY",
        type: "primary",
        existing: { columns: ["a"] },
      },
      { kind: "createPrimaryKey", table: "m", name: "pk_m", columns: ["a", "b"] },
    ]);
  });
});

describe("compareSchemas: PostgreSQL enum types", () => {
  const mood = (values: string[]) =>
    table("people", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("mood", t.enum(values, { name: "mood" })),
    ]);
  const moodAsRead = (values: string[]) =>
    database([reflected("people", [
      col("id", t.integer(), { nullable: false, identity: {} }),
      col("mood", t.enum(values, { name: "mood" })),
    ], { primaryKey: { name: "pk_people", columns: ["id"] } })], [{ name: "mood", values }]);

  it("new values, placed as declared", async () => {
    const changes = await compare(
      declared([mood(["first", "sad", "ok", "happy", "last"])]),
      moodAsRead(["sad", "happy"]),
    );
    assert.deepEqual(ops(changes), [
      { kind: "addEnumValue", name: "mood", value: "first", before: "sad" },
      { kind: "addEnumValue", name: "mood", value: "ok", after: "sad" },
      { kind: "addEnumValue", name: "mood", value: "last", after: "happy" },
    ]);
    assert.deepEqual(descriptions(changes)[0], "added enum value 'first' to 'mood'");
  });

  it("a new type of its own; one nothing uses dropped with its values", async () => {
    const changes = await compare(
      declared([mood(["sad"])], [{ name: "color", values: ["red"] }]),
      database(moodAsRead(["sad"]).tables, [{ name: "mood", values: ["sad"] }, {
        name: "old",
        values: ["x"],
      }]),
    );
    assert.deepEqual(ops(changes), [
      { kind: "createEnumType", name: "color", values: ["red"] },
      { kind: "dropEnumType", name: "old", existingValues: ["x"] },
    ]);
    assert.deepEqual(reverse(changes[1].op), {
      kind: "createEnumType",
      name: "old",
      values: ["x"],
    });
  });

  it("a type used by a column being dropped is left to that drop; a retyped column frees it", async () => {
    const dropped = await compare(declared([]), moodAsRead(["sad"]));
    assert.deepEqual(ops(dropped).map((o) => o.kind), ["dropTable"]);
    const retyped = await compare(
      declared([
        table("people", [
          t.column("id", t.integer(), { primaryKey: true }),
          t.column("mood", t.text()),
        ]),
      ]),
      moodAsRead(["sad"]),
    );
    assert.deepEqual(ops(retyped).map((o) => o.kind), ["alterColumn", "dropEnumType"]);
  });

  it("nothing on MySQL, where the values are the column's type", async () => {
    const changes = await compare(declared([mood(["sad", "happy"])]), moodAsRead(["sad"]), {
      dialect: mysql,
    });
    assert.deepEqual(descriptions(changes), [
      "type change from ENUM('sad') to ENUM('sad', 'happy') on 'people.mood'",
    ]);
  });
});

describe("compareSchemas: order", () => {
  it("new tables after the tables they reference; a cycle closed by createForeignKey", async () => {
    const a = table("a", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("b_id", t.integer()),
    ], {
      foreignKeys: [{ columns: ["b_id"], references: "b", referencesColumns: ["id"] }],
    });
    const b = table("b", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("c_id", t.integer()),
    ], {
      foreignKeys: [{ columns: ["c_id"], references: "c", referencesColumns: ["id"] }],
    });
    const c = table("c", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("a_id", t.integer()),
    ], {
      foreignKeys: [{ columns: ["a_id"], references: "a", referencesColumns: ["id"] }],
    });
    const leaf = table("leaf", [t.column("id", t.integer(), { primaryKey: true })]);
    assert.deepEqual(descriptions(await compare(declared([a, b, leaf]), database([]))), [
      "added table 'b'",
      "added table 'a'",
      "added table 'leaf'",
    ]);
    const cycle = await compare(declared([a, b, c]), database([]));
    assert.deepEqual(descriptions(cycle), [
      "added table 'a'",
      "added table 'c'",
      "added table 'b'",
      "added foreign key 'fk_a_b_id_b' on 'a' (b_id) -> b (id)",
    ]);
    assert.deepEqual((cycle[0].op as Table).foreignKeys, []);
  });

  it("the whole order: enums, renames, foreign keys and tables dropped, table changes, new tables, new foreign keys", async () => {
    const want = declared([
      table("orgs", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("kind", t.enum(["a", "b"], { name: "kind" })),
      ]),
      users([t.column("org_id", t.integer()), t.column("team_id", t.integer())], {
        foreignKeys: [{ columns: ["team_id"], references: "teams", referencesColumns: ["id"] }],
        indexes: [{ columns: ["name"] }],
      }),
      table("teams", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("org_id", t.integer()),
      ], {
        foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"] }],
      }),
    ]);
    const have = database([
      reflected("companies", [
        col("id", t.integer(), { nullable: false, identity: {} }),
        col("kind", t.enum(["a"], { name: "kind" })),
      ], { primaryKey: { name: "pk_orgs", columns: ["id"] } }),
      reflected("old_posts", [
        col("id", t.integer(), { nullable: false }),
        col("user_id", t.integer()),
      ], {
        primaryKey: { name: "pk_old_posts", columns: ["id"] },
        foreignKeys: [{
          name: "fk_posts_user",
          columns: ["user_id"],
          referencesTable: "users",
          referencesColumns: ["id"],
        }],
      }),
      usersAsRead({
        foreignKeys: [{
          name: "fk_users_org",
          columns: ["org_id"],
          referencesTable: "companies",
          referencesColumns: ["id"],
        }],
        indexes: [{ name: "ix_users_email", columns: ["email"], unique: false }],
      }, [col("org_id", t.integer()), col("age", t.integer())]),
    ], [{ name: "kind", values: ["a"] }]);
    const changes = await compare(want, have, {
      renames: { tables: new Map([["companies", "orgs"]]) },
    });
    assert.deepEqual(ops(changes).map((o) => o.kind), [
      "addEnumValue",
      "renameTable",
      "dropConstraint",
      "dropTable",
      "dropIndex",
      "addColumn",
      "createIndex",
      "dropColumn",
      "createTable",
      "createForeignKey",
    ]);
    assert.deepEqual(descriptions(changes), [
      "added enum value 'b' to 'kind'",
      "renamed table 'companies' to 'orgs'",
      "removed foreign key 'fk_users_org' on 'users' (org_id) -> orgs (id)",
      "removed table 'old_posts'",
      "removed index 'ix_users_email' on 'users'",
      "added column 'users.team_id'",
      "added index 'ix_users_name' on '['name']'",
      "removed column 'users.age'",
      "added table 'teams'",
      "added foreign key 'fk_users_team_id_teams' on 'users' (team_id) -> teams (id)",
    ]);
  });

  it("dropped tables: those that reference others first; a cycle broken by dropping a key", async () => {
    const fk = (name: string, to: string) => ({
      name,
      columns: ["ref"],
      referencesTable: to,
      referencesColumns: ["id"],
    });
    const x = (name: string, foreignKeys: Table["foreignKeys"]) =>
      reflected(name, [col("id", t.integer(), { nullable: false }), col("ref", t.integer())], {
        primaryKey: { columns: ["id"] },
        foreignKeys,
      });
    const chain = await compare(
      declared([]),
      database([x("p", []), x("q", [fk("q_p", "p")]), x("r", [fk("r_q", "q")])]),
    );
    assert.deepEqual(descriptions(chain), [
      "removed table 'r'",
      "removed table 'q'",
      "removed table 'p'",
    ]);
    const p = x("p", [fk("p_q", "q")]);
    const q = x("q", [fk("q_p", "p")]);
    const cycle = await compare(declared([]), database([p, q]));
    assert.deepEqual(ops(cycle), [
      {
        kind: "dropConstraint",
        table: "q",
        name: "q_p",
        type: "foreignkey",
        existing: fk("q_p", "p"),
      },
      { kind: "dropTable", table: "p", existing: p },
      { kind: "dropTable", table: "q", existing: { ...q, foreignKeys: [] } },
    ]);
  });
});

describe("compareSchemas: renames", () => {
  it("--rename-table: renameTable, then the table compared under its new name", async () => {
    const want = declared([table("people", [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("name", t.text()),
    ], { primaryKey: { name: "pk_users", columns: ["id"] } })]);
    const have = database([
      reflected("users", [
        col("id", t.integer(), { nullable: false, identity: {} }),
        col("name", t.varchar(10)),
      ], {
        primaryKey: { name: "pk_users", columns: ["id"] },
      }),
    ]);
    const changes = await compare(want, have, {
      renames: { tables: new Map([["users", "people"]]) },
    });
    assert.deepEqual(ops(changes), [
      { kind: "renameTable", table: "users", newName: "people" },
      {
        kind: "alterColumn",
        table: "people",
        column: "name",
        type: t.text(),
        existingType: t.varchar(10),
        existingNullable: true,
        existingServerDefault: null,
        existingComment: null,
      },
    ]);
    assert.deepEqual(reverse(changes[0].op), {
      kind: "renameTable",
      table: "people",
      newName: "users",
    });
    // Without the hint: a drop and an add.
    assert.deepEqual(ops(await compare(want, have)).map((o) => o.kind), [
      "dropTable",
      "createTable",
    ]);
  });

  it("--rename-column: alterColumn with newName; keys on it stay the same keys", async () => {
    const want = declared([
      users([t.column("mail", t.text())], { indexes: [{ name: "ix_mail", columns: ["mail"] }] }),
    ]);
    const have = database([
      usersAsRead({ indexes: [{ name: "ix_mail", columns: ["e_mail"], unique: false }] }, [
        col("e_mail", t.text(), { comment: "c" }),
      ]),
    ]);
    const changes = await compare(want, have, {
      renames: { columns: new Map([["users.e_mail", "mail"]]) },
    });
    assert.deepEqual(ops(changes), [{
      kind: "alterColumn",
      table: "users",
      column: "e_mail",
      newName: "mail",
      comment: null,
      existingType: t.text(),
      existingNullable: true,
      existingServerDefault: null,
      existingComment: "c",
    }]);
    assert.deepEqual(reverse(changes[0].op), {
      kind: "alterColumn",
      table: "users",
      column: "mail",
      newName: "e_mail",
      comment: "c",
      existingComment: null,
      existingType: t.text(),
      existingNullable: true,
      existingServerDefault: null,
    });
  });

  it("a hint that does not fit (the old name is declared too, or the new one exists) is not used", async () => {
    const want = declared([users([t.column("a", t.text()), t.column("b", t.text())])]);
    const have = database([usersAsRead({}, [col("a", t.text())])]);
    const changes = await compare(want, have, {
      renames: { columns: new Map([["users.a", "b"]]) },
    });
    assert.deepEqual(ops(changes).map((o) => o.kind), ["addColumn"]);
  });

  it("renameCandidates: tables with the same columns, columns of the same type", () => {
    const want = declared([
      table("people", [t.column("id", t.integer(), { primaryKey: true }), t.column("n", t.text())]),
      users([t.column("mail", t.text()), t.column("age", t.bigint())]),
    ]);
    const have = database([
      reflected("persons", [col("id", t.integer(), { nullable: false }), col("n", t.text())]),
      reflected("other", [col("id", t.integer(), { nullable: false })]),
      usersAsRead({}, [col("e_mail", t.text()), col("years", t.integer())]),
    ]);
    assert.deepEqual(renameCandidates(want, have, { dialect: postgres }), [
      { kind: "table", from: "persons", to: "people" },
      { kind: "column", table: "users", from: "e_mail", to: "mail" },
    ]);
    assert.deepEqual(
      renameCandidates(want, have, {
        dialect: postgres,
        renames: {
          tables: new Map([["persons", "people"]]),
          columns: new Map([["users.e_mail", "mail"]]),
        },
      }),
      [],
    );
  });
});

describe("compareSchemas: filters and excluded tables", () => {
  it("asks the include filter about every object, with Alembic's arguments", async () => {
    const calls: [string, ObjectType, boolean, boolean, ParentNames][] = [];
    const include = (
      _object: unknown,
      name: string,
      type: ObjectType,
      isReflected: boolean,
      compareTo: unknown,
      parents: ParentNames,
    ) => {
      calls.push([name, type, isReflected, compareTo !== null, parents]);
      return Promise.resolve(true);
    };
    const want = declared([
      users([t.column("org_id", t.integer())], {
        foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"] }],
        checks: [{ name: "ck_id", condition: "id > 0" }],
        indexes: [{ columns: ["name"] }],
      }),
      table("orgs", [t.column("id", t.integer(), { primaryKey: true })]),
    ]);
    const have = database([
      usersAsRead({}, [col("gone", t.text())]),
      reflected("old", [col("id", t.integer())]),
    ]);
    await compare(want, have, { include });
    const inUsers = { tableName: "users" };
    assert.deepEqual(calls, [
      ["users", "table", false, true, {}],
      ["orgs", "table", false, false, {}],
      ["old", "table", true, false, {}],
      ["id", "column", false, true, inUsers],
      ["email", "column", false, true, inUsers],
      ["name", "column", false, true, inUsers],
      ["org_id", "column", false, false, inUsers],
      ["gone", "column", true, false, inUsers],
      ["uq_users_email", "unique_constraint", false, true, inUsers],
      ["ix_users_name", "index", false, false, inUsers],
      ["fk_users_org_id_orgs", "foreign_key_constraint", false, false, inUsers],
      ["ck_id", "check_constraint", false, false, inUsers],
      ["id", "column", false, false, { tableName: "orgs" }],
    ]);
  });

  it("an object the filter turns down is neither added, changed nor dropped", async () => {
    const want = declared([
      users([t.column("age", t.bigint()), t.column("new", t.text())], {
        indexes: [{ columns: ["name"] }],
      }),
      table("skipped", [t.column("id", t.integer(), { primaryKey: true })]),
      table("fresh", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("secret", t.text()),
      ], { indexes: [{ columns: ["secret"] }] }),
    ]);
    const have = database([
      usersAsRead({}, [col("age", t.integer()), col("legacy", t.text())]),
      reflected("keep_me", [col("id", t.integer())]),
    ]);
    const turnedDown = new Set([
      "age",
      "new",
      "legacy",
      "ix_users_name",
      "skipped",
      "keep_me",
      "secret",
      "ix_fresh_secret",
    ]);
    const changes = await compare(want, have, {
      include: (_o, name) => Promise.resolve(!turnedDown.has(name)),
    });
    assert.deepEqual(descriptions(changes), ["added table 'fresh'"]);
    const fresh = changes[0].op as Table;
    assert.deepEqual(fresh.columns.map((c) => c.name), ["id"]);
    assert.deepEqual(fresh.indexes, []);
  });

  it("excluded tables (the version table and its lock) are never compared", async () => {
    const want = declared([table("retort_version", [t.column("x", t.text())])]);
    const have = database([
      reflected("retort_version", [col("version_num", t.varchar(64))]),
      reflected("retort_version_lock", []),
    ]);
    let asked = 0;
    const changes = await compare(want, have, {
      exclude: ["retort_version", "retort_version_lock"],
      include: () => Promise.resolve(++asked > 0),
    });
    assert.deepEqual(changes, []);
    assert.equal(asked, 0);
  });

  it("tables of other schemas are compared within their schema", async () => {
    const want = declared([
      table("log", [t.column("id", t.integer(), { primaryKey: true })], { schema: "audit" }),
    ]);
    const have = database([
      reflected("log", [col("id", t.integer(), { nullable: false, identity: {} })], {
        primaryKey: { name: "pk_log", columns: ["id"] },
      }),
    ]);
    assert.deepEqual(descriptions(await compare(want, have)), [
      "removed table 'log'",
      "added table 'audit.log'",
    ]);
    const there = database([{ ...have.tables[0], schema: "audit" }]);
    assert.deepEqual(await compare(want, there), []);
    const changes = await compare(declared([]), there);
    assert.deepEqual(ops(changes), [{
      kind: "dropTable",
      table: "log",
      schema: "audit",
      existing: there.tables[0],
    }]);
  });
});
