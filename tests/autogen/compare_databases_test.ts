// compareSchemas against real databases, each of SQLite, PostgreSQL and MariaDB:
// - what retort creates from a declaration compares equal to it, for every t.* type, every
//   kind of server default, key, constraint and index (no false positives);
// - a corpus of changes, each giving exactly its ops; run, they leave no change;
// - Alembic's known false positives (defaults with quotes, backslashes, casts and functions;
//   MySQL's tinyint(1) and implicit foreign-key indexes; PostgreSQL's int4/varchar synonyms,
//   SERIAL, and a unique index standing for a unique constraint) are none here.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Column } from "../../src/schema/column.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import type { CreateTableOptions } from "../../src/schema/table_builder.ts";
import type { TableDeclaration } from "../../src/schema/define_schema.ts";
import { defineSchema, table } from "../../src/schema/define_schema.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import type { DatabaseKind, ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";
import { CompareSession, described, model } from "./_compare.ts";
import { everything } from "./_declarations.ts";
import type { CompareOptions } from "../../src/autogen/schema_change.ts";

/** `createTable`'s options, for a case to change. */
type Options = { -readonly [K in keyof CreateTableOptions]: CreateTableOptions[K] };

/** The tables every corpus case starts from (and changes one thing of). */
function base(
  change: {
    orgs?: (columns: Column[], options: Options) => void;
    users?: (columns: Column[], options: Options) => void;
    extra?: TableDeclaration[];
    only?: string[];
  } = {},
): TableDeclaration[] {
  const orgs = {
    columns: [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("name", t.varchar(50), { nullable: false }),
    ],
    options: {} as Options,
  };
  const users = {
    columns: [
      t.column("id", t.integer(), { primaryKey: true }),
      t.column("email", t.varchar(255), { nullable: false }),
      t.column("name", t.varchar(100)),
      t.column("age", t.integer()),
      t.column("org_id", t.integer()),
      t.column("status", t.enum(["on", "off"])),
    ],
    options: {
      foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"] }],
      indexes: [{ columns: ["email"], unique: true }],
    } as Options,
  };
  change.orgs?.(orgs.columns, orgs.options);
  change.users?.(users.columns, users.options);
  const tables = [
    table("orgs", orgs.columns, orgs.options),
    table("users", users.columns, users.options),
  ].filter((x) => change.only === undefined || change.only.includes(x.table));
  return [...tables, ...(change.extra ?? [])];
}

/** Replaces the column named `name`. */
function replace(columns: Column[], name: string, column: Column): void {
  columns.splice(columns.findIndex((c) => c.name === name), 1, column);
}

const projects = table("projects", [
  t.column("id", t.integer(), { primaryKey: true }),
  t.column("team_id", t.integer(), { nullable: false }),
], { foreignKeys: [{ columns: ["team_id"], references: "teams", referencesColumns: ["id"] }] });
const teams = table("teams", [
  t.column("id", t.integer(), { primaryKey: true }),
  t.column("org_id", t.integer()),
], { foreignKeys: [{ columns: ["org_id"], references: "orgs", referencesColumns: ["id"] }] });

const cyclic = [
  table("authors", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("best_book", t.integer()),
  ], { foreignKeys: [{ columns: ["best_book"], references: "books", referencesColumns: ["id"] }] }),
  table("books", [
    t.column("id", t.integer(), { primaryKey: true }),
    t.column("author", t.integer()),
  ], { foreignKeys: [{ columns: ["author"], references: "authors", referencesColumns: ["id"] }] }),
];

interface Case {
  readonly name: string;
  /** The tables first created (default `base()`). */
  readonly before?: TableDeclaration[];
  readonly kinds?: readonly DatabaseKind[];
  readonly after: TableDeclaration[];
  /** The ops expected, given the database as it was read before the change. */
  readonly ops: (kind: DatabaseKind, before: DatabaseSchema) => Op[];
  readonly descriptions?: (kind: DatabaseKind) => string[];
  readonly options?: Partial<CompareOptions>;
  /** Checks after the ops ran. */
  readonly then?: (session: CompareSession) => Promise<void>;
}

const tableOf = (schema: DatabaseSchema, name: string): Table =>
  schema.tables.find((x) => x.table === name)!;
const columnOf = (schema: DatabaseSchema, table: string, name: string) =>
  tableOf(schema, table).columns.find((c) => c.name === name)!;
const unchanged = (before: DatabaseSchema, table: string, column: string) => {
  const c = columnOf(before, table, column);
  return {
    existingType: c.type,
    existingNullable: c.nullable ?? true,
    existingServerDefault: c.serverDefault ?? null,
    existingComment: c.comment ?? null,
  };
};

const cases: Case[] = [
  {
    name: "an added column",
    after: base({ users: (c) => void c.push(t.column("nickname", t.varchar(50))) }),
    ops: () => [{ kind: "addColumn", table: "users", column: t.column("nickname", t.varchar(50)) }],
    descriptions: () => ["added column 'users.nickname'"],
  },
  {
    name: "a dropped column, carried for the downgrade",
    after: base({ users: (c) => void c.splice(3, 1) }),
    ops: (_, before) => [{
      kind: "dropColumn",
      table: "users",
      column: "age",
      existing: columnOf(before, "users", "age"),
    }],
    descriptions: () => ["removed column 'users.age'"],
  },
  {
    name: "a column made NOT NULL",
    after: base({
      users: (c) => replace(c, "name", t.column("name", t.varchar(100), { nullable: false })),
    }),
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "name",
      nullable: false,
      ...unchanged(before, "users", "name"),
    }],
    descriptions: () => ["NOT NULL on column 'users.name'"],
  },
  {
    name: "a column made nullable",
    after: base({
      users: (c) => replace(c, "email", t.column("email", t.varchar(255), { nullable: true })),
    }),
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "email",
      nullable: true,
      ...unchanged(before, "users", "email"),
    }],
    descriptions: () => ["NULL on column 'users.email'"],
  },
  {
    name: "a type change",
    after: base({ users: (c) => replace(c, "age", t.column("age", t.bigint())) }),
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "age",
      type: t.bigint(),
      ...unchanged(before, "users", "age"),
    }],
    descriptions: () => ["type change from INTEGER to BIGINT on 'users.age'"],
  },
  {
    name: "a numbered key widened to BIGINT keeps numbering rows",
    after: base({
      users: (c) => replace(c, "id", t.column("id", t.bigint(), { primaryKey: true })),
    }),
    // SQLite's key is the rowid, INTEGER whatever the declared width: nothing to change.
    ops: (kind, before) =>
      kind === "sqlite" ? [] : [{
        kind: "alterColumn",
        table: "users",
        column: "id",
        type: t.bigint(),
        ...unchanged(before, "users", "id"),
        ...(kind === "mysql" ? { existingAutoincrement: true } : {}),
      }],
    then: async (session) => {
      await session.conn.execute("INSERT INTO users (email) VALUES ('a@b')");
      const [row] = await session.conn.query("SELECT id FROM users");
      assert.equal(Number(row.id), 1);
    },
  },
  {
    name: "a varchar made longer, with a default and NOT NULL at once",
    after: base({
      users: (c) =>
        replace(
          c,
          "name",
          t.column("name", t.varchar(200), { nullable: false, serverDefault: "it's" }),
        ),
    }),
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "name",
      nullable: false,
      type: t.varchar(200),
      serverDefault: "it's",
      ...unchanged(before, "users", "name"),
    }],
  },
  {
    name: "a server default added",
    after: base({
      users: (c) => replace(c, "age", t.column("age", t.integer(), { serverDefault: 18 })),
    }),
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "age",
      serverDefault: 18,
      ...unchanged(before, "users", "age"),
    }],
    descriptions: () => ["server default changed from none to 18 on 'users.age'"],
  },
  {
    name: "an added index",
    after: base({
      users: (_, o) => void (o.indexes = [...o.indexes!, { columns: ["name", "age"] }]),
    }),
    ops: () => [{
      kind: "createIndex",
      table: "users",
      name: "ix_users_name_age",
      columns: ["name", "age"],
      unique: false,
    }],
    descriptions: () => ["added index 'ix_users_name_age' on '['name', 'age']'"],
  },
  {
    name: "a dropped index, carried for the downgrade",
    after: base({ users: (_, o) => void (o.indexes = []) }),
    ops: (kind, before) => {
      const existing = tableOf(before, "users");
      // MySQL keeps a unique index of whole columns as a unique constraint.
      return kind === "mysql"
        ? [{
          kind: "dropConstraint",
          table: "users",
          name: "uq_users_email",
          type: "unique",
          existing: existing.uniques.find((u) => u.name === "uq_users_email")!,
        }]
        : [{
          kind: "dropIndex",
          name: "uq_users_email",
          table: "users",
          existing: existing.indexes.find((ix) => ix.name === "uq_users_email")!,
        }];
    },
  },
  {
    name: "an added unique constraint",
    after: base({ orgs: (_, o) => void (o.uniques = [["name"]]) }),
    ops: () => [{
      kind: "createUniqueConstraint",
      table: "orgs",
      name: "uq_orgs_name",
      columns: ["name"],
    }],
    descriptions: () => ["added unique constraint 'uq_orgs_name' on '['name']'"],
  },
  {
    name: "a foreign key whose ON DELETE changes",
    after: base({
      users: (_, o) =>
        void (o.foreignKeys = [{
          columns: ["org_id"],
          references: "orgs",
          referencesColumns: ["id"],
          onDelete: "CASCADE",
        }]),
    }),
    ops: (_, before) => [
      {
        kind: "dropConstraint",
        table: "users",
        name: "fk_users_org_id_orgs",
        type: "foreignkey",
        existing: tableOf(before, "users").foreignKeys[0],
      },
      {
        kind: "createForeignKey",
        table: "users",
        name: "fk_users_org_id_orgs",
        columns: ["org_id"],
        referencesTable: "orgs",
        referencesColumns: ["id"],
        onDelete: "CASCADE",
      },
    ],
  },
  {
    name: "a foreign key added and one removed",
    after: base({
      users: (c, o) => {
        c.push(t.column("manager_id", t.integer()));
        o.foreignKeys = [{
          columns: ["manager_id"],
          references: "users",
          referencesColumns: ["id"],
          onDelete: "SET NULL",
          onUpdate: "CASCADE",
        }];
      },
    }),
    ops: (kind, before) => [
      {
        kind: "dropConstraint",
        table: "users",
        name: "fk_users_org_id_orgs",
        type: "foreignkey",
        existing: tableOf(before, "users").foreignKeys[0],
      },
      // The index MySQL made for the dropped foreign key goes with it.
      ...(kind === "mysql"
        ? [{
          kind: "dropIndex" as const,
          name: "fk_users_org_id_orgs",
          table: "users",
          existing: { name: "fk_users_org_id_orgs", columns: ["org_id"], unique: false },
        }]
        : []),
      { kind: "addColumn", table: "users", column: t.column("manager_id", t.integer()) },
      {
        kind: "createForeignKey",
        table: "users",
        name: "fk_users_manager_id_users",
        columns: ["manager_id"],
        referencesTable: "users",
        referencesColumns: ["id"],
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      },
    ],
  },
  {
    name: "a named check added",
    after: base({
      users: (_, o) => void (o.checks = [{ name: "ck_users_age", condition: "age >= 0" }]),
    }),
    ops: () => [{
      kind: "createCheckConstraint",
      table: "users",
      name: "ck_users_age",
      condition: "age >= 0",
    }],
  },
  {
    name: "comments on a table and a column",
    kinds: ["postgres", "mysql"],
    after: base({
      users: (c, o) => {
        replace(c, "age", t.column("age", t.integer(), { comment: "in years" }));
        o.comment = "people's table";
      },
    }),
    ops: (_, before) => [
      {
        kind: "alterColumn",
        table: "users",
        column: "age",
        comment: "in years",
        ...unchanged(before, "users", "age"),
      },
      { kind: "createTableComment", table: "users", comment: "people's table" },
    ],
  },
  {
    name: "a new enum value",
    after: base({
      users: (c) => replace(c, "status", t.column("status", t.enum(["on", "off", "paused"]))),
    }),
    ops: (kind, before) =>
      kind === "postgres"
        ? [{ kind: "addEnumValue", name: "users_status_enum", value: "paused", after: "off" }]
        : [{
          kind: "alterColumn",
          table: "users",
          column: "status",
          type: t.enum(["on", "off", "paused"]),
          ...unchanged(before, "users", "status"),
        }],
    descriptions: (kind) =>
      kind === "postgres" ? ["added enum value 'paused' to 'users_status_enum'"] : [
        `type change from ${kind === "mysql" ? "ENUM('on', 'off')" : "VARCHAR(3)"} to ${
          kind === "mysql" ? "ENUM('on', 'off', 'paused')" : "VARCHAR(6)"
        } on 'users.status'`,
      ],
  },
  {
    name: "an index changed under the same name",
    after: base({
      users: (_, o) =>
        void (o.indexes = [{ name: "uq_users_email", columns: ["email", "name"], unique: true }]),
    }),
    ops: (kind, before) => [
      kind === "mysql"
        ? {
          kind: "dropConstraint",
          table: "users",
          name: "uq_users_email",
          type: "unique",
          existing: tableOf(before, "users").uniques[0],
        }
        : {
          kind: "dropIndex",
          name: "uq_users_email",
          table: "users",
          existing: tableOf(before, "users").indexes[0],
        },
      {
        kind: "createIndex",
        table: "users",
        name: "uq_users_email",
        columns: ["email", "name"],
        unique: true,
      },
    ],
  },
  {
    name: "a column renamed as asked, and changed too",
    after: base({ users: (c) => replace(c, "name", t.column("full_name", t.varchar(150))) }),
    options: { renames: { columns: new Map([["users.name", "full_name"]]) } },
    ops: (_, before) => [{
      kind: "alterColumn",
      table: "users",
      column: "name",
      newName: "full_name",
      type: t.varchar(150),
      ...unchanged(before, "users", "name"),
    }],
    descriptions: () => [
      "renamed column 'users.name' to 'users.full_name'; type change from VARCHAR(100) to VARCHAR(150) on 'users.full_name'",
    ],
  },
  {
    name: "a table renamed as asked",
    after: base({
      only: ["users"],
      extra: [table("companies", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("name", t.varchar(50), { nullable: false }),
      ], { primaryKey: { name: "pk_orgs", columns: ["id"] } })],
      users: (_, o) =>
        void (o.foreignKeys = [{
          name: "fk_users_org_id_orgs",
          columns: ["org_id"],
          references: "companies",
          referencesColumns: ["id"],
        }]),
    }),
    options: { renames: { tables: new Map([["orgs", "companies"]]) } },
    ops: () => [{ kind: "renameTable", table: "orgs", newName: "companies" }],
    descriptions: () => ["renamed table 'orgs' to 'companies'"],
  },
  {
    name: "a unique constraint, a check and a table comment removed",
    before: base({
      orgs: (_, o) => {
        o.uniques = [["name"]];
        o.checks = [{ name: "ck_orgs_name", condition: "name <> ''" }];
        o.comment = "companies";
      },
    }),
    after: base(),
    ops: (kind, before) => [
      {
        kind: "dropConstraint",
        table: "orgs",
        name: "uq_orgs_name",
        type: "unique",
        existing: { name: "uq_orgs_name", columns: ["name"] },
      },
      {
        kind: "dropConstraint",
        table: "orgs",
        name: "ck_orgs_name",
        type: "check",
        existing: tableOf(before, "orgs").checks[0],
      },
      ...(kind === "sqlite" ? [] : [{
        kind: "dropTableComment" as const,
        table: "orgs",
        existingComment: "companies",
      }]),
    ],
  },
  {
    name: "a primary key on other columns",
    after: base({
      orgs: (c, o) => {
        replace(c, "id", t.column("id", t.integer(), { nullable: false, autoincrement: false }));
        o.primaryKey = { name: "pk_orgs", columns: ["id", "name"] };
      },
      users: (_, o) => void (o.foreignKeys = []),
    }),
    // MySQL cannot drop the key of an AUTO_INCREMENT column, and autoincrement is not compared.
    kinds: ["postgres", "sqlite"],
    ops: (kind, before) => [
      {
        kind: "dropConstraint",
        table: "users",
        name: "fk_users_org_id_orgs",
        type: "foreignkey",
        existing: tableOf(before, "users").foreignKeys[0],
      },
      ...(kind === "mysql"
        ? [{
          kind: "dropIndex" as const,
          name: "fk_users_org_id_orgs",
          table: "users",
          existing: { name: "fk_users_org_id_orgs", columns: ["org_id"], unique: false },
        }]
        : []),
      {
        kind: "dropConstraint",
        table: "orgs",
        name: kind === "mysql" ? "PRIMARY" : "pk_orgs",
        type: "primary",
        existing: tableOf(before, "orgs").primaryKey!,
      },
      { kind: "createPrimaryKey", table: "orgs", name: "pk_orgs", columns: ["id", "name"] },
    ],
  },
  {
    name: "tables added in foreign-key order",
    after: base({ extra: [projects, teams] }),
    ops: () => {
      const after = model(defineSchema({ tables: [teams, projects] }));
      return [
        { kind: "createTable", ...tableOf(after, "teams") },
        { kind: "createTable", ...tableOf(after, "projects") },
      ];
    },
    descriptions: () => ["added table 'teams'", "added table 'projects'"],
  },
  {
    name: "tables dropped, those that reference others first",
    after: [],
    ops: (_, before) => [
      { kind: "dropTable", table: "users", existing: tableOf(before, "users") },
      { kind: "dropTable", table: "orgs", existing: tableOf(before, "orgs") },
    ],
    descriptions: () => ["removed table 'users'", "removed table 'orgs'"],
  },
];

/**
 * Tables written by hand in each database's own words, as an existing project has them, and
 * the declaration that says the same: the cases where Alembic reports changes that are none.
 */
const handWritten: Record<DatabaseKind, { sql: string[]; declared: TableDeclaration[] }> = {
  postgres: {
    sql: [
      `CREATE TABLE legacy_orgs (id serial PRIMARY KEY, code int4 NOT NULL, CONSTRAINT legacy_orgs_code_key UNIQUE (code))`,
      `CREATE TABLE legacy (
        id bigserial PRIMARY KEY,
        org int4 REFERENCES legacy_orgs (id) ON DELETE CASCADE,
        name character varying(255) DEFAULT 'it''s \\ here'::character varying,
        email varchar(100) UNIQUE,
        nick varchar(20),
        flag bool DEFAULT 't'::boolean,
        flag2 boolean DEFAULT true,
        created timestamp with time zone DEFAULT now(),
        updated timestamptz(3) DEFAULT CURRENT_TIMESTAMP(3),
        amount numeric(10, 2) DEFAULT 0.00,
        ratio float8 DEFAULT '1.5'::double precision,
        small int2 DEFAULT '-1'::integer,
        tags text[] DEFAULT ARRAY[]::text[],
        data jsonb DEFAULT '{"b": 2, "a": 1}'::jsonb,
        day date DEFAULT ('now'::text)::date,
        note text DEFAULT (lower('X'::text))
      )`,
      `CREATE UNIQUE INDEX legacy_nick_idx ON legacy (nick)`,
      `CREATE INDEX legacy_lower_name ON legacy (lower((name)::text))`,
    ],
    declared: [
      table("legacy_orgs", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("code", t.integer(), { nullable: false }),
      ], { indexes: [{ name: "uq_code", columns: ["code"], unique: true }] }),
      table("legacy", [
        t.column("id", t.bigint(), { primaryKey: true }),
        t.column("org", t.integer()),
        t.column("name", t.varchar(255), { serverDefault: "it's \\ here" }),
        t.column("email", t.varchar(100), { unique: true }),
        t.column("nick", t.varchar(20)),
        t.column("flag", t.boolean(), { serverDefault: sql`'t'::boolean` }),
        t.column("flag2", t.boolean(), { serverDefault: true }),
        t.column("created", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
        t.column("updated", t.timestamp({ tz: true, precision: 3 }), {
          serverDefault: sql`now(3)`,
        }),
        t.column("amount", t.numeric(10, 2), { serverDefault: 0 }),
        t.column("ratio", t.double(), { serverDefault: 1.5 }),
        t.column("small", t.smallint(), { serverDefault: -1 }),
        t.column("tags", t.raw("text[]"), { serverDefault: sql`ARRAY[]::text[]` }),
        t.column("data", t.jsonb(), { serverDefault: '{"a":1,"b":2}' }),
        t.column("day", t.date(), { serverDefault: sql`'now'::date` }),
        t.column("note", t.text(), { serverDefault: sql`lower('X')` }),
      ], {
        foreignKeys: [{
          columns: ["org"],
          references: "legacy_orgs",
          referencesColumns: ["id"],
          onDelete: "CASCADE",
        }],
        uniques: [["nick"]],
        indexes: [{ columns: [sql`lower(name)`] }],
      }),
    ],
  },
  mysql: {
    sql: [
      `CREATE TABLE legacy_orgs (id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, code int(11) NOT NULL, UNIQUE KEY code (code))`,
      `CREATE TABLE legacy (
        id int(11) NOT NULL AUTO_INCREMENT,
        org int(11) DEFAULT NULL,
        flag tinyint(1) DEFAULT 1,
        flag2 bool NOT NULL DEFAULT FALSE,
        name varchar(255) DEFAULT 'it\\'s \\\\ here',
        amount decimal(10,2) DEFAULT '0.00',
        ratio double DEFAULT '1.5',
        created timestamp NULL DEFAULT current_timestamp(),
        updated datetime(3) DEFAULT NOW(3),
        n int DEFAULT '5',
        PRIMARY KEY (id),
        CONSTRAINT legacy_org FOREIGN KEY (org) REFERENCES legacy_orgs (id) ON DELETE RESTRICT
      )`,
    ],
    declared: [
      table("legacy_orgs", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("code", t.integer(), { nullable: false, unique: true }),
      ]),
      table("legacy", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("org", t.integer()),
        t.column("flag", t.boolean(), { serverDefault: true }),
        t.column("flag2", t.boolean(), { nullable: false, serverDefault: false }),
        t.column("name", t.varchar(255), { serverDefault: "it's \\ here" }),
        t.column("amount", t.numeric(10, 2), { serverDefault: 0 }),
        t.column("ratio", t.double(), { serverDefault: 1.5 }),
        t.column("created", t.timestamp({ tz: true }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
        t.column("updated", t.timestamp({ precision: 3 }), {
          serverDefault: sql`CURRENT_TIMESTAMP(3)`,
        }),
        t.column("n", t.integer(), { serverDefault: 5 }),
      ], {
        // No index declared: MySQL's own index for the foreign key is not a change.
        foreignKeys: [{
          name: "legacy_org",
          columns: ["org"],
          references: "legacy_orgs",
          referencesColumns: ["id"],
        }],
      }),
    ],
  },
  sqlite: {
    sql: [
      `CREATE TABLE legacy_orgs (id integer primary key, code int not null unique)`,
      `CREATE TABLE legacy (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        org integer references legacy_orgs (id) on delete cascade,
        name varchar(255) default 'it''s \\ here',
        flag boolean default TRUE,
        amount numeric(10, 2) default 0.50,
        created datetime default (CURRENT_TIMESTAMP),
        day text default (date('now')),
        small smallint default -1,
        unique (name, flag)
      )`,
      `CREATE INDEX legacy_lower ON legacy ((lower(name)))`,
    ],
    declared: [
      table("legacy_orgs", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("code", t.raw("int"), { nullable: false, unique: true }),
      ]),
      table("legacy", [
        t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
        t.column("org", t.integer()),
        t.column("name", t.varchar(255), { serverDefault: "it's \\ here" }),
        t.column("flag", t.boolean(), { serverDefault: true }),
        t.column("amount", t.numeric(10, 2), { serverDefault: 0.5 }),
        t.column("created", t.timestamp(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
        t.column("day", t.text(), { serverDefault: sql`date('now')` }),
        t.column("small", t.smallint(), { serverDefault: -1 }),
      ], {
        foreignKeys: [{
          columns: ["org"],
          references: "legacy_orgs",
          referencesColumns: ["id"],
          onDelete: "CASCADE",
        }],
        uniques: [["name", "flag"]],
        indexes: [{ name: "legacy_lower", columns: [sql`lower(name)`] }],
      }),
    ],
  },
};

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`compareSchemas on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    let conn: Connection;
    let session: CompareSession;
    before(async () => {
      database = db!;
      conn = await database.connect();
      session = new CompareSession(kind, conn);
    });
    after(async () => {
      await conn?.close();
      await database?.drop();
    });

    it("finds no change in what retort created from the same declaration", async () => {
      const declared = model(everything(kind));
      await session.create(declared);
      const changes = await session.compare(declared);
      assert.deepEqual(described(changes), []);
      await session.reset();
      const left = await session.reflect();
      assert.deepEqual([left.tables, left.enums], [[], []]);
    });

    it("finds none of Alembic's known false positives in tables written by hand", async () => {
      await session.reset();
      for (const statement of handWritten[kind].sql) await conn.execute(statement);
      const changes = await session.compare(
        model(defineSchema({ tables: handWritten[kind].declared })),
      );
      assert.deepEqual(described(changes), []);
    });

    it("creates and drops tables whose foreign keys make a cycle", async () => {
      await session.reset();
      const cycle = model(defineSchema({ tables: cyclic }));
      const changes = await session.compare(cycle);
      assert.deepEqual(described(changes), [
        "added table 'authors'",
        "added table 'books'",
        "added foreign key 'fk_authors_best_book_books' on 'authors' (best_book) -> books (id)",
      ]);
      await session.run(changes.map((c) => c.op));
      assert.deepEqual(described(await session.compare(cycle)), []);

      const before = await session.reflect();
      const drops = await session.compare(model(defineSchema({ tables: [] })));
      const books = tableOf(before, "books");
      assert.deepEqual(drops.map((c) => c.op), [
        {
          kind: "dropConstraint",
          table: "books",
          name: "fk_books_author_authors",
          type: "foreignkey",
          existing: books.foreignKeys[0],
        },
        { kind: "dropTable", table: "authors", existing: tableOf(before, "authors") },
        { kind: "dropTable", table: "books", existing: { ...books, foreignKeys: [] } },
      ]);
      await session.run(drops.map((c) => c.op));
      assert.deepEqual((await session.reflect()).tables, []);
    });

    it("never compares the excluded tables (the version table and its lock)", async () => {
      await session.reset();
      await conn.execute(session.dialect.createVersionTable("retort_version").sql);
      const empty = model(defineSchema({ tables: [] }));
      assert.deepEqual(
        described(await session.compare(empty, { exclude: ["retort_version"] })),
        [],
      );
      assert.deepEqual(described(await session.compare(empty)), ["removed table 'retort_version'"]);
      await session.reset();
    });

    if (kind === "postgres") {
      it("compares the schemas it is given (includeSchemas)", async () => {
        await session.reset();
        await conn.execute("CREATE SCHEMA IF NOT EXISTS audit");
        const declared = model(defineSchema({
          tables: [
            ...base(),
            table("log", [
              t.column("id", t.integer(), { primaryKey: true }),
              t.column("user_id", t.integer()),
              t.column("kind", t.enum(["in", "out"])),
            ], {
              schema: "audit",
              foreignKeys: [{
                columns: ["user_id"],
                references: "users",
                referencesColumns: ["id"],
              }],
            }),
          ],
        }));
        const schemas = ["public", "audit"];
        const changes = await session.compare(declared, { schemas });
        assert.deepEqual(described(changes), [
          "added table 'orgs'",
          "added table 'users'",
          "added table 'audit.log'",
        ]);
        await session.run(changes.map((c) => c.op));
        assert.deepEqual(described(await session.compare(declared, { schemas })), []);
        assert.deepEqual(
          (await session.reflect({ schemas })).enums.map((e) => [e.schema, e.name]),
          [
            [undefined, "users_status_enum"],
            ["audit", "log_kind_enum"],
          ],
        );
        const without = model(defineSchema({ tables: base() }));
        const drops = await session.compare(without, { schemas });
        assert.deepEqual(described(drops), ["removed table 'audit.log'"]);
        await session.run(drops.map((c) => c.op));
        assert.deepEqual(described(await session.compare(without, { schemas })), []);
        await conn.execute("DROP SCHEMA audit CASCADE");
      });

      it("creates an enum type declared on its own and drops one no column uses", async () => {
        await session.reset();
        await conn.execute("CREATE TYPE old_mood AS ENUM ('meh')");
        const declared = model(defineSchema({
          tables: [],
          enums: [{ name: "mood", values: ["sad", "happy"] }],
        }));
        const changes = await session.compare(declared);
        assert.deepEqual(changes.map((c) => c.op), [
          { kind: "createEnumType", name: "mood", values: ["sad", "happy"] },
          { kind: "dropEnumType", name: "old_mood", existingValues: ["meh"] },
        ]);
        assert.deepEqual(described(changes), [
          "added enum type 'mood' ('sad', 'happy')",
          "removed enum type 'old_mood'",
        ]);
        await session.run(changes.map((c) => c.op));
        assert.deepEqual(described(await session.compare(declared)), []);
        await session.reset();
      });
    }

    for (const c of cases) {
      if (c.kinds && !c.kinds.includes(kind)) continue;
      it(`corpus: ${c.name}`, async () => {
        await session.reset();
        await session.create(model(defineSchema({ tables: c.before ?? base() })));
        const before = await session.reflect();
        const wanted = model(defineSchema({ tables: c.after }));
        const changes = await session.compare(wanted, c.options);
        assert.deepEqual(
          changes.map((x) => x.op),
          c.ops(kind, before),
          described(changes).join("\n"),
        );
        if (c.descriptions) assert.deepEqual(described(changes), c.descriptions(kind));
        await session.run(changes.map((x) => x.op));
        assert.deepEqual(described(await session.compare(wanted)), []);
        await c.then?.(session);
      });
    }
  });
}
