// A declared schema that cannot be what a database holds is refused before anything is
// compared or written, in one line naming the table and what to fix.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkDeclaration } from "../../src/autogen/check_declaration.ts";
import type { Dialect } from "../../src/dialect/dialect.ts";
import { MysqlDialect } from "../../src/dialect/mysql/mysql_dialect.ts";
import { SqliteDialect } from "../../src/dialect/sqlite/sqlite_dialect.ts";
import { defineSchema, isDeclaredSchema, schemaModel, table } from "../../src/schema/define_schema.ts";
import { t } from "../../src/schema/types.ts";

const id = t.column("id", t.integer(), { primaryKey: true });
const refused = (tables: ReturnType<typeof table>[], pattern: RegExp, dialect: Dialect = new SqliteDialect()) =>
  assert.throws(() => checkDeclaration(schemaModel(defineSchema({ tables }), {}), dialect), (e: Error & { code?: string; exitCode?: number }) => {
    assert.equal(e.code, "INVALID_SCHEMA");
    assert.equal(e.exitCode, 2);
    assert.match(e.message, pattern);
    return true;
  });

describe("the declared schema", () => {
  it("is recognised, and named by the naming convention like createTable", () => {
    const schema = defineSchema({ tables: [table("users", [id, t.column("email", t.text(), { unique: true })])] });
    assert.ok(isDeclaredSchema(schema));
    assert.ok(!isDeclaredSchema({ tables: [] }));
    const [users] = schemaModel(schema, {}).tables;
    assert.deepEqual(users.primaryKey, { name: "pk_users", columns: ["id"] });
    assert.deepEqual(users.uniques, [{ name: "uq_users_email", columns: ["email"] }]);
  });

  it("refuses a table declared twice, and a column twice", () => {
    refused([table("users", [id]), table("users", [id])], /table users is declared twice/);
    refused([table("users", [id, t.column("id", t.text())])], /table users declares column id twice/);
  });

  it("refuses keys and indexes on columns that are not declared", () => {
    refused([table("users", [id], { indexes: [{ columns: ["email"] }] })], /index ix_users_email of table users uses column email/);
    refused([table("users", [id], { uniques: [["nick"]] })], /unique uq_users_nick of table users uses column nick/);
  });

  it("refuses a foreign key to an undeclared table or column", () => {
    const fk = (references: string, column: string) =>
      table("orders", [id, t.column("user_id", t.integer())], {
        foreignKeys: [{ columns: ["user_id"], references, referencesColumns: [column] }],
      });
    refused([fk("users", "id")], /foreign key fk_orders_user_id_users of table orders references table users, which is not declared/);
    refused([table("users", [id]), fk("users", "uid")], /references users\.uid, which is not declared/);
  });

  it("refuses a type the database cannot store", () => {
    refused([table("users", [id, t.column("name", t.varchar())])], /users\.name: MySQL needs a length for VARCHAR/, new MysqlDialect());
  });
});
