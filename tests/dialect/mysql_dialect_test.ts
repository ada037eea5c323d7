import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dialectFor } from "../../src/dialect/dialect_for.ts";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { sql } from "../../src/schema/sql_fragment.ts";
import { t } from "../../src/schema/types.ts";
import { renderStatements, testSql, testUnsupported } from "./_render.ts";

const my = new MysqlDialect();

describe("MySQL dialect: tables", () => {
  it("createTable with AUTO_INCREMENT, types, defaults, constraints, indexes and inline comments", async () => {
    await testSql(
      my,
      (op) =>
        op.createTable(
          "users",
          [
            t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
            t.column("email", t.varchar(255), {
              nullable: false,
              unique: true,
              comment: "it's the login",
            }),
            t.column("active", t.boolean(), { nullable: false, serverDefault: true }),
            t.column("name", t.varchar(50), { serverDefault: "a\\b" }),
            t.column("org_id", t.bigint()),
            t.column("created", t.timestamp({ tz: true }), {
              serverDefault: sql`CURRENT_TIMESTAMP`,
            }),
          ],
          {
            checks: [{ name: "email_has_at", condition: "email LIKE '%@%'" }],
            foreignKeys: [{
              columns: ["org_id"],
              references: "orgs",
              referencesColumns: ["id"],
              onDelete: "CASCADE",
              onUpdate: "RESTRICT",
            }],
            indexes: [{ columns: ["name"] }, {
              columns: [sql`lower(name)`],
              unique: true,
              name: "uq_lower",
            }],
            comment: "people",
          },
        ),
      [
        "CREATE TABLE `users` (\n" +
        "  `id` INTEGER NOT NULL AUTO_INCREMENT,\n" +
        "  `email` VARCHAR(255) NOT NULL COMMENT 'it''s the login',\n" +
        "  `active` BOOL NOT NULL DEFAULT TRUE,\n" +
        "  `name` VARCHAR(50) DEFAULT 'a\\\\b',\n" +
        "  `org_id` BIGINT,\n" +
        "  `created` TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n" +
        "  CONSTRAINT `pk_users` PRIMARY KEY (`id`),\n" +
        "  CONSTRAINT `uq_users_email` UNIQUE (`email`),\n" +
        "  CONSTRAINT `email_has_at` CHECK (email LIKE '%@%'),\n" +
        "  CONSTRAINT `fk_users_org_id_orgs` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`) " +
        "ON DELETE CASCADE ON UPDATE RESTRICT\n" +
        ") COMMENT='people'",
        "CREATE INDEX `ix_users_name` ON `users` (`name`)",
        "CREATE UNIQUE INDEX `uq_lower` ON `users` ((lower(name)))",
      ],
    );
  });

  it("maps every t.* type", async () => {
    await testSql(
      my,
      (op) =>
        op.createTable("types", [
          t.column("a", t.integer()),
          t.column("b", t.smallint()),
          t.column("c", t.bigint()),
          t.column("d", t.boolean()),
          t.column("e", t.text()),
          t.column("f", t.real()),
          t.column("g", t.double()),
          t.column("h", t.date()),
          t.column("i", t.json()),
          t.column("j", t.jsonb()),
          t.column("k", t.uuid()),
          t.column("l", t.bytes()),
          t.column("m", t.varchar(10)),
          t.column("n", t.char(2)),
          t.column("o", t.numeric(10, 2)),
          t.column("p", t.numeric()),
          t.column("q", t.time()),
          t.column("r", t.time({ tz: true, precision: 3 })),
          t.column("s", t.timestamp()),
          t.column("u", t.timestamp({ precision: 6 })),
          t.column("v", t.timestamp({ tz: true, precision: 0 })),
          t.column("w", t.raw("MEDIUMTEXT")),
          t.column("x", t.enum(["a", "it's"])),
          t.column("y", t.char()),
        ]),
      [
        "CREATE TABLE `types` (\n" +
        [
          "`a` INTEGER",
          "`b` SMALLINT",
          "`c` BIGINT",
          "`d` BOOL",
          "`e` TEXT",
          "`f` FLOAT",
          "`g` DOUBLE",
          "`h` DATE",
          "`i` JSON",
          "`j` JSON",
          "`k` CHAR(36)",
          "`l` BLOB",
          "`m` VARCHAR(10)",
          "`n` CHAR(2)",
          "`o` NUMERIC(10, 2)",
          "`p` NUMERIC",
          "`q` TIME",
          "`r` TIME(3)",
          "`s` DATETIME",
          "`u` DATETIME(6)",
          "`v` TIMESTAMP(0)",
          "`w` MEDIUMTEXT",
          "`x` ENUM('a', 'it''s')",
          "`y` CHAR",
        ].map((line) => `  ${line}`).join(",\n") +
        "\n)",
      ],
    );
  });

  it("refuses VARCHAR without a length, naming the column", async () => {
    await testUnsupported(
      my,
      (op) => op.createTable("users", [t.column("email", t.varchar())]),
      /column users\.email: MySQL needs a length for VARCHAR; write t\.varchar\(255\)/,
    );
    await testUnsupported(
      my,
      (op) => op.addColumn("users", t.column("nick", t.varchar())),
      /users\.nick/,
    );
  });

  it("identity start, composite keys, schema and enum columns need no type of their own", async () => {
    await testSql(
      my,
      async (op) => {
        await op.createTable("seq", [
          t.column("id", t.bigint(), { primaryKey: true, identity: { start: 100 } }),
          t.column("state", t.enum(["on", "off"], { name: "ignored" })),
        ], { schema: "app", comment: "s" });
        await op.createTable("pair", [t.column("a", t.integer()), t.column("b", t.varchar(3))], {
          primaryKey: ["a", "b"],
          foreignKeys: [{
            name: "fk_pair",
            columns: ["a"],
            references: "seq",
            referencesSchema: "app",
            referencesColumns: ["id"],
            initially: "IMMEDIATE",
          }],
        });
      },
      [
        "CREATE TABLE `app`.`seq` (\n" +
        "  `id` BIGINT NOT NULL AUTO_INCREMENT,\n" +
        "  `state` ENUM('on', 'off'),\n" +
        "  CONSTRAINT `pk_seq` PRIMARY KEY (`id`)\n" +
        ") AUTO_INCREMENT=100 COMMENT='s'",
        "CREATE TABLE `pair` (\n" +
        "  `a` INTEGER NOT NULL,\n" +
        "  `b` VARCHAR(3) NOT NULL,\n" +
        "  CONSTRAINT `pk_pair` PRIMARY KEY (`a`, `b`),\n" +
        "  CONSTRAINT `fk_pair` FOREIGN KEY (`a`) REFERENCES `app`.`seq` (`id`)\n" +
        ")",
      ],
    );
  });

  it("AUTO_INCREMENT on an integer type in MySQL's own words (unsigned, as a reflected key reads)", async () => {
    await testSql(my, async (op) => {
      await op.createTable("orders", [
        t.column("id", t.raw("bigint unsigned"), { primaryKey: true, autoincrement: true }),
        t.column("n", t.raw("int(10) unsigned zerofill"), { nullable: false, autoincrement: true, unique: true }),
      ]);
    }, [
      "CREATE TABLE `orders` (\n" +
      "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n" +
      "  `n` int(10) unsigned zerofill NOT NULL AUTO_INCREMENT,\n" +
      "  CONSTRAINT `pk_orders` PRIMARY KEY (`id`),\n" +
      "  CONSTRAINT `uq_orders_n` UNIQUE (`n`)\n" +
      ")",
    ]);
    await testUnsupported(
      my,
      (op) => op.createTable("s", [t.column("id", t.raw("decimal(10,0) unsigned"), { primaryKey: true, autoincrement: true })]),
      /column s\.id: MySQL AUTO_INCREMENT needs an integer type/,
    );
  });

  it("refuses deferrable foreign keys, per-column increments and non-integer AUTO_INCREMENT", async () => {
    await testUnsupported(
      my,
      (op) => op.createForeignKey("a", ["b"], "c", ["d"], { deferrable: true }),
      /foreign key fk_a_b_c on a: MySQL .* cannot defer/,
    );
    await testUnsupported(
      my,
      (op) =>
        op.createTable("s", [
          t.column("id", t.integer(), { primaryKey: true, identity: { increment: 2 } }),
        ]),
      /column s\.id: .*increment/,
    );
    await testUnsupported(
      my,
      (op) =>
        op.createTable("s", [t.column("id", t.text(), { primaryKey: true, autoincrement: true })]),
      /column s\.id: MySQL AUTO_INCREMENT needs an integer type/,
    );
  });

  it("dropTable and renameTable keep the schema on both names", async () => {
    await testSql(my, async (op) => {
      await op.dropTable("users", { schema: "app" });
      await op.renameTable("users", "people");
      await op.renameTable("users", "people", { schema: "app" });
    }, [
      "DROP TABLE `app`.`users`",
      "ALTER TABLE `users` RENAME TO `people`",
      "ALTER TABLE `app`.`users` RENAME TO `app`.`people`",
    ]);
  });
});

describe("MySQL dialect: columns", () => {
  it("addColumn with default, key, unique and inline comment; dropColumn", async () => {
    await testSql(my, async (op) => {
      await op.addColumn(
        "users",
        t.column("age", t.smallint(), { nullable: false, serverDefault: 0 }),
      );
      await op.addColumn("users", t.column("code", t.varchar(8), { unique: true, comment: "c" }), {
        schema: "app",
      });
      await op.addColumn(
        "users",
        t.column("id", t.integer(), { primaryKey: true, autoincrement: true }),
      );
      await op.dropColumn("users", "age");
    }, [
      "ALTER TABLE `users` ADD COLUMN `age` SMALLINT NOT NULL DEFAULT 0",
      "ALTER TABLE `app`.`users` ADD COLUMN `code` VARCHAR(8) COMMENT 'c', ADD CONSTRAINT `uq_users_code` UNIQUE (`code`)",
      "ALTER TABLE `users` ADD COLUMN `id` INTEGER NOT NULL AUTO_INCREMENT, ADD CONSTRAINT `pk_users` PRIMARY KEY (`id`)",
      "ALTER TABLE `users` DROP COLUMN `age`",
    ]);
  });

  it("alterColumn: a default or a name alone change without restating the column", async () => {
    await testSql(my, async (op) => {
      await op.alterColumn("users", "age", { serverDefault: 5 });
      await op.alterColumn("users", "age", { serverDefault: null, schema: "app" });
      await op.alterColumn("users", "at", { serverDefault: sql`CURRENT_TIMESTAMP` });
      await op.alterColumn("users", "age", { newName: "years" });
      await op.alterColumn("users", "age", { newName: "years", serverDefault: "x" });
    }, [
      "ALTER TABLE `users` ALTER COLUMN `age` SET DEFAULT 5",
      "ALTER TABLE `app`.`users` ALTER COLUMN `age` DROP DEFAULT",
      "ALTER TABLE `users` ALTER COLUMN `at` SET DEFAULT (CURRENT_TIMESTAMP)",
      "ALTER TABLE `users` RENAME COLUMN `age` TO `years`",
      "ALTER TABLE `users` ALTER COLUMN `age` SET DEFAULT 'x'",
      "ALTER TABLE `users` RENAME COLUMN `age` TO `years`",
    ]);
  });

  it("alterColumn: MODIFY / CHANGE restate the column from the existing* values", async () => {
    await testSql(my, async (op) => {
      await op.alterColumn("users", "age", { nullable: false, existingType: t.integer() });
      await op.alterColumn("users", "age", {
        type: t.bigint(),
        existingNullable: false,
        existingServerDefault: 0,
        existingComment: "years",
      });
      await op.alterColumn("users", "age", {
        newName: "years",
        nullable: true,
        serverDefault: null,
        comment: "it's",
        existingType: t.smallint(),
        existingServerDefault: 1,
      });
      await op.alterColumn("users", "age", {
        comment: null,
        existingType: t.integer(),
        existingNullable: true,
        existingComment: "old",
        schema: "app",
      });
    }, [
      "ALTER TABLE `users` MODIFY COLUMN `age` INTEGER NOT NULL",
      "ALTER TABLE `users` MODIFY COLUMN `age` BIGINT NOT NULL DEFAULT 0 COMMENT 'years'",
      "ALTER TABLE `users` CHANGE COLUMN `age` `years` SMALLINT COMMENT 'it''s'",
      "ALTER TABLE `app`.`users` MODIFY COLUMN `age` INTEGER",
    ]);
  });

  it("alterColumn: a restated column keeps AUTO_INCREMENT, its collation and ON UPDATE when told", async () => {
    await testSql(my, async (op) => {
      await op.alterColumn("users", "id", {
        type: t.bigint(),
        existingNullable: false,
        existingAutoincrement: true,
      });
      await op.alterColumn("users", "code", {
        nullable: false,
        existingType: t.varchar(10),
        existingCollation: "utf8mb4_bin",
      });
      await op.alterColumn("users", "seen", {
        comment: "last seen",
        existingType: t.timestamp({ tz: true }),
        existingNullable: true,
        existingServerDefault: sql`CURRENT_TIMESTAMP`,
        existingOnUpdate: sql`CURRENT_TIMESTAMP`,
      });
    }, [
      "ALTER TABLE `users` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT",
      "ALTER TABLE `users` MODIFY COLUMN `code` VARCHAR(10) COLLATE utf8mb4_bin NOT NULL",
      "ALTER TABLE `users` MODIFY COLUMN `seen` TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'last seen'",
    ]);
  });

  it("alterColumn: says which existing* values it needs", async () => {
    await testUnsupported(
      my,
      (op) => op.alterColumn("users", "age", { nullable: false }),
      /alterColumn users\.age: MySQL restates the whole column to change it; give existingType \(/,
    );
    await testUnsupported(
      my,
      (op) => op.alterColumn("users", "age", { comment: "x", schema: "app" }),
      /alterColumn app\.users\.age: .*give existingType and existingNullable/,
    );
    await testUnsupported(
      my,
      (op) => op.alterColumn("users", "age", { type: t.text() }),
      /give existingNullable \(/,
    );
  });
});

describe("MySQL dialect: indexes and constraints", () => {
  it("createIndex: unique, expressions, schema; concurrently is ignored", async () => {
    await testSql(my, async (op) => {
      await op.createIndex("users", ["email", "age"], { unique: true });
      await op.createIndex("users", "age", { name: "by_age", schema: "app", concurrently: true });
      await op.createIndex("users", ["org", sql`lower(email)`], { name: "mixed" });
    }, [
      "CREATE UNIQUE INDEX `uq_users_email_age` ON `users` (`email`, `age`)",
      "CREATE INDEX `by_age` ON `app`.`users` (`age`)",
      "CREATE INDEX `mixed` ON `users` (`org`, (lower(email)))",
    ]);
  });

  it("refuses partial indexes", async () => {
    await testUnsupported(
      my,
      (op) => op.createIndex("users", "age", { where: "age > 0" }),
      /createIndex ix_users_age on users: MySQL has no partial indexes/,
    );
  });

  it("dropIndex needs the table", async () => {
    await testSql(my, async (op) => {
      await op.dropIndex("by_age", { table: "users" });
      await op.dropIndex("by_age", { table: "users", schema: "app" });
    }, ["DROP INDEX `by_age` ON `users`", "DROP INDEX `by_age` ON `app`.`users`"]);
    await testUnsupported(
      my,
      (op) => op.dropIndex("by_age"),
      /dropIndex by_age: MySQL needs the table .*table: /,
    );
  });

  it("adds constraints and drops each kind with its own clause", async () => {
    await testSql(my, async (op) => {
      await op.createUniqueConstraint("users", ["email"]);
      await op.createForeignKey("posts", ["user_id"], "users", ["id"], {
        onDelete: "SET NULL",
        schema: "app",
      });
      await op.createCheckConstraint("users", "age >= 0", { name: "age_ok" });
      await op.createPrimaryKey("users", ["id"]);
      await op.dropConstraint("users", "fk_x", { type: "foreignkey" });
      await op.dropConstraint("users", "uq_x", { type: "unique", schema: "app" });
      await op.dropConstraint("users", "age_ok", { type: "check" });
      await op.dropConstraint("users", "pk_users", { type: "primary" });
    }, [
      "ALTER TABLE `users` ADD CONSTRAINT `uq_users_email` UNIQUE (`email`)",
      "ALTER TABLE `app`.`posts` ADD CONSTRAINT `fk_posts_user_id_users` FOREIGN KEY (`user_id`) " +
      "REFERENCES `users` (`id`) ON DELETE SET NULL",
      "ALTER TABLE `users` ADD CONSTRAINT `age_ok` CHECK (age >= 0)",
      "ALTER TABLE `users` ADD CONSTRAINT `pk_users` PRIMARY KEY (`id`)",
      "ALTER TABLE `users` DROP FOREIGN KEY `fk_x`",
      "ALTER TABLE `app`.`users` DROP INDEX `uq_x`",
      "ALTER TABLE `users` DROP CONSTRAINT `age_ok`",
      "ALTER TABLE `users` DROP PRIMARY KEY",
    ]);
  });

  it("dropConstraint asks for the type", async () => {
    await testUnsupported(
      my,
      (op) => op.dropConstraint("users", "x"),
      /dropConstraint x on users: .*pass type: "foreignkey", "unique", "check" or "primary"/,
    );
  });
});

describe("MySQL dialect: comments, data, enum types, raw SQL", () => {
  it("table comments", async () => {
    await testSql(my, async (op) => {
      await op.createTableComment("users", "it's people", { schema: "app" });
      await op.dropTableComment("users");
    }, ["ALTER TABLE `app`.`users` COMMENT = 'it''s people'", "ALTER TABLE `users` COMMENT = ''"]);
  });

  it("bulkInsert writes literal rows", async () => {
    await testSql(my, async (op) => {
      await op.bulkInsert("users", [
        { id: 1, name: "a'b\\c", active: true, at: new Date("2026-01-02T03:04:05Z") },
        { id: 2, name: null, active: false, at: null },
        {},
      ]);
    }, [
      "INSERT INTO `users` (`id`, `name`, `active`, `at`) VALUES " +
      "(1, 'a''b\\\\c', TRUE, '2026-01-02 03:04:05.000'), (2, NULL, FALSE, NULL)",
      "INSERT INTO `users` () VALUES ()",
    ]);
  });

  it("enum types render nothing: MySQL enums are inline", async () => {
    await testSql(my, async (op) => {
      await op.createEnumType("mood", ["a"]);
      await op.dropEnumType("mood");
    }, []);
  });

  it("execute passes SQL and params through", async () => {
    assert.deepEqual(
      await renderStatements(
        my,
        (op) => op.execute("UPDATE users SET age = ? WHERE id = ?", [3, 4]),
      ),
      [{ sql: "UPDATE users SET age = ? WHERE id = ?", params: [3, 4] }],
    );
  });
});

describe("MySQL dialect: quoting, literals, runtime statements", () => {
  it("quotes every identifier with backticks", () => {
    assert.equal(my.quoteIdentifier("select"), "`select`");
    assert.equal(my.quoteIdentifier("MixedCase"), "`MixedCase`");
    assert.equal(my.quoteIdentifier("with space"), "`with space`");
    assert.equal(my.quoteIdentifier("a`b"), "`a``b`");
    assert.equal(my.quoteIdentifier('a"b'), '`a"b`');
    assert.equal(my.quoteIdentifier("ünïcödé_表"), "`ünïcödé_表`");
    assert.equal(my.qualify("order", "Sales Team"), "`Sales Team`.`order`");
  });

  it("escapes string literals as mysql_real_escape_string does", () => {
    assert.equal(my.literal("it's"), "'it''s'");
    assert.equal(my.literal("back\\slash"), "'back\\\\slash'");
    assert.equal(my.literal("nul\0here"), "'nul\\0here'");
    assert.equal(my.literal("line\nbreak\r\x1a"), "'line\\nbreak\\r\\Z'");
    assert.equal(my.literal('dq"'), `'dq"'`);
    assert.equal(my.literal("ünï"), "'ünï'");
  });

  it("writes other literals", () => {
    assert.equal(my.literal(42), "42");
    assert.equal(my.literal(0.25), "0.25");
    assert.equal(my.literal(7n), "7");
    assert.equal(my.literal(true), "TRUE");
    assert.equal(my.literal(false), "FALSE");
    assert.equal(my.literal(null), "NULL");
    assert.equal(my.literal(new Date("2026-01-02T03:04:05.678Z")), "'2026-01-02 03:04:05.678'");
    assert.equal(my.literal(new Uint8Array([1, 171])), "X'01ab'");
    assert.equal(my.literal([1, "a"]), `'[1,"a"]'`);
    assert.throws(() => my.literal(Number.POSITIVE_INFINITY), /no literal for Infinity/);
  });

  it("inlines ? parameters, not inside strings, identifiers or comments", () => {
    assert.equal(
      my.inlineParams({
        sql: "SELECT ?, '?', 'it\\'s ?', \"?\", `?`, ? # ?\n, ? -- ?\n/* ? */",
        params: ["a\\b", 2, null],
      }),
      "SELECT 'a\\\\b', '?', 'it\\'s ?', \"?\", `?`, 2 # ?\n, NULL -- ?\n/* ? */",
    );
    assert.throws(
      () => my.inlineParams({ sql: "SELECT ?, ?", params: [1] }),
      /placeholder 2 has no parameter/,
    );
  });

  it("version table and table lookup", () => {
    assert.equal(
      my.createVersionTable("retort_version").sql,
      "CREATE TABLE IF NOT EXISTS `retort_version` (`version_num` VARCHAR(64) NOT NULL, " +
        "CONSTRAINT `retort_version_pkc` PRIMARY KEY (`version_num`))",
    );
    assert.equal(
      my.createVersionTable("v", "ops").sql.slice(0, 37),
      "CREATE TABLE IF NOT EXISTS `ops`.`v` ",
    );
    assert.deepEqual(my.tableExists("v"), {
      sql:
        "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ? " +
        "AND table_type = 'BASE TABLE'",
      params: ["v"],
    });
    assert.deepEqual(my.tableExists("v", "ops").params, ["ops", "v"]);
  });

  it("capabilities and dialectFor", () => {
    const d = dialectFor("mysql");
    assert.equal(d.name, "mysql");
    assert.equal(d.capabilities.transactionalDdl, false);
    assert.equal(d.capabilities.dropIndexNeedsTable, true);
    assert.equal(d.capabilities.partialIndexes, false);
  });
});
