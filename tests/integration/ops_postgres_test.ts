// Every operation against a real PostgreSQL, read back from pg_catalog: columns with their
// types, nullability, defaults and identity, constraints by name, indexes, comments, enum types.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import type { Connection, Row } from "../../src/driver/connection.ts";
import type { Op } from "../../src/ops/op.ts";
import type { Operations } from "../../src/ops/operations.ts";
import { shortHash } from "../../src/schema/naming.ts";
import { recordingOps, sqlOf } from "../_ops.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import type { ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";

const dialect = new PostgresDialect();
const { db, skip } = await throwawayDatabase("postgres");

describe("operations on PostgreSQL", { skip }, () => {
  let database: ThrowawayDatabase;
  let conn: Connection;
  before(async () => {
    database = db!;
    conn = await database.connect();
    await conn.execute('CREATE SCHEMA "App Schema"');
  });
  after(async () => {
    await conn?.close();
    await database?.drop();
  });

  /** Runs the `op` calls in `build` as the runner does: each op's statements, with their params. */
  async function apply(build: (op: Operations) => Promise<unknown>): Promise<void> {
    const ops: Op[] = [];
    await build(recordingOps(ops));
    for (const statement of ops.flatMap((o) => sqlOf(o, dialect))) {
      await conn.execute(statement.sql, statement.params);
    }
  }

  const q = (text: string, params: unknown[] = []) => conn.query(text, params);

  async function columns(table: string, schema = "public"): Promise<Record<string, Row>> {
    const rows = await q(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity AS identity,
              col_description(a.attrelid, a.attnum) AS comment
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relname = $1 AND n.nspname = $2 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [table, schema],
    );
    return Object.fromEntries(rows.map((r) => [r.name as string, r]));
  }

  async function constraints(table: string, schema = "public"): Promise<Record<string, string>> {
    const rows = await q(
      `SELECT con.conname AS name, pg_get_constraintdef(con.oid) AS def
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = $1 AND n.nspname = $2`,
      [table, schema],
    );
    return Object.fromEntries(rows.map((r) => [r.name as string, r.def as string]));
  }

  async function indexes(table: string, schema = "public"): Promise<Record<string, string>> {
    const rows = await q(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = $2",
      [
        table,
        schema,
      ],
    );
    return Object.fromEntries(rows.map((r) => [r.indexname as string, r.indexdef as string]));
  }

  async function tableComment(table: string, schema = "public"): Promise<unknown> {
    const [row] = await q(
      `SELECT obj_description(c.oid, 'pg_class') AS comment FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND n.nspname = $2`,
      [table, schema],
    );
    return row?.comment;
  }

  async function enumValues(name: string): Promise<string[]> {
    const rows = await q(
      "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder",
      [name],
    );
    return rows.map((r) => r.enumlabel as string);
  }

  it("createTable: columns, identity, keys, checks, foreign keys, indexes, comments, enums", async () => {
    await apply(async (op) => {
      await op.createTable("orgs", [
        t.column("id", t.bigint(), { primaryKey: true, identity: { always: true, start: 10 } }),
      ]);
      await op.createTable(
        "users",
        [
          t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
          t.column("email", t.varchar(255), {
            nullable: false,
            unique: true,
            comment: "it's the login",
          }),
          t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
          t.column("name", t.text(), { serverDefault: "it's" }),
          t.column("score", t.double()),
          t.column("price", t.numeric(10, 2), { serverDefault: 0 }),
          t.column("org_id", t.bigint()),
          t.column("created", t.timestamp({ tz: true, precision: 3 }), {
            serverDefault: sql`now()`,
          }),
          t.column("data", t.jsonb()),
          t.column("uid", t.uuid()),
          t.column("raw", t.bytes()),
          t.column("role", t.enum(["admin", "member"])),
        ],
        {
          checks: [{ name: "email_has_at", condition: "position('@' in email) > 0" }],
          foreignKeys: [{
            columns: ["org_id"],
            references: "orgs",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
            deferrable: true,
            initially: "DEFERRED",
          }],
          indexes: [{ columns: ["name"], where: "active" }, {
            columns: [sql`lower(email)`],
            unique: true,
            name: "uq_lower",
          }],
          comment: "people",
        },
      );
    });
    const cols = await columns("users");
    assert.deepEqual(
      Object.values(cols).map((c) => [c.name, c.type, c.notnull]),
      [
        ["id", "integer", true],
        ["email", "character varying(255)", true],
        ["active", "boolean", true],
        ["name", "text", false],
        ["score", "double precision", false],
        ["price", "numeric(10,2)", false],
        ["org_id", "bigint", false],
        ["created", "timestamp(3) with time zone", false],
        ["data", "jsonb", false],
        ["uid", "uuid", false],
        ["raw", "bytea", false],
        ["role", "users_role_enum", false],
      ],
    );
    assert.equal(cols.id.identity, "d");
    assert.equal((await columns("orgs")).id.identity, "a");
    assert.equal(cols.active.default, "true");
    assert.equal(cols.name.default, "'it''s'::text");
    assert.equal(cols.created.default, "now()");
    assert.equal(cols.email.comment, "it's the login");
    assert.equal(await tableComment("users"), "people");
    assert.deepEqual(await enumValues("users_role_enum"), ["admin", "member"]);
    assert.deepEqual(await constraints("users"), {
      pk_users: "PRIMARY KEY (id)",
      uq_users_email: "UNIQUE (email)",
      email_has_at: "CHECK ((POSITION(('@'::text) IN (email)) > 0))",
      fk_users_org_id_orgs:
        "FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    });
    const ix = await indexes("users");
    assert.equal(
      ix.ix_users_name,
      "CREATE INDEX ix_users_name ON public.users USING btree (name) WHERE active",
    );
    assert.equal(
      ix.uq_lower,
      "CREATE UNIQUE INDEX uq_lower ON public.users USING btree (lower((email)::text))",
    );
    await conn.execute("INSERT INTO orgs DEFAULT VALUES");
    assert.deepEqual(await q("SELECT id FROM orgs"), [{ id: "10" }]);
  });

  it("a dropped table with an enum column can be created again (its type is kept)", async () => {
    const table = (op: Operations) =>
      op.createTable("again", [t.column("k", t.enum(["x", "y"], { name: "shared_kind" }))]);
    await apply(async (op) => {
      await table(op);
      await op.dropTable("again");
      await table(op);
      await op.createTable("also", [t.column("k", t.enum(["x", "y"], { name: "shared_kind" }))]);
    });
    assert.equal((await columns("also")).k.type, "shared_kind");
  });

  it("addColumn, alterColumn (type USING, nullability, default, comment, rename) and dropColumn", async () => {
    await apply(async (op) => {
      await op.createTable("items", [
        t.column("id", t.integer(), { primaryKey: true }),
        t.column("qty", t.text()),
      ]);
      await op.bulkInsert("items", [{ id: 1, qty: "7" }]);
      await op.addColumn("items", t.column("code", t.varchar(8), { unique: true, comment: "c" }));
      await op.addColumn(
        "items",
        t.column("size", t.smallint(), { nullable: false, serverDefault: 3 }),
      );
      await op.addColumn("items", t.column("kind", t.enum(["a", "b"])));
      await op.alterColumn("items", "qty", {
        type: t.integer(),
        using: '"qty"::integer',
        nullable: false,
        serverDefault: 1,
        comment: "how many",
        newName: "quantity",
      });
      await op.alterColumn("items", "size", {
        serverDefault: null,
        nullable: true,
        type: t.bigint(),
      });
      await op.alterColumn("items", "code", { comment: null });
      await op.dropColumn("items", "kind");
    });
    const cols = await columns("items");
    assert.deepEqual(Object.keys(cols), ["id", "quantity", "code", "size"]);
    assert.deepEqual([
      cols.quantity.type,
      cols.quantity.notnull,
      cols.quantity.default,
      cols.quantity.comment,
    ], [
      "integer",
      true,
      "1",
      "how many",
    ]);
    assert.deepEqual([cols.size.type, cols.size.notnull, cols.size.default], [
      "bigint",
      false,
      null,
    ]);
    assert.equal(cols.code.comment, null);
    assert.deepEqual(await q("SELECT quantity, size FROM items"), [{ quantity: 7, size: "3" }]);
    assert.deepEqual(Object.keys(await constraints("items")).sort(), [
      "pk_items",
      "uq_items_code",
    ], "an added unique column's constraint is named by the convention");
  });

  it("indexes: unique, partial, expression, concurrently; dropIndex", async () => {
    await apply(async (op) => {
      await op.createTable("docs", [t.column("id", t.integer()), t.column("title", t.text())]);
      await op.createIndex("docs", ["id", "title"], { unique: true });
      await op.createIndex("docs", sql`lower(title)`, { name: "ix_lower", concurrently: true });
      await op.createIndex("docs", "title", { name: "ix_partial", where: "id > 0" });
      await op.createIndex("docs", "id", { name: "gone" });
      await op.dropIndex("gone", { concurrently: true });
    });
    assert.deepEqual(await indexes("docs"), {
      uq_docs_id_title:
        "CREATE UNIQUE INDEX uq_docs_id_title ON public.docs USING btree (id, title)",
      ix_lower: "CREATE INDEX ix_lower ON public.docs USING btree (lower(title))",
      ix_partial: "CREATE INDEX ix_partial ON public.docs USING btree (title) WHERE (id > 0)",
    });
  });

  it("constraints added to and dropped from existing tables", async () => {
    await apply(async (op) => {
      await op.createTable("parents", [
        t.column("a", t.integer(), { nullable: false }),
        t.column("b", t.integer(), { nullable: false }),
      ]);
      await op.createTable("children", [
        t.column("id", t.integer(), { nullable: false }),
        t.column("a", t.integer()),
        t.column("b", t.integer()),
      ]);
      await op.createPrimaryKey("parents", ["a", "b"]);
      await op.createPrimaryKey("children", ["id"], { name: "children_key" });
      await op.createUniqueConstraint("children", ["a"]);
      await op.createForeignKey("children", ["a", "b"], "parents", ["a", "b"], {
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      });
      await op.createCheckConstraint("children", "a > 0", { name: "a_positive" });
      await op.createCheckConstraint("children", "b > 0");
      await op.dropConstraint("children", `ck_children_${shortHash("b > 0")}`);
    });
    assert.deepEqual(await constraints("parents"), { pk_parents: "PRIMARY KEY (a, b)" });
    assert.deepEqual(await constraints("children"), {
      children_key: "PRIMARY KEY (id)",
      uq_children_a: "UNIQUE (a)",
      fk_children_a_b_parents:
        "FOREIGN KEY (a, b) REFERENCES parents(a, b) ON UPDATE CASCADE ON DELETE SET NULL",
      a_positive: "CHECK ((a > 0))",
    });
  });

  it("works in a schema: create, rename, comment, index, enum, constraints, drop", async () => {
    const schema = "App Schema";
    await apply(async (op) => {
      await op.createEnumType("Mood", ["sad", "o'k"], { schema });
      await op.createTable("Old Name", [
        t.column("ID", t.integer(), { primaryKey: true }),
        t.column("state", t.enum(["on", "off"])),
        t.column("mood", t.raw(`"${schema}"."Mood"`)),
      ], { schema, comment: "in a schema" });
      await op.renameTable("Old Name", "New Name", { schema });
      await op.createIndex("New Name", "state", { schema });
      await op.createCheckConstraint("New Name", '"ID" > 0', { schema, name: "id_ok" });
      await op.createTableComment("New Name", "renamed", { schema });
      await op.bulkInsert("New Name", [{ ID: 1, state: "on", mood: "o'k" }], { schema });
    });
    assert.equal(await tableComment("New Name", schema), "renamed");
    assert.deepEqual(Object.keys(await indexes("New Name", schema)).sort(), [
      "ix_New Name_state",
      "pk_Old Name",
    ]);
    assert.deepEqual(Object.keys(await constraints("New Name", schema)).sort(), [
      "id_ok",
      "pk_Old Name",
    ]);
    assert.equal(
      (await columns("New Name", schema)).state.type,
      `"App Schema"."Old Name_state_enum"`,
    );
    assert.deepEqual(await q(`SELECT "ID", state::text, mood::text FROM "App Schema"."New Name"`), [
      { ID: 1, state: "on", mood: "o'k" },
    ]);
    await apply(async (op) => {
      await op.dropTableComment("New Name", { schema });
      await op.dropConstraint("New Name", "id_ok", { schema });
      await op.dropIndex("ix_New Name_state", { schema });
      await op.dropTable("New Name", { schema });
      await op.dropEnumType("Mood", { schema });
    });
    assert.deepEqual(await q(`SELECT 1 FROM pg_type WHERE typname = 'Mood'`), []);
    assert.deepEqual(
      await q(dialect.tableExists("New Name", schema).sql, ["App Schema", "New Name"]),
      [],
    );
  });

  it("quotes reserved words, mixed case, spaces, quotes and non-ASCII names", async () => {
    const table = 'select "from" Ünï';
    await apply(async (op) => {
      await op.createTable(table, [
        t.column("order", t.integer(), { primaryKey: true }),
        t.column("Mixed Case", t.text()),
        t.column('qu"ote', t.text()),
        t.column("名前", t.text()),
      ]);
      await op.createIndex(table, ["Mixed Case", "名前"]);
      await op.bulkInsert(table, [{ order: 1, "Mixed Case": "a", 'qu"ote': "b", "名前": "c" }]);
    });
    assert.deepEqual(Object.keys(await columns(table)), ["order", "Mixed Case", 'qu"ote', "名前"]);
    assert.deepEqual(await q(`SELECT * FROM ${dialect.qualify(table)}`), [
      { order: 1, "Mixed Case": "a", 'qu"ote': "b", "名前": "c" },
    ]);
  });

  it("bulkInsert and inlined parameters store tricky values exactly", async () => {
    const values = ["it's", "back\\slash", "line\nbreak\ttab", "ünï 表 😀", "$1 ? $$", ""];
    await apply(async (op) => {
      await op.createTable("vals", [
        t.column("id", t.integer()),
        t.column("s", t.text()),
        t.column("b", t.boolean()),
        t.column("n", t.double()),
        t.column("at", t.timestamp({ tz: true })),
        t.column("raw", t.bytes()),
        t.column("j", t.jsonb()),
      ]);
      await op.bulkInsert("vals", values.map((s, id) => ({ id, s })));
      await op.bulkInsert("vals", [{
        id: 100,
        b: true,
        n: -1.5e300,
        at: new Date("2026-01-02T03:04:05.678Z"),
        raw: new Uint8Array([0, 1, 255]),
        j: { k: ["v", 1] },
      }]);
      await op.execute("INSERT INTO vals (id, s) VALUES ($1, $2)", [200, "param'd"]);
    });
    const rows = await q("SELECT s FROM vals WHERE id < 100 ORDER BY id");
    assert.deepEqual(rows.map((r) => r.s), values);
    const [row] = await q(
      "SELECT b, n, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS at, encode(raw, 'hex') AS raw, j::text AS j FROM vals WHERE id = 100",
    );
    assert.deepEqual(row, {
      b: true,
      n: -1.5e300,
      at: "2026-01-02 03:04:05.678",
      raw: "0001ff",
      j: '{"k": ["v", 1]}',
    });
    assert.deepEqual(await q("SELECT s FROM vals WHERE id = 200"), [{ s: "param'd" }]);
    const inlined = dialect.inlineParams({
      sql: "INSERT INTO vals (id, s) VALUES ($1, $2)",
      params: [300, values.join("|")],
    });
    await conn.execute(inlined);
    assert.deepEqual(await q("SELECT s FROM vals WHERE id = 300"), [{ s: values.join("|") }]);
  });

  it("version table: created once, found by tableExists, keyed by <table>_pkc", async () => {
    const exists = dialect.tableExists("retort_version");
    assert.deepEqual(await q(exists.sql, [...exists.params!]), []);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    await conn.execute(dialect.createVersionTable("retort_version").sql);
    assert.deepEqual(await q(exists.sql, [...exists.params!]), [{ "?column?": 1 }]);
    assert.deepEqual(await constraints("retort_version"), {
      retort_version_pkc: "PRIMARY KEY (version_num)",
    });
    await conn.execute(dialect.createVersionTable("v", "App Schema").sql);
    const inSchema = dialect.tableExists("v", "App Schema");
    assert.equal((await q(inSchema.sql, [...inSchema.params!])).length, 1);
  });
});
