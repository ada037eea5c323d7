// The hook chain, pure: rewriters in order (each sees what the one before produced), their
// results (keep, drop, replace), filters, the pre / unordered / post buckets, include filters,
// observers, and every failure named.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PostgresDialect } from "../../src/dialect/postgres/postgres_dialect.ts";
import type { OpBase } from "../../src/ops/op.ts";
import type { HookContext, Plugin } from "../../src/plugin/plugin.ts";
import { PluginChain } from "../../src/plugin/plugin_chain.ts";
import { rewriter } from "../../src/plugin/rewriter.ts";
import { t } from "../../src/schema/types.ts";

const ctx: HookContext = {
  phase: "run",
  dialect: new PostgresDialect(),
  revision: "a1",
  direction: "upgrade",
  autogenerate: false,
  args: {},
};
const drop = (table: string): OpBase => ({ kind: "dropTable", table } as OpBase);
const tables = (ops: OpBase[]) => ops.map((o) => `${o.kind}:${(o as { table?: string }).table}`);

describe("rewriteOp", () => {
  it("keeps (undefined), drops (null) and replaces (an op or an array)", async () => {
    const chain = new PluginChain([{
      name: "p",
      rewriteOp: (op) => {
        const table = (op as OpBase & { table: string }).table;
        if (table === "keep") return undefined;
        if (table === "gone") return null;
        if (table === "one") return drop("uno");
        return [drop("x"), drop("y")];
      },
    }]);
    assert.deepEqual(tables(await chain.rewrite(drop("keep"), ctx)), ["dropTable:keep"]);
    assert.deepEqual(tables(await chain.rewrite(drop("gone"), ctx)), []);
    assert.deepEqual(tables(await chain.rewrite(drop("one"), ctx)), ["dropTable:uno"]);
    assert.deepEqual(tables(await chain.rewrite(drop("two"), ctx)), ["dropTable:x", "dropTable:y"]);
  });

  it("chains: each plugin sees what the one before produced; pre, unordered, post; config order in each", async () => {
    const seen: string[] = [];
    const tag = (name: string, order?: "pre" | "post"): Plugin => {
      const handler = async (op: OpBase) => {
        await new Promise((r) => setTimeout(r, 1)); // async hooks are fine
        seen.push(`${name}:${(op as OpBase & { table: string }).table}`);
        return { ...op, table: `${(op as OpBase & { table: string }).table}+${name}` } as OpBase;
      };
      return { name, rewriteOp: order ? { handler, order } : handler };
    };
    const chain = new PluginChain([tag("a"), tag("b", "post"), tag("c", "pre"), tag("d"), tag("e", "pre")]);
    assert.deepEqual(tables(await chain.rewrite(drop("t"), ctx)), ["dropTable:t+c+e+a+d+b"]);
    assert.deepEqual(seen, ["c:t", "e:t+c", "a:t+c+e", "d:t+c+e+a", "b:t+c+e+a+d"]);
  });

  it("filters by op kind and table (a string or a RegExp)", async () => {
    const chain = new PluginChain([
      { name: "k", rewriteOp: { filter: { kind: ["dropTable"] }, handler: () => null } },
      { name: "t", rewriteOp: { filter: { table: /^tmp_/ }, handler: () => null } },
    ]);
    assert.deepEqual(tables(await chain.rewrite(drop("users"), ctx)), []);
    const add = { kind: "addColumn", table: "users", column: t.column("a", t.integer()) } as OpBase;
    assert.equal((await chain.rewrite(add, ctx)).length, 1);
    assert.equal((await chain.rewrite({ ...add, table: "tmp_x" } as OpBase, ctx)).length, 0);
  });

  it("a throw, a rejection, a non-op result and a hook that never settles are PluginErrors naming plugin, hook, revision and op", async () => {
    const fails = async (plugin: Plugin, pattern: RegExp, timeoutMs = 1000) => {
      await assert.rejects(new PluginChain([plugin], timeoutMs).rewrite(drop("users"), ctx), (e: Error & { code?: string }) => {
        assert.equal(e.code, "PLUGIN_ERROR");
        assert.match(e.message, pattern);
        assert.ok(!e.message.includes("\n"));
        return true;
      });
    };
    await fails(
      { name: "audit", rewriteOp: () => { throw new Error("no drops"); } },
      /^plugin audit: rewriteOp on dropTable users in revision a1 \(upgrade\) failed: no drops$/,
    );
    await fails({ name: "late", rewriteOp: () => Promise.reject(new Error("later")) }, /plugin late: .* failed: later/);
    await fails({ name: "odd", rewriteOp: () => 42 as never }, /plugin odd: rewriteOp returned 42, not an operation/);
    await fails(
      { name: "stuck", rewriteOp: () => new Promise(() => {}) },
      /plugin stuck: rewriteOp on dropTable users in revision a1 \(upgrade\) did not settle within 50 ms; .*pluginTimeoutMs/,
      50,
    );
  });
});

describe("rewriter()", () => {
  it("rewrites by kind, passes the rest, and chains: the seed's two-step NOT NULL example", async () => {
    const twoStep = rewriter().rewrites("addColumn", (op) => {
      if (op.column.nullable !== false) return undefined;
      return [
        { ...op, column: { ...op.column, nullable: true } },
        { kind: "alterColumn", table: op.table, column: op.column.name, nullable: false, existingType: op.column.type },
      ];
    });
    const audit = rewriter().rewrites("alterColumn", (op) => ({ ...op, comment: "two-step" }));
    const chain = new PluginChain([{ name: "two", rewriteOp: twoStep.chain(audit) }]);
    const add = { kind: "addColumn", table: "users", column: t.column("plan", t.text(), { nullable: false }) } as OpBase;
    const out = await chain.rewrite(add, ctx);
    assert.deepEqual(out.map((o) => o.kind), ["addColumn", "alterColumn"]);
    assert.equal((out[0] as unknown as { column: { nullable: boolean } }).column.nullable, true);
    assert.equal((out[1] as unknown as { comment: string }).comment, "two-step");
    assert.deepEqual(await chain.rewrite(drop("users"), ctx), [drop("users")], "other kinds pass");
  });
});

describe("include filters and observers", () => {
  it("the first defined answer wins; no answer includes", async () => {
    const chain = new PluginChain([
      { name: "a", includeName: (name) => (name.startsWith("temp_") ? false : undefined) },
      { name: "b", includeName: (name) => (name === "temp_keep" ? true : name === "x" ? false : undefined) },
    ]);
    assert.equal(await chain.includeName("temp_keep", "table", {}, ctx), false, "a answers first");
    assert.equal(await chain.includeName("x", "table", {}, ctx), false);
    assert.equal(await chain.includeName("users", "table", {}, ctx), true);
  });

  it("observers hear each step in plugin order", async () => {
    const heard: string[] = [];
    const chain = new PluginChain([
      { name: "one", afterStep: (e) => void heard.push(`one ${e.revision} ${e.durationMs}`) },
      { name: "two", afterStep: { order: "pre", handler: (e) => void heard.push(`two ${e.revision}`) } },
    ]);
    await chain.observe("afterStep", { revision: "a1", direction: "upgrade", durationMs: 7 }, ctx);
    assert.deepEqual(heard, ["two a1", "one a1 7"]);
  });
});

describe("a rewriter's output on every dialect", () => {
  it("the two-step NOT NULL column, as each database runs it", async () => {
    const { MysqlDialect } = await import("../../src/dialect/mysql/mysql_dialect.ts");
    const { SqliteDialect } = await import("../../src/dialect/sqlite/sqlite_dialect.ts");
    const { sqlOf } = await import("../_ops.ts");
    const twoStep = rewriter().rewrites("addColumn", (op) =>
      op.column.nullable === false
        ? [
          { ...op, column: { ...op.column, nullable: true } },
          { kind: "alterColumn", table: op.table, column: op.column.name, nullable: false, existingType: op.column.type, existingNullable: true },
        ]
        : undefined
    );
    const add = { kind: "addColumn", table: "users", column: t.column("plan", t.varchar(20), { nullable: false }) } as OpBase;
    const out = await new PluginChain([{ name: "two", rewriteOp: twoStep }]).rewrite(add, ctx);
    const sql = (dialect: Parameters<typeof sqlOf>[1]) => out.flatMap((o) => sqlOf(o, dialect).map((s) => s.sql));
    assert.deepEqual(sql(new PostgresDialect()), [
      'ALTER TABLE "users" ADD COLUMN "plan" VARCHAR(20)',
      'ALTER TABLE "users" ALTER COLUMN "plan" SET NOT NULL',
    ]);
    assert.deepEqual(sql(new MysqlDialect()), [
      "ALTER TABLE `users` ADD COLUMN `plan` VARCHAR(20)",
      "ALTER TABLE `users` MODIFY COLUMN `plan` VARCHAR(20) NOT NULL",
    ]);
    assert.throws(() => sql(new SqliteDialect()), /SQLite's ALTER TABLE cannot change a column's nullability; use op\.batchAlterTable/);
  });
});
