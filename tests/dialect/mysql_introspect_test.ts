// introspectMysql against a real MariaDB (or MySQL): every t.* type comes back as itself, a
// table using every feature of the model reads back as the model, the reflected tables
// created again elsewhere read back the same, the number of catalog queries does not grow
// with the number of tables, and the tables / exclude / schemas options, views and triggers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { introspectMysql } from "../../src/dialect/mysql/introspect.ts";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { enumValues, mysqlColumnType } from "../../src/dialect/mysql/mysql_type_reader.ts";
import { mysqlServerDefault } from "../../src/dialect/mysql/mysql_column_reader.ts";
import { isForeignKeyIndex } from "../../src/dialect/mysql/mysql_index_reader.ts";
import { mysqlServerVersion } from "../../src/dialect/mysql/mysql_server_version.ts";
import type { CatalogQuery, IntrospectOptions } from "../../src/dialect/introspector.ts";
import type { Connection } from "../../src/driver/connection.ts";
import type { ColumnType } from "../../src/schema/column_type.ts";
import type { Index } from "../../src/schema/constraint.ts";
import type { DatabaseSchema } from "../../src/schema/database_schema.ts";
import type { SqlFragment } from "../../src/schema/sql_fragment.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import type { Table, TablePlace } from "../../src/schema/table.ts";
import { t } from "../../src/schema/types.ts";
import { sqlOf } from "../_ops.ts";
import type { ThrowawayDatabase } from "../integration/_databases.ts";
import { throwawayDatabase } from "../integration/_databases.ts";

const dialect = new MysqlDialect();
const q = (name: string) => dialect.quoteIdentifier(name);
const first = await throwawayDatabase("mysql");
const second = first.skip ? first : await throwawayDatabase("mysql");
const skip = first.skip || second.skip;

/** A table as the model writes it, with no keys unless given. */
function table(name: string, columns: Table["columns"], rest: Partial<Table> = {}): Table {
  return { table: name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...rest };
}

/** What MariaDB 10.11's default storage gives a table of the test databases. */
const defaults = { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_general_ci" };

describe("introspectMysql", { skip }, () => {
  let database: ThrowawayDatabase;
  let copy: ThrowawayDatabase;
  let conn: Connection;
  let conn2: Connection;
  let main: string;
  let other: string;
  let bulk: string;

  before(async () => {
    database = first.db!;
    copy = second.db!;
    conn = await database.connect();
    conn2 = await copy.connect();
    main = String((await conn.query("SELECT DATABASE() AS d"))[0].d);
    other = `${main}_b`;
    bulk = `${main}_n`;
    await conn.execute(`CREATE DATABASE ${q(other)}`);
    await conn.execute(`CREATE DATABASE ${q(bulk)}`);
  });
  after(async () => {
    await conn?.execute(`DROP DATABASE IF EXISTS ${q(other)}`);
    await conn?.execute(`DROP DATABASE IF EXISTS ${q(bulk)}`);
    await conn?.close();
    await conn2?.close();
    await database?.drop();
    await copy?.drop();
  });

  const reader = (c: Connection): CatalogQuery => (text, params) => c.query(text, params);
  const reflect = (options?: IntrospectOptions, c = conn) => introspectMysql(reader(c), options);

  /** Creates `model` with retort's own SQL (the createTable op through the registry). */
  async function create(model: Table, c = conn, d: MysqlDialect = dialect): Promise<void> {
    for (const statement of sqlOf({ kind: "createTable", ...model }, d)) {
      await c.execute(statement.sql, statement.params);
    }
  }

  async function reflectTable(name: string, c = conn): Promise<Table> {
    const found = (await reflect({ tables: [name] }, c)).tables;
    assert.equal(found.length, 1, `one table ${name}`);
    return found[0];
  }

  it("gives every t.* type back as itself (its MySQL synonyms as the type they render to)", async () => {
    const same: ColumnType[] = [
      t.integer(),
      t.smallint(),
      t.bigint(),
      t.boolean(),
      t.text(),
      t.varchar(10),
      t.char(2),
      t.numeric(10, 2),
      t.numeric(5, 0),
      t.real(),
      t.double(),
      t.date(),
      t.time(),
      t.time({ precision: 3 }),
      t.timestamp(),
      t.timestamp({ precision: 6 }),
      t.timestamp({ tz: true }),
      t.timestamp({ tz: true, precision: 3 }),
      t.json(),
      t.bytes(),
      t.char(36),
      t.enum(["a", "it's", "back\\slash", "x,y", "é ✓"]),
      t.raw("mediumtext"),
      t.raw("longtext"),
      t.raw("int(10) unsigned"),
      t.raw("tinyint(4)"),
      t.raw("mediumint(9)"),
      t.raw("set('a','b')"),
      t.raw("varbinary(16)"),
      t.raw("decimal(10,2) unsigned"),
    ];
    // Types MySQL has no word for: each renders as another type, read back as that one.
    const synonyms: [ColumnType, ColumnType][] = [
      [t.jsonb(), t.json()],
      [t.uuid(), t.char(36)],
      [t.char(), t.char(1)],
      [t.numeric(), t.numeric(10, 0)],
      [t.time({ tz: true }), t.time()],
      [t.time({ tz: true, precision: 2 }), t.time({ precision: 2 })],
      [t.timestamp({ tz: true, precision: 0 }), t.timestamp({ tz: true })],
      [t.enum(["p", "q"], { name: "named" }), t.enum(["p", "q"])],
      [t.raw("MEDIUMTEXT"), t.raw("mediumtext")],
    ];
    const pairs: [ColumnType, ColumnType][] = [
      ...same.map((x) => [x, x] as [ColumnType, ColumnType]),
      ...synonyms,
    ];
    const columns = pairs.map(([type], i) => t.column(`c${i}`, type));
    await create(table("every_type", columns));
    const reflected = await reflectTable("every_type");
    const server = mysqlServerVersion(String((await conn.query("SELECT VERSION() AS v"))[0].v));
    const widths = (type: ColumnType) =>
      !server.mariadb && type.name === "raw"
        ? { ...type, sql: type.sql.replace(/^(tinyint|mediumint|int)\(\d+\)/, "$1") }
        : type;
    assert.deepEqual(
      reflected.columns.map((c) => c.type),
      pairs.map(([, expected]) => widths(expected)),
    );
    assert.ok(reflected.columns.every((c) => c.nullable === true));
  });

  it("reads a table using every feature of the model", async () => {
    await create(table("orgs", [
      t.column("id", t.integer(), { nullable: false, autoincrement: false }),
      t.column("a", t.integer(), { nullable: false }),
      t.column("b", t.varchar(10), { nullable: false }),
    ], {
      primaryKey: { name: "pk_orgs", columns: ["id"] },
      uniques: [{ name: "uq_orgs_a_b", columns: ["a", "b"] }],
    }));
    await create(table("we ird`t", [
      t.column("id", t.integer(), { nullable: false, autoincrement: true }),
      t.column("email", t.varchar(255), { nullable: false, comment: "it's the \\ login ✓" }),
      t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
      t.column("name", t.varchar(50), { serverDefault: "it's a \\ é ✓" }),
      t.column("price", t.numeric(10, 2), { serverDefault: 0 }),
      t.column("created", t.timestamp({ tz: true }), {
        serverDefault: sql`CURRENT_TIMESTAMP`,
        onUpdate: sql`CURRENT_TIMESTAMP`,
      }),
      t.column("seen", t.timestamp({ precision: 3 }), {
        nullable: false,
        serverDefault: sql`CURRENT_TIMESTAMP(3)`,
      }),
      t.column("total", t.integer(), { serverDefault: sql`(1 + 2)` }),
      t.column("code", t.varchar(20), { collation: "utf8mb4_bin", nullable: false }),
      t.column("doubled", t.integer(), { computed: { sql: "total * 2", stored: false } }),
      t.column("plus", t.bigint(), { computed: { sql: "total + 1" } }),
      t.column("role", t.enum(["admin", "it's", "back\\slash"]), {
        nullable: false,
        serverDefault: "admin",
      }),
      t.column("data", t.json(), { serverDefault: "{}" }),
      t.column("uid", t.uuid(), { serverDefault: sql`uuid()` }),
      t.column("org_id", t.integer()),
      t.column("org_a", t.integer()),
      // The referenced column's collation: a foreign key needs the same one.
      t.column("org_b", t.varchar(10), { collation: "utf8mb4_general_ci" }),
      t.column("parent_id", t.integer()),
    ], {
      primaryKey: { name: "pk_weird", columns: ["id"] },
      uniques: [{ name: "uq_email", columns: ["email"] }],
      checks: [{ name: "email_has_at", condition: "email LIKE '%@%'" }, {
        condition: "price >= 0",
      }],
      foreignKeys: [
        {
          name: "fk_org",
          columns: ["org_id"],
          referencesTable: "orgs",
          referencesColumns: ["id"],
          onDelete: "CASCADE",
          onUpdate: "SET NULL",
        },
        {
          name: "fk_org_ab",
          columns: ["org_a", "org_b"],
          referencesTable: "orgs",
          referencesColumns: ["a", "b"],
          onDelete: "NO ACTION",
          onUpdate: "RESTRICT",
        },
        { columns: ["parent_id"], referencesTable: "we ird`t", referencesColumns: ["id"] },
      ],
      indexes: [
        { name: "ix_name", columns: ["name"], unique: false },
        { name: "ix_multi", columns: ["org_id", "created"], unique: false },
        { name: "uq_code_name", columns: ["code", "name"], unique: true },
      ],
      comment: "people's \\ ✓",
      options: { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_unicode_ci" },
    }));
    // A CHECK written on the column: MariaDB names it after the column.
    await conn.execute(`ALTER TABLE ${q("we ird`t")} ADD COLUMN level INT CHECK (level > 0)`);

    const server = mysqlServerVersion(String((await conn.query("SELECT VERSION() AS v"))[0].v));
    const reflected = await reflectTable("we ird`t");
    assert.deepEqual(
      reflected,
      {
        table: "we ird`t",
        columns: [
          { name: "id", type: t.integer(), nullable: false, autoincrement: true },
          {
            name: "email",
            type: t.varchar(255),
            nullable: false,
            comment: "it's the \\ login ✓",
          },
          { name: "active", type: t.boolean(), nullable: false, serverDefault: sql`1` },
          {
            name: "name",
            type: t.varchar(50),
            nullable: true,
            serverDefault: sql`'it''s a \\\\ é ✓'`,
          },
          { name: "price", type: t.numeric(10, 2), nullable: true, serverDefault: sql`0.00` },
          {
            name: "created",
            type: t.timestamp({ tz: true }),
            nullable: true,
            serverDefault: sql`current_timestamp()`,
            onUpdate: sql`current_timestamp()`,
          },
          {
            name: "seen",
            type: t.timestamp({ precision: 3 }),
            nullable: false,
            serverDefault: sql`current_timestamp(3)`,
          },
          { name: "total", type: t.integer(), nullable: true, serverDefault: sql`(1 + 2)` },
          { name: "code", type: t.varchar(20), nullable: false, collation: "utf8mb4_bin" },
          {
            name: "doubled",
            type: t.integer(),
            nullable: true,
            computed: { sql: "`total` * 2", stored: false },
          },
          {
            name: "plus",
            type: t.bigint(),
            nullable: true,
            computed: { sql: "`total` + 1", stored: true },
          },
          {
            name: "role",
            type: t.enum(["admin", "it's", "back\\slash"]),
            nullable: false,
            serverDefault: sql`'admin'`,
          },
          { name: "data", type: t.json(), nullable: true, serverDefault: sql`'{}'` },
          { name: "uid", type: t.char(36), nullable: true, serverDefault: sql`uuid()` },
          { name: "org_id", type: t.integer(), nullable: true },
          { name: "org_a", type: t.integer(), nullable: true },
          {
            name: "org_b",
            type: t.varchar(10),
            nullable: true,
            collation: "utf8mb4_general_ci",
          },
          { name: "parent_id", type: t.integer(), nullable: true },
          { name: "level", type: t.integer(), nullable: true },
        ],
        primaryKey: { columns: ["id"] },
        foreignKeys: [
          {
            name: "fk_org",
            columns: ["org_id"],
            referencesTable: "orgs",
            referencesColumns: ["id"],
            onDelete: "CASCADE",
            onUpdate: "SET NULL",
          },
          // RESTRICT is what MariaDB reports for a foreign key given no action: left out.
          {
            name: "fk_org_ab",
            columns: ["org_a", "org_b"],
            referencesTable: "orgs",
            referencesColumns: ["a", "b"],
            onDelete: "NO ACTION",
          },
          {
            name: "we ird`t_ibfk_1",
            columns: ["parent_id"],
            referencesTable: "we ird`t",
            referencesColumns: ["id"],
          },
        ],
        // A unique index of whole columns is a UNIQUE constraint: MySQL keeps them as one thing.
        uniques: [
          { name: "uq_code_name", columns: ["code", "name"] },
          { name: "uq_email", columns: ["email"] },
        ],
        checks: [
          { name: "CONSTRAINT_1", condition: "`price` >= 0" },
          { name: "email_has_at", condition: "`email` like '%@%'" },
          { name: "level", condition: "`level` > 0" },
        ],
        // fk_org_ab and parent_id are the indexes the server made for two foreign keys.
        indexes: [
          { name: "fk_org_ab", columns: ["org_a", "org_b"], unique: false },
          { name: "ix_multi", columns: ["org_id", "created"], unique: false },
          { name: "ix_name", columns: ["name"], unique: false },
          { name: "parent_id", columns: ["parent_id"], unique: false },
        ],
        comment: "people's \\ ✓",
        options: { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_unicode_ci" },
      } satisfies Table,
    );
    assert.ok(server.mariadb, "the expected texts above are MariaDB's");
    assert.deepEqual(
      reflected.indexes.filter((ix) => isForeignKeyIndex(ix, reflected.foreignKeys)).map((ix) =>
        ix.name
      ),
      ["fk_org_ab", "parent_id"],
    );

    assert.deepEqual(
      await reflectTable("orgs"),
      table("orgs", [
        { name: "id", type: t.integer(), nullable: false, autoincrement: false },
        { name: "a", type: t.integer(), nullable: false },
        { name: "b", type: t.varchar(10), nullable: false },
      ], {
        primaryKey: { columns: ["id"] },
        uniques: [{ name: "uq_orgs_a_b", columns: ["a", "b"] }],
        options: defaults,
      }),
    );
  });

  it("reads prefix, descending, FULLTEXT and prefix-unique indexes", async () => {
    await create(table("keyparts", [
      t.column("id", t.integer(), { nullable: false, autoincrement: false }),
      t.column("s", t.varchar(100)),
      t.column("body", t.text()),
      t.column("i", t.integer()),
    ], { primaryKey: { columns: ["id"] } }));
    await conn.execute("CREATE INDEX ix_prefix ON keyparts (s(10), i)");
    await conn.execute("CREATE INDEX ix_desc ON keyparts (i DESC, s)");
    await conn.execute("CREATE FULLTEXT INDEX ft_body ON keyparts (body)");
    await conn.execute("CREATE UNIQUE INDEX ux_prefix ON keyparts (s(20))");
    const reflected = await reflectTable("keyparts");
    assert.deepEqual(reflected.uniques, []);
    assert.deepEqual(reflected.indexes, [
      { name: "ft_body", columns: ["body"], unique: false, using: "FULLTEXT" },
      { name: "ix_desc", columns: [{ column: "i", descending: true }, "s"], unique: false },
      { name: "ix_prefix", columns: [{ column: "s", length: 10 }, "i"], unique: false },
      { name: "ux_prefix", columns: [{ column: "s", length: 20 }], unique: true },
    ]);
    // Written back by the dialect, they come back the same.
    await create(reflected, conn2);
    assert.deepEqual(await reflectTable("keyparts", conn2), reflected);
    await conn2.execute("DROP TABLE keyparts");
  });

  it("round trip: the reflected tables, created again elsewhere, read back the same", async () => {
    const before = (await reflect()).tables.filter((x) => x.table !== "keyparts");
    assert.ok(before.length >= 3);
    await conn2.execute("SET FOREIGN_KEY_CHECKS = 0");
    for (const model of before) await create(model, conn2);
    await conn2.execute("SET FOREIGN_KEY_CHECKS = 1");
    const again = (await reflect({}, conn2)).tables;
    assert.deepEqual(again, before);
  });

  it("bulk: 1 table and 30 tables take the same number of queries", async () => {
    const counted = async () => {
      let calls = 0;
      const query: CatalogQuery = (text, params) => (calls++, conn.query(text, params));
      const schema = await introspectMysql(query, { schemas: [bulk] });
      return { calls, schema };
    };
    const make = async (i: number) => {
      const name = `t${String(i).padStart(2, "0")}`;
      await create({
        ...table(name, [
          t.column("id", t.integer(), { nullable: false, autoincrement: false }),
          t.column("ref", t.integer()),
          t.column("v", t.varchar(20), { serverDefault: "x" }),
        ], {
          schema: bulk,
          primaryKey: { columns: ["id"] },
          uniques: [{ name: `uq_${name}`, columns: ["v"] }],
          checks: [{ name: `ck_${name}`, condition: "id > 0" }],
          indexes: [{ name: `ix_${name}`, columns: ["ref", "v"], unique: false }],
        }),
        ...(i === 0 ? {} : {
          foreignKeys: [{
            name: `fk_${name}`,
            columns: ["ref"],
            referencesTable: "t00",
            referencesSchema: bulk,
            referencesColumns: ["id"],
          }],
        }),
      });
      await conn.execute(
        `CREATE VIEW ${q(bulk)}.${q(`v_${name}`)} AS SELECT id FROM ${q(bulk)}.${q(name)}`,
      );
      await conn.execute(
        `CREATE TRIGGER ${q(bulk)}.${q(`tr_${name}`)} BEFORE INSERT ON ${q(bulk)}.${
          q(name)
        } FOR EACH ROW SET NEW.v = UPPER(NEW.v)`,
      );
    };
    await make(0);
    const one = await counted();
    assert.equal(one.schema.tables.length, 1);
    for (let i = 1; i < 30; i++) await make(i);
    const thirty = await counted();
    assert.equal(thirty.schema.tables.length, 30);
    assert.equal(thirty.schema.views.length, 30);
    assert.equal(thirty.schema.triggers.length, 30);
    assert.equal(thirty.calls, one.calls);
    assert.equal(one.calls, 10); // one per object kind (keys in three parts; see introspect.ts)
    assert.deepEqual(thirty.schema.tables[29].foreignKeys, [{
      name: "fk_t29",
      columns: ["ref"],
      referencesTable: "t00",
      referencesSchema: bulk,
      referencesColumns: ["id"],
    }]);
    assert.equal(thirty.schema.tables[29].schema, bulk);
  });

  describe("options, views and triggers", () => {
    let all: DatabaseSchema;
    before(async () => {
      await create(table("Users", [t.column("id", t.integer(), { nullable: false, autoincrement: false })], {
        primaryKey: { columns: ["id"] },
      }));
      await create(table("users", [t.column("name", t.varchar(10))]));
      await conn.execute("CREATE VIEW v_users AS SELECT id FROM `Users` WHERE id > 0");
      await conn.execute("CREATE VIEW v_lower AS SELECT name FROM users");
      await conn.execute(
        "CREATE TRIGGER tr_users BEFORE INSERT ON `users` FOR EACH ROW SET NEW.name = LOWER(NEW.name)",
      );
      await conn.execute(
        "CREATE TRIGGER `tr ``Users``` AFTER DELETE ON `Users` FOR EACH ROW BEGIN\n" +
          "  IF OLD.id < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'it''s'; END IF;\nEND",
      );
      await create(table("cats", [t.column("id", t.integer(), { nullable: false, autoincrement: false })], {
        schema: other,
        primaryKey: { columns: ["id"] },
      }));
      await create(table("things", [
        t.column("cat", t.integer()),
        t.column("org", t.integer()),
      ], {
        schema: other,
        foreignKeys: [
          {
            name: "fk_cat",
            columns: ["cat"],
            referencesTable: "cats",
            referencesSchema: other,
            referencesColumns: ["id"],
          },
          {
            name: "fk_org",
            columns: ["org"],
            referencesTable: "orgs",
            referencesSchema: main,
            referencesColumns: ["id"],
          },
        ],
      }));
      await conn.execute(`CREATE VIEW ${q(other)}.v_things AS SELECT cat FROM ${q(other)}.things`);
      all = await reflect();
    });

    it("tables: only the tables named (exactly), and the views and triggers on them", async () => {
      const only = await reflect({ tables: ["Users"] });
      assert.deepEqual(only.tables.map((x) => x.table), ["Users"]);
      assert.deepEqual(only.views.map((v) => v.name), ["v_users"]);
      assert.deepEqual(only.triggers.map((v) => v.name), ["tr `Users`"]);
      assert.deepEqual((await reflect({ tables: [] })).tables, []);
      assert.deepEqual((await reflect({ tables: ["USERS"] })).tables, []);
    });

    it("exclude: leaves tables out", async () => {
      const names = (await reflect({ exclude: ["users", "orgs"] })).tables.map((x) => x.table);
      assert.ok(names.includes("Users"));
      assert.ok(!names.includes("users") && !names.includes("orgs"));
      assert.deepEqual(
        names,
        all.tables.map((x) => x.table).filter((n) => n !== "users" && n !== "orgs"),
      );
    });

    it("schemas: objects of another schema carry it; the current schema's do not", async () => {
      const both = await reflect({ schemas: [main, other] });
      const things = both.tables.find((x) => x.table === "things")!;
      assert.equal(things.schema, other);
      assert.deepEqual(things.foreignKeys, [
        {
          name: "fk_cat",
          columns: ["cat"],
          referencesTable: "cats",
          referencesSchema: other,
          referencesColumns: ["id"],
        },
        { name: "fk_org", columns: ["org"], referencesTable: "orgs", referencesColumns: ["id"] },
      ]);
      assert.deepEqual(
        both.tables.filter((x) => x.schema === undefined).map((x) => x.table),
        all.tables.map((x) => x.table),
      );
      assert.deepEqual(both.views.find((v) => v.name === "v_things")?.schema, other);
      const alone = await reflect({ schemas: [other] });
      assert.deepEqual(alone.tables.map((x) => [x.schema, x.table]), [
        [other, "cats"],
        [other, "things"],
      ]);
      assert.deepEqual(alone.triggers, []);
      assert.deepEqual(alone.enums, []);
    });

    it("views come back with their query, triggers with the statement that creates them", async () => {
      const view = all.views.find((v) => v.name === "v_users");
      assert.deepEqual(view, {
        name: "v_users",
        definition: `select \`${main}\`.\`Users\`.\`id\` AS \`id\` from \`${main}\`.\`Users\` ` +
          `where \`${main}\`.\`Users\`.\`id\` > 0`,
      });
      assert.deepEqual(all.triggers, [
        {
          name: "tr `Users`",
          table: "Users",
          create: "CREATE TRIGGER `tr ``Users``` AFTER DELETE ON `Users` FOR EACH ROW BEGIN\n" +
            "  IF OLD.id < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'it''s'; END IF;\nEND",
        },
        {
          name: "tr_users",
          table: "users",
          create:
            "CREATE TRIGGER `tr_users` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.name = LOWER(NEW.name)",
        },
      ]);
      // The statement creates the same trigger again.
      for (const trigger of all.triggers) {
        await conn.execute(`DROP TRIGGER ${q(trigger.name)}`);
        await conn.execute(trigger.create);
      }
      assert.deepEqual((await reflect()).triggers, all.triggers);
    });
  });
});

describe("MySQL catalog text (pure)", () => {
  const mysql8 = mysqlServerVersion("8.0.36");
  const mariadb = mysqlServerVersion("10.11.19-MariaDB-0+deb12u1");
  const row = { columnType: "varchar(10)", dataType: "varchar", extra: "" };

  it("MySQL 8 defaults: literals quoted back, numbers and CURRENT_TIMESTAMP kept, expressions parenthesised", () => {
    const d = (columnDefault: string | null, more: Partial<typeof row> = {}) =>
      mysqlServerDefault({ ...row, ...more, columnDefault }, mysql8);
    assert.equal(d(null), undefined);
    assert.deepEqual(d("it's a \\ b"), sql`'it''s a \\\\ b'`);
    assert.deepEqual(d("NULL"), sql`'NULL'`);
    assert.deepEqual(d("5", { columnType: "int", dataType: "int" }), sql`5`);
    assert.deepEqual(d("1.50", { columnType: "decimal(10,2)", dataType: "decimal" }), sql`1.50`);
    assert.deepEqual(d("b'101'", { columnType: "bit(3)", dataType: "bit" }), sql`b'101'`);
    assert.deepEqual(
      d("CURRENT_TIMESTAMP", {
        columnType: "timestamp",
        dataType: "timestamp",
        extra: "DEFAULT_GENERATED",
      }),
      sql`CURRENT_TIMESTAMP`,
    );
    assert.deepEqual(
      d("(`a` + 1)", { columnType: "int", dataType: "int", extra: "DEFAULT_GENERATED" }),
      sql`((\`a\` + 1))`,
    );
    assert.deepEqual(
      d("concat(_utf8mb4\\'a\\',`b`)", { extra: "DEFAULT_GENERATED" }),
      sql`(concat(_utf8mb4'a',\`b\`))`,
    );
    assert.deepEqual(d("2020-01-01", { columnType: "date", dataType: "date" }), sql`'2020-01-01'`);
  });

  it("MariaDB defaults are SQL already; the NULL keyword is no default", () => {
    const d = (columnDefault: string | null) =>
      mysqlServerDefault({ ...row, columnDefault }, mariadb);
    assert.equal(d(null), undefined);
    assert.equal(d("NULL"), undefined);
    assert.deepEqual(d("'NULL'"), sql`'NULL'`);
    assert.deepEqual(d("current_timestamp()"), sql`current_timestamp()`);
  });

  it("MySQL 8 types without display widths", () => {
    assert.deepEqual(mysqlColumnType("int"), t.integer());
    assert.deepEqual(mysqlColumnType("bigint"), t.bigint());
    assert.deepEqual(mysqlColumnType("smallint"), t.smallint());
    assert.deepEqual(mysqlColumnType("tinyint(1)"), t.boolean());
    assert.deepEqual(mysqlColumnType("json"), t.json());
    assert.deepEqual(mysqlColumnType("int unsigned"), t.raw("int unsigned"));
    assert.deepEqual(mysqlColumnType("int(5)"), t.raw("int(5)"));
  });

  it("decodes enum values", () => {
    assert.deepEqual(enumValues("'a','it''s','b\\\\c','x,y',''"), ["a", "it's", "b\\c", "x,y", ""]);
    assert.deepEqual(enumValues("'a\\nb'"), ["a\nb"]);
    assert.equal(enumValues("'a"), undefined);
  });
});
