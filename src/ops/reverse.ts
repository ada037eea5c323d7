import type { Op } from "./op.ts";

/**
 * The operation that undoes `op`, or undefined where the op alone does not carry enough to
 * undo it (a dropped table or column needs its definition; raw SQL has no inverse).
 */
export function reverse(op: Op): Op | undefined {
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", table: op.table };
    case "addColumn":
      return { kind: "dropColumn", table: op.table, column: op.column.name };
    case "createIndex":
      return { kind: "dropIndex", name: op.name, table: op.table };
    default:
      return undefined;
  }
}
