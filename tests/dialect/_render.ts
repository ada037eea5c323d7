import assert from "node:assert/strict";
import type { Dialect, Statement } from "../../src/dialect/dialect.ts";
import type { Operations } from "../../src/ops/operations.ts";
import { collectOps, sqlOf } from "../_ops.ts";

export { collectOps } from "../_ops.ts";

/** The statements `dialect` renders for the `op` calls in `build`. */
export async function renderStatements(
  dialect: Dialect,
  build: (op: Operations) => Promise<unknown>,
): Promise<Statement[]> {
  return (await collectOps(build)).flatMap((o) => sqlOf(o, dialect));
}

/** The SQL `dialect` renders for the `op` calls in `build`. */
export async function renderSql(
  dialect: Dialect,
  build: (op: Operations) => Promise<unknown>,
): Promise<string[]> {
  return (await renderStatements(dialect, build)).map((s) => s.sql);
}

/** Asserts that the `op` calls in `build` render exactly `expected` (as Kysely's `testSql`). */
export async function testSql(
  dialect: Dialect,
  build: (op: Operations) => Promise<unknown>,
  expected: readonly string[],
): Promise<void> {
  assert.deepEqual(await renderSql(dialect, build), expected);
}

/** Asserts that rendering fails with UNSUPPORTED_OPERATION and a one-line message matching `pattern`. */
export async function testUnsupported(
  dialect: Dialect,
  build: (op: Operations) => Promise<unknown>,
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(renderSql(dialect, build), (e: Error & { code?: string }) => {
    assert.equal(e.code, "UNSUPPORTED_OPERATION");
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes("\n"), "one line");
    return true;
  });
}
