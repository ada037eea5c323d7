// Recording operations without a run, and their SQL: what the runner's pipeline does, minus
// the database.
import type { Dialect, Statement } from "../src/dialect/dialect.ts";
import type { Op, OpBase } from "../src/ops/op.ts";
import type { Operations } from "../src/ops/operations.ts";
import { createOperations } from "../src/ops/operations.ts";
import type { NamingConvention } from "../src/schema/naming.ts";
import { builtinRegistry } from "../src/runtime/builtin_registry.ts";

export const registry = builtinRegistry();

/** An `op` object that appends every operation to `ops` instead of running it. */
export function recordingOps(ops: Op[], naming: NamingConvention = {}): Operations {
  return createOperations(registry, (o) => Promise.resolve(void ops.push(o)), naming);
}

/** The ops that the `op` calls in `build` record, named by the default naming convention. */
export async function collectOps(build: (op: Operations) => Promise<unknown>): Promise<Op[]> {
  const ops: Op[] = [];
  await build(recordingOps(ops));
  return ops;
}

/** The statements of one operation on `dialect`, as the runner executes them. */
export function sqlOf(op: OpBase, dialect: Dialect): Statement[] {
  return registry.sqlFor(op, dialect);
}
