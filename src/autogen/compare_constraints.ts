import type {
  CreateCheckConstraintOp,
  CreatePrimaryKeyOp,
  CreateTableCommentOp,
  DropConstraintOp,
  DropTableCommentOp,
} from "../ops/op.ts";
import type { Table } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import { listText, parentsOf, placeOf, primaryKeyColumns, tableName } from "./compare_context.ts";
import type { SchemaChange } from "./schema_change.ts";

/** Changes to checks, the primary key and the comment of one table. */
export interface ConstraintChanges {
  readonly dropped: SchemaChange[];
  readonly created: SchemaChange[];
  readonly comment: SchemaChange[];
}

/**
 * Compares the named CHECK constraints (added and removed by name; a condition is not
 * compared, since each database rewrites it in its own words), the primary key (by its
 * columns, in order) and the table comment where the database keeps comments.
 *
 * @example
 * ```ts
 * const { dropped, created, comment } = await compareConstraints(context, declared, reflected);
 * ```
 */
export async function compareConstraints(
  context: CompareContext,
  declared: Table,
  reflected: Table,
  renamed: (column: string) => string = (name) => name,
): Promise<ConstraintChanges> {
  const parents = parentsOf(declared);
  const type = "check_constraint";
  const dropped: SchemaChange[] = [];
  const created: SchemaChange[] = [];
  const existing = new Map(
    reflected.checks.filter((c) => c.name !== undefined).map((c) => [c.name!, c]),
  );
  const wanted = new Set<string>();
  for (const check of declared.checks) {
    if (check.name === undefined) continue;
    wanted.add(check.name);
    const found = existing.get(check.name);
    if (!(await context.include(check, check.name, type, false, found ?? null, parents))) continue;
    if (found) continue;
    const op: CreateCheckConstraintOp = {
      kind: "createCheckConstraint",
      ...placeOf(declared),
      name: check.name,
      condition: check.condition,
    };
    created.push({
      op,
      description: `added check constraint '${check.name}' on '${tableName(declared)}'`,
    });
  }
  for (const [name, check] of existing) {
    if (wanted.has(name)) continue;
    if (!(await context.include(check, name, type, true, null, parents))) continue;
    const op: DropConstraintOp = {
      kind: "dropConstraint",
      ...placeOf(reflected),
      name,
      type: "check",
      existing: check,
    };
    dropped.push({
      op,
      description: `removed check constraint '${name}' on '${tableName(reflected)}'`,
    });
  }

  const keys = primaryKeyColumns(declared);
  const keysNow = primaryKeyColumns(reflected);
  if (keys.join("\u0000") !== keysNow.map(renamed).join("\u0000")) {
    if (keysNow.length > 0) {
      const name = reflected.primaryKey?.name ??
        (context.dialect.name === "mysql" ? "PRIMARY" : `pk_${reflected.table}`);
      const op: DropConstraintOp = {
        kind: "dropConstraint",
        ...placeOf(reflected),
        name,
        type: "primary",
        existing: reflected.primaryKey ?? { columns: [...keysNow] },
      };
      dropped.push({
        op,
        description: `removed primary key '${name}' on '${tableName(reflected)}' ${
          listText(keysNow)
        }`,
      });
    }
    if (keys.length > 0) {
      const name = declared.primaryKey?.name ?? `pk_${declared.table}`;
      const op: CreatePrimaryKeyOp = {
        kind: "createPrimaryKey",
        ...placeOf(declared),
        name,
        columns: [...keys],
      };
      created.push({ op, description: `added primary key '${name}' on '${listText(keys)}'` });
    }
  }

  const comment: SchemaChange[] = [];
  const now = reflected.comment || undefined;
  const wantedComment = declared.comment || undefined;
  if (context.dialect.capabilities.comments && now !== wantedComment) {
    if (wantedComment === undefined) {
      const op: DropTableCommentOp = {
        kind: "dropTableComment",
        ...placeOf(declared),
        existingComment: now!,
      };
      comment.push({ op, description: `removed table comment on '${tableName(declared)}'` });
    } else {
      const op: CreateTableCommentOp = {
        kind: "createTableComment",
        ...placeOf(declared),
        comment: wantedComment,
        ...(now === undefined ? {} : { existingComment: now }),
      };
      comment.push({
        op,
        description: `${now === undefined ? "added" : "changed"} table comment on '${
          tableName(declared)
        }'`,
      });
    }
  }
  return { dropped, created, comment };
}
