import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { Table } from "../schema/table.ts";
import { compareContext, placeKey, placeOf } from "./compare_context.ts";
import type { CompareContext } from "./compare_context.ts";
import { sameType, writtenType } from "./compare_types.ts";
import type { CompareOptions, RenameCandidate } from "./schema_change.ts";

/**
 * The drops and adds that look like renames, for the user to confirm with `--rename-table` /
 * `--rename-column`: a table only in the database and one only declared (in the same schema)
 * with the same column names and types; in a table on both sides, a column only in the
 * database and one only declared of the same type. Renames already asked for in `options`
 * are applied first; excluded tables are left out. Every pair that fits is listed, in
 * table order (the include filter, being asynchronous, is not asked).
 *
 * @example
 * ```ts
 * renameCandidates(declared, reflected, { dialect });
 * // [{ kind: "column", table: "users", from: "mail", to: "email" }]
 * ```
 */
export function renameCandidates(
  declared: DatabaseSchema,
  reflected: DatabaseSchema,
  options: CompareOptions,
): RenameCandidate[] {
  const context = compareContext(options);
  const wanted = declared.tables.filter((t) => !context.exclude.has(t.table));
  const have = reflected.tables.filter((t) => !context.exclude.has(t.table)).map((table) => {
    const to = context.tableRenames.get(table.table);
    return to === undefined ? table : { ...table, table: to };
  });
  const haveKeys = new Set(have.map(placeKey));
  const wantedKeys = new Set(wanted.map(placeKey));
  const added = wanted.filter((t) => !haveKeys.has(placeKey(t)));
  const dropped = have.filter((t) => !wantedKeys.has(placeKey(t)));

  const out: RenameCandidate[] = [];
  for (const from of dropped) {
    for (const to of added) {
      if ((from.schema ?? "") !== (to.schema ?? "")) continue;
      if (sameColumns(context, to, from)) {
        out.push({ kind: "table", from: from.table, to: to.table });
      }
    }
  }
  const byKey = new Map(have.map((t) => [placeKey(t), t]));
  for (const table of wanted) {
    const existing = byKey.get(placeKey(table));
    if (!existing) continue;
    const columnRenamed = (name: string) => context.columnRenames.get(`${table.table}.${name}`);
    const names = new Set(existing.columns.map((c) => columnRenamed(c.name) ?? c.name));
    const declaredNames = new Set(table.columns.map((c) => c.name));
    const gone = existing.columns.filter((c) =>
      !declaredNames.has(columnRenamed(c.name) ?? c.name)
    );
    const fresh = table.columns.filter((c) => !names.has(c.name));
    for (const old of gone) {
      for (const column of fresh) {
        const same = sameType(
          context.dialect,
          {
            type: writtenType(context.dialect, table, column),
            place: { ...placeOf(table), column: column.name },
          },
          { type: old.type, place: { ...placeOf(existing), column: old.name } },
        );
        if (same) out.push({ kind: "column", table: table.table, from: old.name, to: column.name });
      }
    }
  }
  return out;
}

/** The same column names, each of the same type. */
function sameColumns(context: CompareContext, declared: Table, reflected: Table): boolean {
  if (declared.columns.length !== reflected.columns.length) return false;
  const byName = new Map(reflected.columns.map((c) => [c.name, c]));
  return declared.columns.every((column) => {
    const other = byName.get(column.name);
    return other !== undefined && sameType(
      context.dialect,
      {
        type: writtenType(context.dialect, declared, column),
        place: { ...placeOf(declared), column: column.name },
      },
      { type: other.type, place: { ...placeOf(reflected), column: other.name } },
    );
  });
}
