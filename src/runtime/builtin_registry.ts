import { batchAlterTable } from "../batch/batch_alter_table.ts";
import { coreOperations } from "../ops/builtin_operations.ts";
import type { Op } from "../ops/op.ts";
import type { OperationDefinition } from "../ops/operation_definition.ts";
import { OperationRegistry } from "../ops/operation_registry.ts";

/** Every operation retort defines itself, `batchAlterTable` included. */
export const builtinOperations: readonly OperationDefinition[] = Object.freeze([
  ...coreOperations,
  batchAlterTable as unknown as OperationDefinition,
]);

/**
 * A registry of retort's own operations, which a run extends with its plugins' operations.
 *
 * @example
 * ```ts
 * const registry = builtinRegistry();
 * registry.register(createView, "views");
 * ```
 */
export function builtinRegistry(): OperationRegistry {
  return new OperationRegistry(builtinOperations);
}

let builtins: OperationRegistry | undefined;

/**
 * The operation that undoes `op`, or undefined where the op alone does not carry enough to
 * undo it (a dropped table or column needs its definition; raw SQL and inserted rows have no
 * inverse; an `alterColumn` needs the `existing*` fields of what it changes).
 *
 * @example
 * ```ts
 * reverse({ kind: "renameTable", table: "a", newName: "b" }); // { kind: "renameTable", table: "b", newName: "a" }
 * ```
 */
export function reverse(op: Op): Op | undefined {
  builtins ??= builtinRegistry();
  return builtins.reverse(op);
}
