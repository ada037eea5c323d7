import type { ForeignKey } from "../schema/constraint.ts";
import type { Table } from "../schema/table.ts";
import { placeKey } from "./compare_context.ts";

/** Tables in an order that creates each before the tables whose foreign keys reference it. */
export interface CreationOrder {
  readonly tables: readonly Table[];
  /**
   * Foreign keys left out of their `createTable` because they close a cycle: created with
   * `createForeignKey` once every table exists.
   */
  readonly deferred: readonly { readonly table: Table; readonly foreignKey: ForeignKey }[];
}

/** The key of the table a foreign key of `table` references. */
function targetKey(table: Table, fk: ForeignKey): string {
  return placeKey({ table: fk.referencesTable, schema: fk.referencesSchema ?? table.schema });
}

/** The key of the table a foreign key references, trying the table's schema first. */
function targetOf(table: Table, fk: ForeignKey, keys: ReadonlySet<string>): string | undefined {
  const own = targetKey(table, fk);
  if (keys.has(own)) return own;
  const current = placeKey({ table: fk.referencesTable, schema: fk.referencesSchema });
  return keys.has(current) ? current : undefined;
}

/**
 * New tables in foreign-key order: a table comes after every new table it references,
 * otherwise in the order given. In a cycle, the first table left is created without its
 * foreign keys to the tables not yet created; those come back as `deferred`.
 *
 * @example
 * ```ts
 * creationOrder([posts, users]).tables.map((t) => t.table); // ["users", "posts"]
 * ```
 */
export function creationOrder(tables: readonly Table[]): CreationOrder {
  const keys = new Set(tables.map(placeKey));
  const left = [...tables];
  const made = new Set<string>();
  const out: Table[] = [];
  const deferred: { table: Table; foreignKey: ForeignKey }[] = [];
  const waitsFor = (table: Table) =>
    table.foreignKeys.some((fk) => {
      const target = targetOf(table, fk, keys);
      return target !== undefined && target !== placeKey(table) && !made.has(target);
    });
  while (left.length > 0) {
    let i = left.findIndex((table) => !waitsFor(table));
    if (i < 0) {
      i = 0;
      const table = left[0];
      const later = table.foreignKeys.filter((fk) => {
        const target = targetOf(table, fk, keys);
        return target !== undefined && target !== placeKey(table) && !made.has(target);
      });
      for (const foreignKey of later) deferred.push({ table, foreignKey });
      left[0] = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !later.includes(fk)) };
    }
    const [table] = left.splice(i, 1);
    out.push(table);
    made.add(placeKey(table));
  }
  return {
    tables: out,
    deferred: deferred.map((d) => ({
      table: out.find((t) => placeKey(t) === placeKey(d.table))!,
      foreignKey: d.foreignKey,
    })),
  };
}

/** Tables to drop in an order that drops each after the dropped tables that reference it. */
export interface DropOrder {
  readonly tables: readonly Table[];
  /** Foreign keys dropped first because they close a cycle, each with its table. */
  readonly foreignKeysFirst: readonly { readonly table: Table; readonly foreignKey: ForeignKey }[];
}

/**
 * Dropped tables in reverse foreign-key order: a table goes once no other table still to be
 * dropped references it. In a cycle, the foreign keys of the tables left that reference the
 * first of them are dropped first (and left out of what those tables' drops carry, so the
 * downgrade creates the tables and then those keys).
 *
 * @example
 * ```ts
 * dropOrder([users, posts]).tables.map((t) => t.table); // ["posts", "users"]
 * ```
 */
export function dropOrder(tables: readonly Table[]): DropOrder {
  const keys = new Set(tables.map(placeKey));
  let left = [...tables];
  const out: Table[] = [];
  const foreignKeysFirst: { table: Table; foreignKey: ForeignKey }[] = [];
  const referenced = (table: Table, by: readonly Table[]) =>
    by.some((other) =>
      other !== table &&
      other.foreignKeys.some((fk) => targetOf(other, fk, keys) === placeKey(table))
    );
  while (left.length > 0) {
    let i = left.findIndex((table) => !referenced(table, left));
    if (i < 0) {
      i = 0;
      const target = placeKey(left[0]);
      left = left.map((other, k) => {
        if (k === 0) return other;
        const cut = other.foreignKeys.filter((fk) => targetOf(other, fk, keys) === target);
        if (cut.length === 0) return other;
        const kept = { ...other, foreignKeys: other.foreignKeys.filter((fk) => !cut.includes(fk)) };
        for (const foreignKey of cut) foreignKeysFirst.push({ table: kept, foreignKey });
        return kept;
      });
    }
    const [table] = left.splice(i, 1);
    out.push(table);
  }
  return { tables: out, foreignKeysFirst };
}
