import type { Op } from "../ops/op.ts";
import type { IndexColumn } from "../schema/constraint.ts";
import type { DatabaseSchema } from "../schema/database_schema.ts";
import type { Table } from "../schema/table.ts";

/**
 * MySQL keeps an index whose first columns are each foreign key's. It drops the index it made
 * for a key as soon as another index can serve, so dropping that other index later fails
 * ("needed in a foreign key constraint"): Alembic's autogenerate writes such downgrades too.
 * Before each drop that would leave a key without an index, this creates one back: the index
 * `end` has for the key, or one named after the key (which `compare` treats as MySQL's own).
 *
 * @example
 * ```ts
 * keepForeignKeyIndexes(downgradeOps, declared, reflected);
 * ```
 */
export function keepForeignKeyIndexes(
  ops: readonly Op[],
  start: DatabaseSchema,
  end: DatabaseSchema,
): Op[] {
  const indexes = new Map<string, Map<string, readonly string[]>>();
  const current = (table: Table) => {
    const key = `${table.schema ?? ""}.${table.table}`;
    if (!indexes.has(key)) indexes.set(key, servingKeys(table));
    return indexes.get(key)!;
  };
  const dropped = new Set(
    ops.flatMap((op) => op.kind === "dropConstraint" ? [`${op.table}.${op.name}`] : []),
  );
  const out: Op[] = [];
  for (const op of ops) {
    const table = op.kind === "createIndex" || op.kind === "dropIndex"
      ? find(start, op.table, op.schema)
      : undefined;
    if (op.kind === "createIndex" && table) current(table).set(op.name, plain(op.columns));
    if (op.kind === "dropIndex" && table) {
      const keys = current(table);
      const columns = keys.get(op.name);
      keys.delete(op.name);
      for (const fk of columns ? table.foreignKeys : []) {
        if (fk.name && dropped.has(`${table.table}.${fk.name}`)) continue;
        if (!startsWith(columns!, fk.columns) || [...keys.values()].some((k) => startsWith(k, fk.columns))) continue;
        const kept = find(end, table.table, table.schema)?.indexes.find((i) =>
          !keys.has(i.name) && sameList(plain(i.columns), fk.columns)
        );
        const name = kept?.name ?? fk.name ?? `${fk.columns[0]}`;
        out.push({ kind: "createIndex", table: table.table, schema: op.schema, name, columns: [...fk.columns], unique: false });
        keys.set(name, fk.columns);
      }
    }
    out.push(op);
  }
  return out;
}

/** The table's indexes, unique constraints and primary key: all can serve a foreign key. */
function servingKeys(table: Table): Map<string, readonly string[]> {
  const keys = new Map<string, readonly string[]>();
  if (table.primaryKey) keys.set("PRIMARY", table.primaryKey.columns);
  for (const u of table.uniques) keys.set(u.name ?? `unique ${u.columns.join(",")}`, u.columns);
  for (const i of table.indexes) keys.set(i.name, plain(i.columns));
  return keys;
}

function find(schema: DatabaseSchema, name: string | undefined, inSchema: string | undefined): Table | undefined {
  return schema.tables.find((t) => t.table === name && (inSchema === undefined || t.schema === inSchema));
}

/** Index columns as names; an expression is a name no foreign key has. */
function plain(columns: readonly IndexColumn[]): string[] {
  return columns.map((c) =>
    typeof c === "string" ? c : "column" in c && c.column !== undefined ? c.column : "\0expression"
  );
}

function startsWith(columns: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= columns.length && prefix.every((c, i) => columns[i] === c);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && startsWith(a, b);
}
