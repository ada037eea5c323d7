// introspectPostgres against a real PostgreSQL: every t.* type read back as itself, a table
// with every feature of the model, a round trip through createTable into a second database,
// a fixed number of queries, the tables/exclude/schemas options, views and triggers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { introspectPostgres } from "../../src/dialect/postgres/introspect.ts";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import type { CatalogQuery, IntrospectOptions } from "../../src/dialect/introspector.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";
import type { Column } from "../../src/schema/column.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import type { ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";

const dialect = new PostgresDialect();
const first = await throwawayDatabase("postgres");
const second = first.skip ? first : await throwawayDatabase("postgres");

/** A table as the model writes it, with the lists it has none of left empty. */
function table(name: string, columns: Column[], rest: Partial<Table> = {}): Table {
  return { table: name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...rest };
}

const col = (name: string, type: ColumnType, options: Omit<Column, "name" | "type"> = {}) =>
  t.column(name, type, { nullable: true, ...options });

describe("introspectPostgres", { skip: first.skip || second.skip }, () => {
  let database: ThrowawayDatabase;
  let other: ThrowawayDatabase;
  let conn: Connection;
  let conn2: Connection;
  before(async () => {
    database = first.db!;
    other = second.db!;
    conn = await database.connect();
    conn2 = await other.connect();
    for (const c of [conn, conn2]) await c.execute('CREATE SCHEMA "App Schema"');
  });
  after(async () => {
    await conn?.close();
    await conn2?.close();
    await database?.drop();
    await other?.drop();
  });

  const query = (c: Connection): CatalogQuery => (text, params) => c.query(text, params);
  const reflect = (options?: IntrospectOptions, c = conn) => introspectPostgres(query(c), options);
  const reflectTable = async (name: string, options: IntrospectOptions = {}) => {
    const found = (await reflect({ ...options, tables: [name] })).tables;
    assert.equal(found.length, 1, `one table ${name}`);
    return found[0];
  };

  /** Runs the `op` calls in `build` with retort's own SQL. */
  async function apply(build: (op: Operations) => Promise<unknown>, c = conn): Promise<void> {
    const ops: Op[] = [];
    await build(recordingOps(ops));
    await run(ops, c);
  }

  async function run(ops: readonly Op[], c = conn): Promise<void> {
    for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
      await c.execute(statement.sql, statement.params);
    }
  }

  it("reads every t.* type back as itself", async () => {
    const types: [string, ColumnType][] = [
      ["i", t.integer()],
      ["si", t.smallint()],
      ["bi", t.bigint()],
      ["bo", t.boolean()],
      ["tx", t.text()],
      ["vc", t.varchar()],
      ["vc255", t.varchar(255)],
      ["ch3", t.char(3)],
      ["ch1", t.char(1)],
      ["nu", t.numeric()],
      ["nu102", t.numeric(10, 2)],
      ["nu50", t.numeric(5, 0)],
      ["re", t.real()],
      ["db", t.double()],
      ["da", t.date()],
      ["ti", t.time()],
      ["titz", t.time({ tz: true })],
      ["ti3", t.time({ precision: 3 })],
      ["titz0", t.time({ tz: true, precision: 0 })],
      ["ts", t.timestamp()],
      ["tstz", t.timestamp({ tz: true })],
      ["ts6", t.timestamp({ precision: 6 })],
      ["tstz3", t.timestamp({ tz: true, precision: 3 })],
      ["js", t.json()],
      ["jb", t.jsonb()],
      ["uu", t.uuid()],
      ["by", t.bytes()],
      ["en", t.enum(["a", "b c", "it's"], { name: "types_kind" })],
      ["en2", t.enum(["x"])],
      ["ia", t.raw("integer[]")],
      ["iv", t.raw("interval")],
      ["vca", t.raw("character varying(20)[]")],
      ["bits", t.raw("bit(8)")],
      ["inet", t.raw("inet")],
      ["bpc", t.raw("bpchar")],
    ];
    await apply((op) => op.createTable("types", types.map(([name, type]) => t.column(name, type))));
    const expected = types.map(([name, type]): [string, ColumnType] =>
      type.name === "enum" && type.enumName === undefined
        ? [name, t.enum(type.values, { name: `types_${name}_enum` })]
        : [name, type]
    );
    const reflected = await reflectTable("types");
    assert.deepEqual(reflected.columns.map((c) => [c.name, c.type]), expected);
    for (const c of reflected.columns) assert.equal(c.nullable, true);
  });

  it("reads CHAR as CHAR(1) and NUMERIC(p) as NUMERIC(p, 0): PostgreSQL stores them so", async () => {
    await apply((op) =>
      op.createTable("same_types", [t.column("c", t.char()), t.column("n", t.numeric(7))])
    );
    assert.deepEqual((await reflectTable("same_types")).columns.map((c) => c.type), [
      t.char(1),
      t.numeric(7, 0),
    ]);
  });

  const accounts = table("accounts", [
    col("id", t.integer(), { nullable: false, autoincrement: false }),
    col("num", t.text(), { comment: "account number" }),
    col("status", t.enum(["on", "off"], { name: "acct_status" }), { serverDefault: "on" }),
  ], {
    schema: "App Schema",
    primaryKey: { name: "pk_accounts", columns: ["id"] },
    uniques: [{ name: "uq_accounts_num", columns: ["num"] }],
    indexes: [{ name: "ix_accounts_num", columns: [sql`upper(num)`], unique: false }],
    comment: "in a quoted schema",
  });
  const orgs = table("orgs", [
    col("id", t.integer(), { nullable: false, autoincrement: false }),
    col("code", t.varchar(10), { nullable: false }),
    col("region", t.smallint(), { nullable: false, serverDefault: 1 }),
  ], {
    primaryKey: { name: "pk_orgs", columns: ["id"] },
    uniques: [{ name: "uq_orgs_region_code", columns: ["region", "code"] }],
  });
  const members: Table = table("members", [
    col("id", t.bigint(), {
      nullable: false,
      identity: { always: true, start: 100, increment: 10 },
    }),
    col("seq", t.integer(), { nullable: false, autoincrement: true }),
    col("org_id", t.integer(), { nullable: false }),
    col("org_code", t.varchar(10)),
    col("org_region", t.smallint(), { serverDefault: 1 }),
    col("account_id", t.integer()),
    col("email", t.varchar(255), {
      nullable: false,
      collation: "C",
      comment: `the "login": it's \\ é ☃`,
    }),
    col("name", t.text(), { serverDefault: `it's \\ "q" é ☃`, collation: "POSIX" }),
    col("empty", t.text(), { serverDefault: "" }),
    col("active", t.boolean(), { nullable: false, serverDefault: true }),
    col("score", t.double(), { serverDefault: 1.5 }),
    col("role", t.enum(["admin", "member"], { name: "member_role" }), {
      nullable: false,
      serverDefault: "member",
    }),
    col("price", t.numeric(10, 2)),
    col("total", t.numeric(12, 2), { computed: { sql: "price * 2" } }),
    col("created", t.timestamp({ tz: true }), { serverDefault: sql`now()` }),
    col("uid", t.uuid(), { serverDefault: sql`gen_random_uuid()` }),
    col("tags", t.raw("text[]"), { serverDefault: sql`'{}'::text[]` }),
    col("data", t.jsonb(), { serverDefault: sql`'{"a": [1, "x"]}'::jsonb` }),
    col("sum", t.integer(), { serverDefault: sql`(1 + 2)` }),
  ], {
    primaryKey: { name: "pk_members", columns: ["id"] },
    uniques: [
      { name: "uq_members_email", columns: ["email"] },
      { name: "uq_members_org_email", columns: ["org_id", "email"] },
    ],
    checks: [
      { name: "ck_members_price", condition: "price > 0" },
      { name: "ck_members_email", condition: "position('@' in email) > 0" },
    ],
    foreignKeys: [
      {
        name: "fk_members_org",
        columns: ["org_id"],
        referencesTable: "orgs",
        referencesColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "RESTRICT",
      },
      {
        name: "fk_members_org_code",
        columns: ["org_code", "org_region"],
        referencesTable: "orgs",
        referencesColumns: ["code", "region"],
        onDelete: "SET NULL",
        onUpdate: "SET DEFAULT",
        deferrable: true,
        initially: "DEFERRED",
      },
      {
        name: "fk_members_account",
        columns: ["account_id"],
        referencesTable: "accounts",
        referencesSchema: "App Schema",
        referencesColumns: ["id"],
        deferrable: true,
      },
    ],
    indexes: [
      { name: "ix_members_name", columns: ["name"], unique: false },
      { name: "ix_members_org_name", columns: ["org_id", "name"], unique: false },
      {
        name: "uq_members_lower_email",
        columns: [sql`lower(email)`],
        unique: true,
        where: "active",
      },
      { name: "ix_members_tags", columns: ["tags"], unique: false, using: "gin" },
      {
        name: "ix_members_mixed",
        columns: ["org_id", sql`(price * 2)`, sql`lower(name)`],
        unique: false,
        where: "price > 0 AND name <> 'x'",
      },
      { name: "ix_members_hash", columns: ["email"], unique: false, using: "hash" },
    ],
    comment: 'people\'s "table" \\ é',
  });
  const events = table("events", [
    col("id", t.integer(), { nullable: false, identity: {} }),
    col("at", t.timestamp({ precision: 3 }), { serverDefault: sql`CURRENT_TIMESTAMP` }),
  ], { primaryKey: { name: "pk_events", columns: ["id"] }, options: { unlogged: true } });

  /** What PostgreSQL gives back for `members`: its texts for defaults and expressions. */
  const membersReflected: Table = {
    ...members,
    columns: members.columns.map((c) => {
      const changes: Record<string, Partial<Column>> = {
        seq: { autoincrement: undefined, identity: {} },
        org_region: { serverDefault: sql`1` },
        name: { serverDefault: sql`'it''s \\ "q" é ☃'::text` },
        empty: { serverDefault: sql`''::text` },
        active: { serverDefault: sql`true` },
        score: { serverDefault: sql`1.5` },
        role: { serverDefault: sql`'member'::member_role` },
        total: { computed: { sql: "(price * (2)::numeric)", stored: true } },
        data: { serverDefault: sql`'{"a": [1, "x"]}'::jsonb` },
        sum: { serverDefault: sql`(1 + 2)` },
      };
      const merged = { ...c, ...changes[c.name] };
      return Object.fromEntries(
        Object.entries(merged).filter(([, v]) => v !== undefined),
      ) as unknown as Column;
    }),
    checks: [
      { name: "ck_members_email", condition: "(POSITION(('@'::text) IN (email)) > 0)" },
      { name: "ck_members_price", condition: "(price > (0)::numeric)" },
    ],
    foreignKeys: [
      members.foreignKeys[2],
      members.foreignKeys[0],
      members.foreignKeys[1],
    ],
    indexes: [
      { name: "ix_members_hash", columns: ["email"], unique: false, using: "hash" },
      {
        name: "ix_members_mixed",
        columns: ["org_id", sql`(price * 2::numeric)`, sql`lower(name)`],
        unique: false,
        where: "((price > (0)::numeric) AND (name <> 'x'::text))",
      },
      { name: "ix_members_name", columns: ["name"], unique: false },
      { name: "ix_members_org_name", columns: ["org_id", "name"], unique: false },
      { name: "ix_members_tags", columns: ["tags"], unique: false, using: "gin" },
      {
        name: "uq_members_lower_email",
        columns: [sql`lower(email::text)`],
        unique: true,
        where: "active",
      },
    ],
  };

  it("reads a table with every feature of the model", async () => {
    await run([accounts, orgs, members, events].map((tb) => ({ kind: "createTable", ...tb })));
    const reflected = await reflect({ schemas: ["public", "App Schema"] });
    const byName = (name: string) => reflected.tables.find((tb) => tb.table === name);
    assert.deepEqual(byName("members"), membersReflected);
    assert.deepEqual(byName("orgs"), {
      ...orgs,
      columns: [orgs.columns[0], orgs.columns[1], { ...orgs.columns[2], serverDefault: sql`1` }],
    });
    assert.deepEqual(byName("accounts"), {
      ...accounts,
      columns: accounts.columns.map((c) =>
        c.name === "status" ? { ...c, serverDefault: sql`'on'::"App Schema".acct_status` } : c
      ),
    });
    assert.deepEqual(byName("events"), events);
    assert.deepEqual(reflected.enums.find((e) => e.name === "member_role"), {
      name: "member_role",
      values: ["admin", "member"],
    });
  });

  it("reads the names PostgreSQL gives unnamed constraints, keys in their own order", async () => {
    await conn.execute(`CREATE TABLE unnamed (
      a integer, b text CHECK (b <> ''), c integer UNIQUE,
      PRIMARY KEY (b, a), UNIQUE (c, a), FOREIGN KEY (c) REFERENCES orgs (id))`);
    assert.deepEqual(
      await reflectTable("unnamed"),
      table("unnamed", [
        col("a", t.integer(), { nullable: false }),
        col("b", t.text(), { nullable: false }),
        col("c", t.integer()),
      ], {
        primaryKey: { name: "unnamed_pkey", columns: ["b", "a"] },
        uniques: [
          { name: "unnamed_c_a_key", columns: ["c", "a"] },
          { name: "unnamed_c_key", columns: ["c"] },
        ],
        checks: [{ name: "unnamed_b_check", condition: "(b <> ''::text)" }],
        foreignKeys: [{
          name: "unnamed_c_fkey",
          columns: ["c"],
          referencesTable: "orgs",
          referencesColumns: ["id"],
        }],
      }),
    );
  });

  it("reads views and triggers with their SQL", async () => {
    await conn.execute(
      "CREATE VIEW active_members AS SELECT id, email FROM members WHERE active",
    );
    await conn.execute(
      "CREATE MATERIALIZED VIEW org_counts AS SELECT org_id, count(*) AS n FROM members GROUP BY org_id",
    );
    await conn.execute(
      'CREATE VIEW "App Schema".account_nums AS SELECT num FROM "App Schema".accounts',
    );
    await conn.execute(
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
    );
    await conn.execute(
      "CREATE TRIGGER members_touch BEFORE UPDATE OF email ON members FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION touch()",
    );
    await conn.execute(
      "CREATE TRIGGER orgs_audit AFTER INSERT OR DELETE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION touch()",
    );
    await conn.execute(
      "CREATE TRIGGER active_members_insert INSTEAD OF INSERT ON active_members FOR EACH ROW EXECUTE FUNCTION touch()",
    );
    const reflected = await reflect({ schemas: ["public", "App Schema"] });
    assert.deepEqual(reflected.views, [
      {
        name: "active_members",
        definition:
          " SELECT members.id,\n    members.email\n   FROM members\n  WHERE members.active;",
      },
      {
        name: "org_counts",
        definition:
          " SELECT members.org_id,\n    count(*) AS n\n   FROM members\n  GROUP BY members.org_id;",
        materialized: true,
      },
      {
        name: "account_nums",
        schema: "App Schema",
        definition: ' SELECT accounts.num\n   FROM "App Schema".accounts;',
      },
    ]);
    assert.deepEqual(reflected.triggers, [
      {
        name: "active_members_insert",
        table: "active_members",
        create:
          "CREATE TRIGGER active_members_insert INSTEAD OF INSERT ON public.active_members FOR EACH ROW EXECUTE FUNCTION touch()",
      },
      {
        name: "members_touch",
        table: "members",
        create:
          "CREATE TRIGGER members_touch BEFORE UPDATE OF email ON public.members FOR EACH ROW WHEN (((old.email)::text IS DISTINCT FROM (new.email)::text)) EXECUTE FUNCTION touch()",
      },
      {
        name: "orgs_audit",
        table: "orgs",
        create:
          "CREATE TRIGGER orgs_audit AFTER INSERT OR DELETE ON public.orgs FOR EACH STATEMENT EXECUTE FUNCTION touch()",
      },
    ]);
  });

  it("tables: only those tables, and the views and triggers on them", async () => {
    const reflected = await reflect({ tables: ["members"] });
    assert.deepEqual(reflected.tables, [membersReflected]);
    assert.deepEqual(reflected.views.map((v) => v.name), ["active_members", "org_counts"]);
    assert.deepEqual(reflected.triggers.map((tr) => tr.name), ["members_touch"]);
  });

  it("exclude: leaves those tables and their triggers out", async () => {
    const reflected = await reflect({ exclude: ["members", "types"] });
    assert.deepEqual(reflected.tables.map((tb) => tb.table), [
      "events",
      "orgs",
      "same_types",
      "unnamed",
    ]);
    assert.deepEqual(reflected.triggers.map((tr) => tr.name), [
      "active_members_insert",
      "orgs_audit",
    ]);
  });

  it("schemas: the current schema by default; other schemas' objects carry their schema", async () => {
    const byDefault = await reflect();
    assert.deepEqual(byDefault.tables.map((tb) => [tb.table, tb.schema]), [
      ["events", undefined],
      ["members", undefined],
      ["orgs", undefined],
      ["same_types", undefined],
      ["types", undefined],
      ["unnamed", undefined],
    ]);
    assert.deepEqual(byDefault.enums.map((e) => e.name), [
      "member_role",
      "types_en2_enum",
      "types_kind",
    ]);
    const quoted = await reflect({ schemas: ["App Schema"] });
    assert.deepEqual(quoted.tables.map((tb) => [tb.table, tb.schema]), [
      ["accounts", "App Schema"],
    ]);
    assert.deepEqual(quoted.enums, [
      { name: "acct_status", schema: "App Schema", values: ["on", "off"] },
    ]);
    assert.deepEqual(quoted.views.map((v) => [v.name, v.schema]), [
      ["account_nums", "App Schema"],
    ]);
    assert.deepEqual(quoted.triggers, []);
    const both = await reflect({ schemas: ["App Schema", "public"], tables: ["accounts"] });
    assert.deepEqual(both.tables.map((tb) => [tb.table, tb.schema]), [
      ["accounts", "App Schema"],
    ]);
    assert.deepEqual((await reflect({ schemas: ["pg_catalog", "information_schema"] })).tables, []);
  });

  it("round trip: the reflected schema, created again with retort's SQL, reads back the same", async () => {
    const reflected = await reflect({ schemas: ["public", "App Schema"] });
    await conn2.execute(
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
    );
    const ops: Op[] = [
      ...reflected.enums.map((e): Op => ({ kind: "createEnumType", ...e })),
      ...byDependencies(reflected.tables).map((tb): Op => ({ kind: "createTable", ...tb })),
    ];
    await run(ops, conn2);
    for (const view of reflected.views) {
      await conn2.execute(
        `CREATE ${view.materialized ? "MATERIALIZED " : ""}VIEW ${
          dialect.qualify(view.name, view.schema)
        } AS ${view.definition}`,
      );
    }
    for (const trigger of reflected.triggers) await conn2.execute(trigger.create);
    const again = await reflect({ schemas: ["public", "App Schema"] }, conn2);
    assert.deepEqual(again, reflected);
    assert.ok(reflected.tables.length >= 6);
  });

  it("reads with the same number of queries for 1 table and for 30", async () => {
    const counted = async (schema: string) => {
      let calls = 0;
      const counting: CatalogQuery = (text, params) => {
        calls++;
        return conn.query(text, params);
      };
      const read = await introspectPostgres(counting, { schemas: [schema] });
      return { calls, tables: read.tables.length };
    };
    const create = async (schema: string, count: number) => {
      await conn.execute(`CREATE SCHEMA ${schema}`);
      await apply(async (op) => {
        await op.createTable("root", [t.column("id", t.integer(), { primaryKey: true })], {
          schema,
        });
        for (let i = 1; i < count; i++) {
          await op.createTable(`leaf_${i}`, [
            t.column("id", t.integer(), { primaryKey: true }),
            t.column("root_id", t.integer(), { nullable: false }),
            t.column("label", t.varchar(20), { unique: true, comment: `leaf ${i}` }),
          ], {
            schema,
            foreignKeys: [{
              columns: ["root_id"],
              references: "root",
              referencesColumns: ["id"],
              referencesSchema: schema,
            }],
            checks: ["root_id > 0"],
            indexes: [{ columns: ["root_id", "label"] }],
          });
        }
      });
    };
    await create("bulk_one", 1);
    await create("bulk_thirty", 30);
    const one = await counted("bulk_one");
    const thirty = await counted("bulk_thirty");
    assert.deepEqual([one.tables, thirty.tables], [1, 30]);
    assert.equal(one.calls, thirty.calls);
    assert.equal(one.calls, 7);
  });

  it("leaves out what the model cannot hold, and keeps the rest", async () => {
    await conn.execute("CREATE SCHEMA extras");
    await conn.execute(`CREATE TABLE extras.things (
      id serial PRIMARY KEY,
      during int4range,
      name text,
      role member_role,
      CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
    )`);
    await conn.execute("CREATE INDEX ix_things_desc ON extras.things (name DESC, id)");
    await conn.execute("CREATE INDEX ix_things_ops ON extras.things (name text_pattern_ops)");
    await conn.execute('CREATE INDEX ix_things_coll ON extras.things (name COLLATE "C")');
    await conn.execute("CREATE INDEX ix_things_incl ON extras.things (id) INCLUDE (name)");
    await conn.execute(
      "CREATE TABLE extras.measures (at date NOT NULL, v real) PARTITION BY RANGE (at)",
    );
    await conn.execute(
      "CREATE TABLE extras.measures_2026 PARTITION OF extras.measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    );
    await conn.execute("ALTER TABLE extras.things ADD CONSTRAINT ck_id CHECK (id > 0) NOT VALID");
    await conn.execute(`CREATE TABLE extras.parts (
      id integer NOT NULL,
      thing_id integer REFERENCES extras.things (id) MATCH FULL,
      CONSTRAINT uq_parts_id UNIQUE NULLS NOT DISTINCT (id)
    )`);
    const reflected = await reflect({ schemas: ["extras"] });
    assert.deepEqual(reflected.tables, [
      table("measures", [col("at", t.date(), { nullable: false }), col("v", t.real())], {
        schema: "extras",
      }),
      table("parts", [col("id", t.integer(), { nullable: false }), col("thing_id", t.integer())], {
        schema: "extras",
        uniques: [{ name: "uq_parts_id", columns: ["id"] }],
        foreignKeys: [{
          name: "parts_thing_id_fkey",
          columns: ["thing_id"],
          referencesTable: "things",
          referencesSchema: "extras",
          referencesColumns: ["id"],
        }],
      }),
      table("things", [
        col("id", t.integer(), {
          nullable: false,
          // a serial numbers its rows by its default, not by an identity
          autoincrement: false,
          serverDefault: sql`nextval('extras.things_id_seq'::regclass)`,
        }),
        col("during", t.raw("int4range")),
        col("name", t.text()),
        col("role", t.raw("member_role")),
      ], {
        schema: "extras",
        primaryKey: { name: "things_pkey", columns: ["id"] },
        checks: [{ name: "ck_id", condition: "(id > 0)" }],
        indexes: [
          { name: "ix_things_coll", columns: [{ column: "name", collation: "C" }], unique: false },
          {
            name: "ix_things_desc",
            columns: [{ column: "name", descending: true }, "id"],
            unique: false,
          },
          { name: "ix_things_incl", columns: ["id"], unique: false },
          {
            name: "ix_things_ops",
            columns: [{ column: "name", opclass: "text_pattern_ops" }],
            unique: false,
          },
        ],
      }),
    ]);
  });
});

/** Tables ordered so that each comes after the tables its foreign keys reference. */
function byDependencies(tables: readonly Table[]): Table[] {
  const key = (name: string, schema?: string) => `${schema ?? ""}.${name}`;
  const out: Table[] = [];
  const placed = new Set<string>();
  const visit = (tb: Table) => {
    if (placed.has(key(tb.table, tb.schema))) return;
    placed.add(key(tb.table, tb.schema));
    for (const fk of tb.foreignKeys) {
      const target = tables.find((o) =>
        o.table === fk.referencesTable &&
        (o.schema ?? "public") === (fk.referencesSchema ?? tb.schema ?? "public")
      );
      if (target) visit(target);
    }
    out.push(tb);
  };
  tables.forEach(visit);
  return out;
}
