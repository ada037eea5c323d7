import type { AlterColumnOp, BatchSubOp, Op } from "./op.ts";

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
  const on: { table: string; schema?: string } = {
    table: ("table" in op ? op.table : undefined) ?? "",
    ...("schema" in op && op.schema ? { schema: op.schema } : {}),
  };
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", ...on };
    case "renameTable":
      return { ...op, table: op.newName, newName: op.table };
    case "addColumn":
      return { kind: "dropColumn", ...on, column: op.column.name };
    case "alterColumn":
      return reverseAlter(op);
    case "createIndex":
      return {
        kind: "dropIndex",
        name: op.name,
        ...on,
        ...(op.concurrently ? { concurrently: true } : {}),
      };
    case "createUniqueConstraint":
      return { kind: "dropConstraint", ...on, name: op.name, type: "unique" };
    case "createForeignKey":
      return { kind: "dropConstraint", ...on, name: op.name, type: "foreignkey" };
    case "createCheckConstraint":
      return { kind: "dropConstraint", ...on, name: op.name, type: "check" };
    case "createPrimaryKey":
      return { kind: "dropConstraint", ...on, name: op.name, type: "primary" };
    case "createTableComment":
      return op.existingComment === undefined
        ? { kind: "dropTableComment", ...on, existingComment: op.comment }
        : {
          kind: "createTableComment",
          ...on,
          comment: op.existingComment,
          existingComment: op.comment,
        };
    case "dropTableComment":
      return op.existingComment === undefined
        ? undefined
        : { kind: "createTableComment", ...on, comment: op.existingComment };
    case "batchAlterTable": {
      const back = [...op.ops].reverse().map((sub) => reverse({ ...sub, table: op.table }));
      if (back.some((b) => b === undefined)) return undefined;
      return {
        kind: "batchAlterTable",
        ...on,
        ops: back as BatchSubOp[],
        recreate: op.recreate,
        ...(op.namingConvention ? { namingConvention: op.namingConvention } : {}),
      };
    }
    case "createEnumType":
      return { kind: "dropEnumType", name: op.name, ...(op.schema ? { schema: op.schema } : {}) };
    default:
      return undefined;
  }
}

/** Swaps each change with its `existing*` value; undefined when a change has no known past. */
function reverseAlter(op: AlterColumnOp): AlterColumnOp | undefined {
  const back: Record<string, unknown> = {
    kind: "alterColumn",
    table: op.table,
    column: op.newName ?? op.column,
    ...(op.schema ? { schema: op.schema } : {}),
  };
  const pairs = [
    ["nullable", "existingNullable"],
    ["type", "existingType"],
    ["serverDefault", "existingServerDefault"],
    ["comment", "existingComment"],
  ] as const;
  for (const [field, existing] of pairs) {
    if (op[field] === undefined) {
      if (op[existing] !== undefined) back[existing] = op[existing];
      continue;
    }
    if (op[existing] === undefined) return undefined;
    back[field] = op[existing];
    back[existing] = op[field];
  }
  if (op.newName) back.newName = op.column;
  return back as unknown as AlterColumnOp;
}
