// Names the database would not keep as written are refused before anything runs:
// PostgreSQL cuts a name past 63 bytes silently (two long names become one), MySQL allows 64
// characters, and no database keeps an empty name or a NUL in one.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { byteLength, conventionalName, defaultNamingConvention, fitName } from "../../src/schema/naming.ts";
import { t } from "../../src/schema/types.ts";
import { collectOps, sqlOf } from "../_ops.ts";

const refused = (run: () => unknown, pattern: RegExp) =>
  assert.throws(run, (e: Error & { code?: string }) => {
    assert.equal(e.code, "INVALID_IDENTIFIER");
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes("\n"));
    return true;
  });

describe("identifier limits", () => {
  const long = "a".repeat(62);

  it("PostgreSQL: more than 63 bytes is refused, naming the name, its length and the limit", async () => {
    const pg = new PostgresDialect();
    const [create] = await collectOps((op) => op.createTable(`${long}_2023`, [t.column("id", t.integer())]));
    refused(() => sqlOf(create, pg), new RegExp(`identifier "${long}_2023" is 67 bytes long; PostgreSQL allows 63 bytes and would cut it silently: shorten it`));
    // 63 bytes exactly is fine; 32 Cyrillic letters are 64 bytes
    assert.ok(sqlOf({ ...create, table: "b".repeat(63) } as typeof create, pg).length > 0);
    refused(() => pg.quoteIdentifier("ж".repeat(32)), /is 64 bytes long/);
    refused(() => pg.qualify("users", "s".repeat(64)), /is 64 bytes long/);
  });

  it("MySQL counts characters: 64 Cyrillic letters pass, 65 do not", () => {
    const my = new MysqlDialect();
    assert.equal(my.quoteIdentifier("ж".repeat(64)), `\`${"ж".repeat(64)}\``);
    refused(() => my.quoteIdentifier("ж".repeat(65)), /is 65 characters long; MySQL allows 64 characters: shorten it/);
  });

  it("every database refuses an empty name and a NUL in one", () => {
    for (const dialect of [new PostgresDialect(), new MysqlDialect(), new SqliteDialect()]) {
      refused(() => dialect.quoteIdentifier(""), /an identifier is empty/);
      refused(() => dialect.quoteIdentifier("a\0b"), /holds a NUL character/);
    }
    assert.ok(new SqliteDialect().quoteIdentifier("x".repeat(1000)), "SQLite has no limit");
  });

  it("the naming convention shortens by bytes, whole characters, and keeps names apart", () => {
    const table = "заказы_покупателей_интернет_магазина";
    const a = conventionalName(defaultNamingConvention, "ix", { table, columns: ["дата_создания_заказа"] });
    const b = conventionalName(defaultNamingConvention, "ix", { table, columns: ["дата_изменения_заказа"] });
    assert.notEqual(a, b);
    for (const name of [a, b]) {
      assert.ok(byteLength(name) <= 63, `${name}: ${byteLength(name)} bytes`);
      new PostgresDialect().quoteIdentifier(name); // fits
    }
    assert.equal(fitName("short"), "short");
    assert.doesNotMatch(fitName("я".repeat(40)), /\uFFFD/, "no character is split");
  });
});
