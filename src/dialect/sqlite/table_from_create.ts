import type { Column } from "../../schema/column.ts";
import type {
  CheckConstraint,
  ForeignKey,
  PrimaryKey,
  ReferentialAction,
  UniqueConstraint,
} from "../../schema/constraint.ts";
import { sql } from "../../schema/sql_fragment.ts";
import type { Table, TableOptions } from "../../schema/table.ts";
import { parseCreateTable } from "./parse_create_table.ts";
import type { Token } from "./sql_tokens.ts";
import { closingParen, isWord, splitTopLevel, tokenize } from "./sql_tokens.ts";
import { sqliteTypeFromDeclared } from "./sqlite_type_reader.ts";
import type { ColumnDefinition } from "./parse_create_table.ts";
import { sameName } from "./same_name.ts";

const actions: readonly ReferentialAction[] = [
  "CASCADE",
  "SET NULL",
  "SET DEFAULT",
  "RESTRICT",
  "NO ACTION",
];

/** A key or constraint, named or not. */
type Named = { readonly name?: string };

/**
 * A table read from the `CREATE TABLE` SQLite stored for it: each column's declared type
 * (`t.*` where retort writes it back the same, else `t.raw`), NOT NULL, DEFAULT text as
 * written, COLLATE, GENERATED ALWAYS AS (...) and AUTOINCREMENT; every PRIMARY KEY, UNIQUE,
 * CHECK and REFERENCES, written on a column or on the table, as a table-level entry with its
 * `CONSTRAINT` name when it has one; WITHOUT ROWID and STRICT as options. Indexes are left
 * empty (they are separate statements). What the model has no place for (ON CONFLICT, a
 * primary key's ASC/DESC, a key column's COLLATE, MATCH, names of NOT NULL/DEFAULT/COLLATE
 * clauses) is left out.
 *
 * A column that cannot hold NULL reads `nullable: false`: one declared NOT NULL, a primary
 * key column of a WITHOUT ROWID or STRICT table, and the rowid alias (`INTEGER PRIMARY KEY`,
 * which takes a new rowid for NULL).
 *
 * @example
 * ```ts
 * tableFromCreate(`CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT NOT NULL)`).columns;
 * // [{ name: "id", type: t.integer(), nullable: false, autoincrement: true },
 * //  { name: "n", type: t.text(), nullable: false }]
 * ```
 */
export function tableFromCreate(createSql: string, schema?: string): Table {
  const parsed = parseCreateTable(createSql);
  const named = (name: string) =>
    parsed.columns.find((c) => sameName(c.name, name))?.name ?? name;
  let primaryKey: (PrimaryKey & { descending?: boolean }) | undefined;
  const uniques: UniqueConstraint[] = [];
  const checks: CheckConstraint[] = [];
  const foreignKeys: ForeignKey[] = [];
  const columns = parsed.columns.map((definition) => {
    const read = readColumn(definition);
    if (read.primaryKey) primaryKey = read.primaryKey;
    uniques.push(...read.uniques);
    checks.push(...read.checks);
    foreignKeys.push(...read.foreignKeys);
    return read.column;
  });
  for (const constraint of parsed.constraints) {
    const tokens = tokenize(constraint.text);
    const at = isWord(tokens[0], "CONSTRAINT") ? 2 : 0;
    const name = constraint.name === undefined ? {} : { name: constraint.name };
    if (constraint.kind === "check") {
      checks.push({ ...name, condition: parenthesised(constraint.text, tokens, at) });
    } else if (constraint.kind === "foreignKey") {
      const references = tokens.findIndex((t) => isWord(t, "REFERENCES"));
      const open = tokens.findIndex((t, k) => k > at && t.text === "(");
      foreignKeys.push({
        ...name,
        columns: listedNames(tokens, open).map(named),
        ...referencesClause(tokens, references),
      });
    } else {
      const open = tokens.findIndex((t, k) => k > at && t.text === "(");
      const key = { ...name, columns: listedNames(tokens, open).map(named) };
      if (constraint.kind === "primaryKey") primaryKey = key;
      else uniques.push(key);
    }
  }
  const options = tableOptions(parsed.options);
  const keyColumns = primaryKey?.columns ?? [];
  const alias = rowidAlias(parsed.columns, primaryKey, options);
  const keyNotNull = options.withoutRowid === true || options.strict === true;
  return {
    table: parsed.name,
    ...(schema === undefined ? {} : { schema }),
    columns: columns.map((column) =>
      column.nullable === false ||
        !(column.name === alias || (keyNotNull && keyColumns.includes(column.name)))
        ? column
        : { ...column, nullable: false }
    ),
    ...(primaryKey === undefined ? {} : {
      primaryKey: {
        ...(primaryKey.name === undefined ? {} : { name: primaryKey.name }),
        columns: keyColumns,
      },
    }),
    foreignKeys: byName(foreignKeys),
    uniques: byName(uniques),
    checks: byName(checks),
    indexes: [],
    ...(Object.keys(options).length ? { options } : {}),
  };
}

interface ColumnRead {
  readonly column: Column;
  readonly primaryKey?: PrimaryKey & { descending?: boolean };
  readonly uniques: UniqueConstraint[];
  readonly checks: CheckConstraint[];
  readonly foreignKeys: ForeignKey[];
}

function readColumn(definition: ColumnDefinition): ColumnRead {
  const column: { -readonly [K in keyof Column]: Column[K] } = {
    name: definition.name,
    type: sqliteTypeFromDeclared(definition.type),
    nullable: true,
  };
  const read: Omit<ColumnRead, "column"> & { primaryKey?: ColumnRead["primaryKey"] } = {
    uniques: [],
    checks: [],
    foreignKeys: [],
  };
  for (const clause of definition.clauses) {
    const tokens = tokenize(clause.text);
    const at = isWord(tokens[0], "CONSTRAINT") ? 2 : 0;
    const name = clause.name === undefined ? {} : { name: clause.name };
    const has = (word: string) => tokens.some((t, k) => k >= at && isWord(t, word));
    switch (clause.kind) {
      case "primaryKey":
        read.primaryKey = {
          ...name,
          columns: [definition.name],
          ...(has("DESC") ? { descending: true } : {}),
        };
        if (has("AUTOINCREMENT")) column.autoincrement = true;
        break;
      case "notNull":
        column.nullable = false;
        break;
      case "unique":
        read.uniques.push({ ...name, columns: [definition.name] });
        break;
      case "check":
        read.checks.push({ ...name, condition: parenthesised(clause.text, tokens, at) });
        break;
      case "default":
        column.serverDefault = sql(clause.text.slice(tokens[at + 1]?.start ?? clause.text.length));
        break;
      case "collate":
        column.collation = tokens[at + 1]?.value ?? "";
        break;
      case "references":
        read.foreignKeys.push({
          ...name,
          columns: [definition.name],
          ...referencesClause(tokens, at),
        });
        break;
      case "generated":
        column.computed = { sql: parenthesised(clause.text, tokens, at), stored: has("STORED") };
        break;
      case "null":
        break;
    }
  }
  return { ...read, column };
}

/** The text inside the first parentheses at or after token `from`, exactly as written. */
function parenthesised(text: string, tokens: readonly Token[], from: number): string {
  const open = tokens.findIndex((t, k) => k >= from && t.text === "(");
  if (open < 0) return "";
  const close = closingParen(tokens, open);
  return text.slice(tokens[open].end, tokens[close].start).trim();
}

/** The first identifier of each item of the parenthesised list opening at `open`. */
function listedNames(tokens: readonly Token[], open: number): string[] {
  if (open < 0) return [];
  return splitTopLevel(tokens.slice(open + 1, closingParen(tokens, open)))
    .map((item) => item[0]?.value ?? "");
}

/** `REFERENCES table [(columns)] [ON DELETE|UPDATE action] [[NOT] DEFERRABLE [INITIALLY ...]]`. */
function referencesClause(
  tokens: readonly Token[],
  references: number,
): Omit<ForeignKey, "name" | "columns"> {
  let i = references + 1;
  const referencesTable = tokens[i++]?.value ?? "";
  const referencesColumns = tokens[i]?.text === "(" ? listedNames(tokens, i) : [];
  if (tokens[i]?.text === "(") i = closingParen(tokens, i) + 1;
  const out: Record<string, unknown> = { referencesTable, referencesColumns };
  const rest = tokens.slice(i);
  for (let k = 0; k < rest.length; k++) {
    if (isWord(rest[k], "ON") && isWord(rest[k + 1], "DELETE", "UPDATE")) {
      const two = `${rest[k + 2]?.value ?? ""} ${rest[k + 3]?.value ?? ""}`.toUpperCase();
      const action = actions.find((a) => a === two || a === rest[k + 2]?.value.toUpperCase());
      if (action) out[isWord(rest[k + 1], "DELETE") ? "onDelete" : "onUpdate"] = action;
    } else if (isWord(rest[k], "DEFERRABLE")) {
      out.deferrable = !isWord(rest[k - 1], "NOT");
    } else if (isWord(rest[k], "INITIALLY") && isWord(rest[k + 1], "DEFERRED", "IMMEDIATE")) {
      out.initially = rest[k + 1].value.toUpperCase();
    }
  }
  return out as unknown as Omit<ForeignKey, "name" | "columns">;
}

/** `WITHOUT ROWID` and `STRICT` from the text after the column list. */
function tableOptions(text: string): TableOptions {
  const tokens = tokenize(text);
  return {
    ...(tokens.some((t, i) => isWord(t, "WITHOUT") && isWord(tokens[i + 1], "ROWID"))
      ? { withoutRowid: true }
      : {}),
    ...(tokens.some((t) => isWord(t, "STRICT")) ? { strict: true } : {}),
  };
}

/**
 * The column that is the table's rowid (never NULL): the one column of the primary key when
 * its type is exactly INTEGER, in a rowid table, unless written `INTEGER PRIMARY KEY DESC`.
 */
function rowidAlias(
  columns: readonly ColumnDefinition[],
  key: (PrimaryKey & { descending?: boolean }) | undefined,
  options: TableOptions,
): string | undefined {
  if (!key || key.columns.length !== 1 || options.withoutRowid || key.descending) return undefined;
  const column = columns.find((c) => c.name === key.columns[0]);
  return column && column.type.trim().toUpperCase() === "INTEGER" ? column.name : undefined;
}

/** Named constraints by name, then the unnamed ones in the order they were written. */
function byName<T extends Named>(list: readonly T[]): T[] {
  const named = list.filter((c) => c.name !== undefined)
    .sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
  return [...named, ...list.filter((c) => c.name === undefined)];
}
