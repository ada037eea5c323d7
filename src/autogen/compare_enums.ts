import { enumTypeName } from "../dialect/postgres/postgres_types.ts";
import type { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from "../ops/op.ts";
import type { EnumType } from "../schema/database_schema.ts";
import type { Table } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import type { SchemaChange } from "./schema_change.ts";

/** The enum type changes: new types and values first, types no column uses any more last. */
export interface EnumChanges {
  readonly created: SchemaChange[];
  readonly dropped: SchemaChange[];
}

/** The key of an enum type: its schema and name. */
export function enumKey(schema: string | undefined, name: string): string {
  return `${schema ?? ""}\u0000${name}`;
}

/** The named enum types that the tables' `t.enum` columns use, by key. */
export function columnEnums(tables: readonly Table[]): Map<string, EnumType> {
  const out = new Map<string, EnumType>();
  for (const table of tables) {
    for (const column of table.columns) {
      if (column.type.name !== "enum") continue;
      const name = enumTypeName(column.type, { table: table.table, column: column.name });
      const key = enumKey(table.schema, name);
      if (!out.has(key)) {
        out.set(key, {
          name,
          ...(table.schema === undefined ? {} : { schema: table.schema }),
          values: column.type.values,
        });
      }
    }
  }
  return out;
}

/**
 * Compares PostgreSQL's named enum types (nothing where enums are inline: their values are
 * part of the column type there):
 *
 * - a declared type the database lacks and no declared column uses gets `createEnumType`
 *   (a column's own type is created by the `createTable`/`addColumn`/`alterColumn` that needs it);
 * - a value the database lacks gets `addEnumValue`, placed after the declared value before
 *   it (or before the first one), so the order is the declared one;
 * - a type no declared column or declaration names gets `dropEnumType` when no column of the
 *   database uses it (`usedAfter` says `"none"`: columns whose type changes do not count);
 *   one used only by columns or tables being dropped is left to them: the types retort made
 *   for a column go by themselves with their last column.
 *
 * Removed or reordered values are not detected: PostgreSQL cannot remove a value.
 *
 * @example
 * ```ts
 * const { created, dropped } = compareEnums(context, declared, reflected, () => "none");
 * ```
 */
export function compareEnums(
  context: CompareContext,
  declared: { readonly tables: readonly Table[]; readonly enums: readonly EnumType[] },
  reflected: { readonly enums: readonly EnumType[] },
  usedAfter: (key: string) => "kept" | "dropped" | "none",
): EnumChanges {
  if (!context.dialect.capabilities.namedEnumTypes) return { created: [], dropped: [] };
  const byColumns = columnEnums(declared.tables);
  const wanted = new Map<string, EnumType>(byColumns);
  for (const type of declared.enums) wanted.set(enumKey(type.schema, type.name), type);
  const existing = new Map(reflected.enums.map((e) => [enumKey(e.schema, e.name), e]));

  const created: SchemaChange[] = [];
  for (const [key, type] of wanted) {
    const place = type.schema === undefined ? {} : { schema: type.schema };
    const label = type.schema ? `${type.schema}.${type.name}` : type.name;
    const found = existing.get(key);
    if (!found) {
      if (byColumns.has(key)) continue;
      const op: CreateEnumTypeOp = {
        kind: "createEnumType",
        name: type.name,
        ...place,
        values: [...type.values],
      };
      created.push({
        op,
        description: `added enum type '${label}' (${type.values.map((v) => `'${v}'`).join(", ")})`,
      });
      continue;
    }
    const have = new Set(found.values);
    type.values.forEach((value, i) => {
      if (have.has(value)) return;
      const previous = type.values.slice(0, i).reverse().find((v) => have.has(v));
      const next = type.values.slice(i + 1).find((v) => have.has(v));
      const position = previous !== undefined
        ? { after: previous }
        : next !== undefined
        ? { before: next }
        : {};
      const op: AddEnumValueOp = {
        kind: "addEnumValue",
        name: type.name,
        ...place,
        value,
        ...position,
      };
      created.push({ op, description: `added enum value '${value}' to '${label}'` });
      have.add(value);
    });
  }

  const dropped: SchemaChange[] = [];
  for (const [key, type] of existing) {
    if (wanted.has(key) || usedAfter(key) !== "none") continue;
    const op: DropEnumTypeOp = {
      kind: "dropEnumType",
      name: type.name,
      ...(type.schema === undefined ? {} : { schema: type.schema }),
      existingValues: [...type.values],
    };
    dropped.push({
      op,
      description: `removed enum type '${type.schema ? `${type.schema}.` : ""}${type.name}'`,
    });
  }
  return { created, dropped };
}
