// retort/plugins/drizzle without a database: what a Drizzle table declares, column by column,
// as docs/plugins.md's mapping table says. The round trips on real databases are in
// tests/integration/drizzle_plugin_test.ts.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import * as my from "drizzle-orm/mysql-core";
import * as pg from "drizzle-orm/pg-core";
import * as sl from "drizzle-orm/sqlite-core";
import drizzle, { readDrizzleSchema } from "../../plugins/drizzle.ts";
import { t } from "../../mod.ts";
import type { Column, SchemaDeclaration } from "../../mod.ts";

function declared(module: Record<string, unknown>, options = {}): SchemaDeclaration {
  const schema = readDrizzleSchema(module, "schema.ts", options);
  assert.ok(schema, "a declaration");
  return schema;
}

/** Each column's type and options, by name. */
function columns(
  module: Record<string, unknown>,
  options = {},
): Record<string, Omit<Column, "name">> {
  return Object.fromEntries(
    declared(module, options).tables[0].columns.map(({ name, ...rest }) => [name, rest]),
  );
}

describe("drizzle: column types and options", () => {
  it("PostgreSQL", () => {
    const mood = pg.pgEnum("mood", ["sad", "ok"]);
    const c = columns({
      mood,
      things: pg.pgTable("things", {
        id: pg.serial().primaryKey(),
        big: pg.bigserial({ mode: "number" }),
        n: pg.integer().primaryKey().default(1),
        name: pg.varchar({ length: 20 }).notNull(),
        price: pg.numeric({ precision: 10, scale: 2 }).default("1.50"),
        at: pg.timestamp({ withTimezone: true, precision: 3 }).defaultNow(),
        wakes: pg.time({ withTimezone: true }),
        born: pg.date({ mode: "date" }).default(new Date("2000-01-02T00:00:00Z")),
        seen: pg.timestamp({ mode: "date" }).default(new Date("2000-01-02T03:04:05Z")),
        meta: pg.jsonb().default({ a: [1] }),
        feeling: mood().default("ok"),
        ticket: pg.integer().generatedByDefaultAsIdentity({ startWith: 10, increment: 2 }),
        tags: pg.text().array(),
        span: pg.interval(),
        nick: pg.text().$defaultFn(() => "client"),
        total: pg.integer().generatedAlwaysAs(sql`1 + 2`),
      }),
    });
    assert.deepEqual(c.id, { type: t.integer(), primaryKey: true, autoincrement: true });
    assert.deepEqual(c.big, { type: t.bigint(), nullable: false, autoincrement: true });
    assert.deepEqual(c.n, {
      type: t.integer(),
      primaryKey: true,
      serverDefault: 1,
      autoincrement: false,
    });
    assert.deepEqual(c.name, { type: t.varchar(20), nullable: false });
    assert.deepEqual(c.price, { type: t.numeric(10, 2), serverDefault: "1.50" });
    assert.deepEqual(c.at, {
      type: t.timestamp({ tz: true, precision: 3 }),
      serverDefault: { sql: "CURRENT_TIMESTAMP" },
    });
    assert.deepEqual(c.wakes, { type: t.time({ tz: true }) });
    assert.deepEqual(c.born, { type: t.date(), serverDefault: "2000-01-02" });
    assert.deepEqual(c.seen, { type: t.timestamp(), serverDefault: "2000-01-02 03:04:05" });
    assert.deepEqual(c.meta, { type: t.jsonb(), serverDefault: '{"a":[1]}' });
    assert.deepEqual(c.feeling, {
      type: t.enum(["sad", "ok"], { name: "mood" }),
      serverDefault: "ok",
    });
    assert.deepEqual(c.ticket, {
      type: t.integer(),
      nullable: false,
      identity: { always: false, start: 10, increment: 2 },
    });
    assert.deepEqual(c.tags, { type: t.raw("text[]") });
    assert.deepEqual(c.span, { type: t.raw("interval") });
    assert.deepEqual(c.nick, { type: t.text() }, "$defaultFn is no server default");
    assert.deepEqual(c.total, { type: t.integer(), computed: { sql: "1 + 2", stored: true } });
  });

  it("MySQL", () => {
    const c = columns({
      things: my.mysqlTable("things", {
        id: my.serial().primaryKey(),
        n: my.int({ unsigned: true }).autoincrement().unique(),
        ratio: my.real(),
        f: my.float(),
        at: my.timestamp({ fsp: 3 }).defaultNow().onUpdateNow(),
        when: my.datetime(),
        price: my.decimal({ precision: 8, scale: 2 }),
        plan: my.mysqlEnum(["free", "pro"]).default("free"),
        bio: my.mediumtext(),
        path: my.varchar({ length: 60 }).default("C:\\dir"),
      }),
    });
    assert.deepEqual(c.id, {
      type: t.raw("bigint unsigned"),
      primaryKey: true,
      autoincrement: true,
    });
    assert.deepEqual(c.n, { type: t.raw("int unsigned"), nullable: false, autoincrement: true });
    assert.deepEqual(c.ratio, { type: t.double() });
    assert.deepEqual(c.f, { type: t.real() });
    assert.deepEqual(c.at, {
      type: t.timestamp({ tz: true, precision: 3 }),
      serverDefault: { sql: "CURRENT_TIMESTAMP(3)" },
      onUpdate: { sql: "CURRENT_TIMESTAMP(3)" },
    });
    assert.deepEqual(c.when, { type: t.timestamp() });
    assert.deepEqual(c.price, { type: t.numeric(8, 2) });
    assert.deepEqual(c.plan, { type: t.enum(["free", "pro"]), serverDefault: "free" });
    assert.deepEqual(c.bio, { type: t.raw("mediumtext") });
    assert.deepEqual(c.path, { type: t.varchar(60), serverDefault: "C:\\dir" });
  });

  it("SQLite keeps Drizzle's words", () => {
    const c = columns({
      things: sl.sqliteTable("things", {
        id: sl.integer().primaryKey({ autoIncrement: true }),
        on: sl.integer({ mode: "boolean" }).default(true),
        at: sl.integer({ mode: "timestamp" }).default(new Date("2000-01-02T00:00:00Z")),
        code: sl.text({ length: 3 }),
        plan: sl.text({ enum: ["free", "pro"] }),
        data: sl.blob({ mode: "json" }),
      }),
    });
    assert.deepEqual(c.id, { type: t.integer(), primaryKey: true, autoincrement: true });
    assert.deepEqual(c.on, { type: t.integer(), serverDefault: 1 });
    assert.deepEqual(c.at, { type: t.integer(), serverDefault: 946771200 });
    assert.deepEqual(c.code, { type: t.raw("text(3)") });
    assert.deepEqual(c.plan, { type: t.text() });
    assert.deepEqual(c.data, { type: t.bytes() });
  });
});

describe("drizzle: keys, constraints, indexes", () => {
  it("names them as Drizzle does, reads actions, keys, sql and casing", () => {
    const users = pg.pgTable("users", { id: pg.integer().primaryKey() });
    const posts = pg.pgSchema("blog").table("posts", {
      authorId: pg.integer().notNull().references(() => users.id, {
        onDelete: "set null",
        onUpdate: "no action",
      }),
      slug: pg.text().unique(),
      createdAt: pg.timestamp(),
    }, (p) => [
      pg.primaryKey({ columns: [p.authorId, p.slug] }),
      pg.unique().on(p.slug, p.createdAt),
      pg.check("ck_posts_slug", sql`length(${p.slug}) > ${3}`),
      pg.index().on(p.createdAt.desc(), p.slug.op("text_pattern_ops")),
      pg.uniqueIndex("ux_posts_lower_slug").on(sql`lower(${p.slug})`).where(
        sql`${p.slug} <> 'it''s'`,
      ),
    ]);
    const schema = declared({ users, posts, pgEnums: [] }, { casing: "snake_case" });
    const declaredPosts = schema.tables.find((d) => d.table === "posts")!;
    assert.deepEqual(declaredPosts.columns.map((c) => c.name), ["author_id", "slug", "created_at"]);
    assert.deepEqual(declaredPosts.options, {
      schema: "blog",
      primaryKey: { name: "posts_author_id_slug_pk", columns: ["author_id", "slug"] },
      foreignKeys: [{
        name: "posts_author_id_users_id_fk",
        columns: ["author_id"],
        references: "users",
        referencesColumns: ["id"],
        onDelete: "SET NULL",
      }],
      uniques: [
        { name: "posts_slug_unique", columns: ["slug"] },
        { name: "posts_slug_created_at_unique", columns: ["slug", "created_at"] },
      ],
      checks: [{ name: "ck_posts_slug", condition: `length("slug") > 3` }],
      indexes: [
        {
          columns: [
            { column: "created_at", descending: true, nulls: "last" },
            { column: "slug", opclass: "text_pattern_ops" },
          ],
          unique: false,
        },
        {
          name: "ux_posts_lower_slug",
          columns: [{ sql: `lower("slug")` }],
          unique: true,
          where: `"slug" <> 'it''s'`,
        },
      ],
    });
  });

  it("exported pgEnums, also in a default export object; aliases are not tables", () => {
    const plan = pg.pgEnum("plan", ["free", "pro"]);
    const users = pg.pgTable("users", { id: pg.integer() });
    const schema = declared({ default: { plan, users }, other: pg.alias(users, "u") });
    assert.deepEqual(schema.enums, [{ name: "plan", values: ["free", "pro"] }]);
    assert.deepEqual(schema.tables.map((d) => d.table), ["users"]);
  });

  it("undefined without tables; an error for tables of two databases", async () => {
    assert.equal(readDrizzleSchema({ x: 1, plan: pg.pgEnum("p", ["a"]) }, "schema.ts"), undefined);
    assert.equal(await drizzle().readTarget!({}, "schema.ts"), undefined);
    assert.throws(
      () =>
        readDrizzleSchema({
          a: pg.pgTable("a", { id: pg.integer() }),
          b: sl.sqliteTable("b", { id: sl.integer() }),
        }, "db/schema.ts"),
      /db\/schema\.ts mixes tables of postgres and sqlite/,
    );
  });
});
