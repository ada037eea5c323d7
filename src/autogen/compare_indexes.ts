import type { Dialect } from "../dialect/dialect.ts";
import { isForeignKeyIndex } from "../dialect/mysql/mysql_index_reader.ts";
import type {
  CreateIndexOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
  DropIndexOp,
} from "../ops/op.ts";
import type { Index, IndexColumn, IndexKey, UniqueConstraint } from "../schema/constraint.ts";
import { conventionalName, defaultNamingConvention } from "../schema/naming.ts";
import type { Table } from "../schema/table.ts";
import type { CompareContext } from "./compare_context.ts";
import { listText, parentsOf, placeOf, tableName } from "./compare_context.ts";
import { canonicalSql, tokensKey } from "./normalize_sql.ts";
import type { SchemaChange } from "./schema_change.ts";

/** An index or a unique constraint: both make a unique key, and databases swap one for the other. */
interface Key {
  readonly kind: "index" | "unique";
  readonly name?: string;
  /** What it indexes and how: equal signatures are the same key under any name. */
  readonly signature: string;
  readonly index?: Index;
  readonly unique?: UniqueConstraint;
}

/** The index and unique-constraint changes of one table. */
export interface KeyChanges {
  readonly dropped: SchemaChange[];
  readonly created: SchemaChange[];
}

/**
 * Compares a table's indexes and unique constraints as one set of keys, as Alembic does: a
 * declared key and a reflected one are the same when they have the same name, or, failing
 * that, the same signature (unique or not, the same key columns or expressions with their
 * options, the same partial condition and method), whichever of the two kinds each is. So
 * PostgreSQL's unique index stands for a declared unique constraint and MySQL's unique key
 * for a declared unique index. A pair with the same name but another signature is dropped
 * and created again. Reflected keys left over are dropped, except the indexes MySQL makes by
 * itself for foreign keys that stay declared, and unnamed constraints (which cannot be
 * dropped by name).
 * `renamed` gives a reflected column's declared name (`--rename-column`), so a key on a
 * renamed column is still the same key.
 *
 * @example
 * ```ts
 * const { dropped, created } = await compareKeys(context, declared, reflected);
 * ```
 */
export async function compareKeys(
  context: CompareContext,
  declared: Table,
  reflected: Table,
  renamed: ColumnRename = (name) => name,
): Promise<KeyChanges> {
  const { dialect } = context;
  const wanted = declaredKeys(dialect, declared);
  const existing = reflectedKeys(dialect, reflected, renamed);
  const pairs: [Key, Key][] = [];
  const left = new Set(existing);
  const unmatched: Key[] = [];
  for (const key of wanted) {
    const found = key.name === undefined ? undefined : [...left].find((r) => r.name === key.name);
    if (found) {
      left.delete(found);
      pairs.push([key, found]);
    } else unmatched.push(key);
  }
  const added: Key[] = [];
  for (const key of unmatched) {
    const found = [...left].find((r) => r.signature === key.signature);
    if (found) {
      left.delete(found);
      pairs.push([key, found]);
    } else added.push(key);
  }

  const parents = parentsOf(declared);
  const dropped: SchemaChange[] = [];
  const created: SchemaChange[] = [];
  for (const [key, found] of pairs) {
    const object = key.index ?? key.unique;
    if (
      !(await context.include(
        object,
        nameOf(key, declared),
        typeOf(key),
        false,
        found.index ?? found.unique,
        parents,
      ))
    ) {
      continue;
    }
    if (key.signature === found.signature || found.name === undefined) continue;
    dropped.push(dropKey(reflected, found, " (changed: dropped to be created again)"));
    created.push(createKey(declared, key));
  }
  for (const key of added) {
    if (
      !(await context.include(
        key.index ?? key.unique,
        nameOf(key, declared),
        typeOf(key),
        false,
        null,
        parents,
      ))
    ) {
      continue;
    }
    created.push(createKey(declared, key));
  }
  for (const found of existing.filter((k) => left.has(k))) {
    if (found.name === undefined) continue;
    if (found.index && servesForeignKey(dialect, found.index, declared, reflected, renamed)) {
      continue;
    }
    if (
      !(await context.include(
        found.index ?? found.unique,
        found.name,
        typeOf(found),
        true,
        null,
        parents,
      ))
    ) {
      continue;
    }
    dropped.push(dropKey(reflected, found, ""));
  }
  return { dropped, created };
}

/**
 * True for an index MySQL made by itself for a foreign key that stays declared: not the
 * user's to drop. (Once its foreign key goes, it goes too.)
 */
function servesForeignKey(
  dialect: Dialect,
  index: Index,
  declared: Table,
  reflected: Table,
  renamed: ColumnRename,
): boolean {
  if (dialect.name !== "mysql" || !isForeignKeyIndex(index, reflected.foreignKeys)) return false;
  const columns = JSON.stringify(index.columns.map((c) => renamed(String(c))));
  return declared.foreignKeys.some((fk) => JSON.stringify(fk.columns) === columns);
}

function typeOf(key: Key): "index" | "unique_constraint" {
  return key.kind === "index" ? "index" : "unique_constraint";
}

/** The name a declared key is created with (a unique column without one gets the usual name). */
function nameOf(key: Key, table: Table): string {
  return key.name ??
    conventionalName(defaultNamingConvention, "uq", {
      table: table.table,
      columns: key.unique?.columns ?? [],
    });
}

/** The declared table's indexes and unique constraints, `unique: true` columns included. */
function declaredKeys(dialect: Dialect, table: Table): Key[] {
  const uniques = [...table.uniques];
  for (const column of table.columns) {
    const covered = uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name);
    if (column.unique && !covered) uniques.push({ columns: [column.name] });
  }
  return [
    ...uniques.map((u) => uniqueKey(dialect, u, same)),
    ...table.indexes.map((ix) => indexKey(dialect, ix, same)),
  ];
}

function reflectedKeys(dialect: Dialect, table: Table, renamed: ColumnRename): Key[] {
  return [
    ...table.uniques.map((u) => uniqueKey(dialect, u, renamed)),
    ...table.indexes.map((ix) => indexKey(dialect, ix, renamed)),
  ];
}

/** A reflected column's name as declared. */
export type ColumnRename = (name: string) => string;

const same: ColumnRename = (name) => name;

function uniqueKey(dialect: Dialect, unique: UniqueConstraint, renamed: ColumnRename): Key {
  return {
    kind: "unique",
    ...(unique.name ? { name: unique.name } : {}),
    signature: signature(true, unique.columns.map((c) => keyPart(dialect, renamed(c))), "", ""),
    unique,
  };
}

function indexKey(dialect: Dialect, index: Index, renamed: ColumnRename): Key {
  const where = index.where === undefined ? "" : tokensKey(canonicalSql(index.where, dialect.name));
  return {
    kind: "index",
    ...(index.name ? { name: index.name } : {}),
    signature: signature(
      index.unique ?? false,
      index.columns.map((c) => keyPart(dialect, c, renamed)),
      where,
      method(dialect, index.using),
    ),
    index,
  };
}

function signature(
  unique: boolean,
  parts: readonly string[],
  where: string,
  using: string,
): string {
  return JSON.stringify([unique, parts, where, using]);
}

/** One key part in canonical form: a column or an expression, with its non-default options. */
function keyPart(dialect: Dialect, column: IndexColumn, renamed: ColumnRename = same): string {
  // A fragment (`sql\`lower(email)\``) is a key with `sql` and no options.
  const key: IndexKey = typeof column === "string" ? { column } : column as IndexKey;
  let base: string;
  if (key.column !== undefined) base = `c:${renamed(key.column)}`;
  else {
    const tokens = canonicalSql(key.sql ?? "", dialect.name);
    // `(email)` is the column itself.
    base = tokens.length === 1 && tokens[0].kind === "word"
      ? `c:${tokens[0].value}`
      : `e:${tokensKey(tokens)}`;
  }
  const descending = key.descending === true;
  // NULLs sort last ascending and first descending unless told otherwise.
  const nulls = key.nulls === undefined || (key.nulls === "first") === descending ? "" : key.nulls;
  return [
    base,
    descending ? "desc" : "",
    nulls,
    key.collation ?? "",
    key.opclass ?? "",
    key.length === undefined ? "" : String(key.length),
  ].join("|");
}

/** The index method where it is not the database's default. */
function method(dialect: Dialect, using: string | undefined): string {
  if (using === undefined) return "";
  const name = using.toLowerCase();
  if (dialect.name === "postgres") return name === "btree" ? "" : name;
  if (dialect.name === "mysql") return name === "fulltext" || name === "spatial" ? name : "";
  return "";
}

function keyColumnsText(index: Index): string {
  return listText(
    index.columns.map((c) =>
      typeof c === "string"
        ? c
        : "column" in c && c.column !== undefined
        ? c.column
        : (c as { sql: string }).sql
    ),
  );
}

function createKey(table: Table, key: Key): SchemaChange {
  const name = nameOf(key, table);
  if (key.index) {
    const { name: _name, ...index } = key.index;
    const op: CreateIndexOp = {
      kind: "createIndex",
      ...placeOf(table),
      name,
      ...index,
      unique: key.index.unique ?? false,
    };
    return { op, description: `added index '${name}' on '${keyColumnsText(key.index)}'` };
  }
  const columns = key.unique!.columns;
  const op: CreateUniqueConstraintOp = {
    kind: "createUniqueConstraint",
    ...placeOf(table),
    name,
    columns: [...columns],
  };
  return { op, description: `added unique constraint '${name}' on '${listText(columns)}'` };
}

function dropKey(table: Table, key: Key, note: string): SchemaChange {
  const name = key.name!;
  if (key.index) {
    const op: DropIndexOp = { kind: "dropIndex", name, ...placeOf(table), existing: key.index };
    return { op, description: `removed index '${name}' on '${tableName(table)}'${note}` };
  }
  const op: DropConstraintOp = {
    kind: "dropConstraint",
    ...placeOf(table),
    name,
    type: "unique",
    existing: key.unique!,
  };
  return { op, description: `removed unique constraint '${name}' on '${tableName(table)}'${note}` };
}
