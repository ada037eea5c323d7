import type { Dialect } from "../dialect/dialect.ts";
import type { Column } from "../schema/column.ts";
import { shortHash } from "../schema/naming.ts";
import type { AlterColumnOp, BatchAddColumnOp, BatchSubOp, ConstraintType } from "../ops/op.ts";
import { coreRegistry } from "../ops/builtin_operations.ts";
import { BatchError } from "./batch_error.ts";
import { mentionedNames, mentions, renameIdentifiers } from "../dialect/sqlite/sql_mentions.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import {
  closingParen,
  isWord,
  sourceOf,
  splitTopLevel,
  tokenize,
} from "../dialect/sqlite/sql_tokens.ts";
import { sameName } from "../dialect/sqlite/table_definition.ts";

/**
 * A PostgreSQL or MySQL table as a `recreate: "always"` rebuild sees it: its columns in
 * pieces (so one can change without touching the rest), and its constraints and indexes as
 * the clauses that create them again. Built from the catalog (PostgreSQL) or from `SHOW
 * CREATE TABLE` (MySQL); `applyServerOps` applies a batch to it.
 */
export interface ServerTable {
  readonly name: string;
  columns: ServerColumn[];
  /** PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY (and PostgreSQL's EXCLUDE), as table clauses. */
  constraints: ServerConstraint[];
  /** Plain indexes: PostgreSQL `CREATE INDEX` statements; MySQL `KEY ...` table clauses. */
  indexes: ServerIndex[];
  /** Statements to run before the new table is created (PostgreSQL enum types). */
  before: string[];
}

/** One column, in pieces, written back as `name type collation generated [NOT] NULL DEFAULT extras`. */
export interface ServerColumn {
  name: string;
  type: string;
  /** `COLLATE x`, `CHARACTER SET x`: dropped when the type changes to a non-text type. */
  collation: string;
  /** `GENERATED ALWAYS AS (...) STORED` / MySQL `AS (...) VIRTUAL`: computed, never copied. */
  generated: string;
  /** `true`: NOT NULL; `false`: NULL written out; `undefined`: neither written. */
  notNull?: boolean;
  /** The default as SQL, or none. */
  default?: string;
  /** Identity, AUTO_INCREMENT, ON UPDATE, COMMENT (MySQL), CHECK ...: as written, in order. */
  extras: Extra[];
  /** PostgreSQL: the column's comment (`COMMENT ON COLUMN`). */
  comment?: string;
  /** SQL over the old table that fills the column; none for new and generated columns. */
  source?: string;
  /** The type changed: the copy converts the value (PostgreSQL: `CAST`). */
  typeChanged?: boolean;
  /** The copy's expression is an alterColumn `using`, written as given. */
  using?: boolean;
}

/** A column clause retort keeps as written. */
export interface Extra {
  readonly kind: "identity" | "comment" | "other";
  readonly text: string;
}

/** A table constraint: the clause that creates it (`CONSTRAINT x UNIQUE (a)`, `KEY x (a)` ...). */
export interface ServerConstraint {
  readonly kind: "primaryKey" | "unique" | "check" | "foreignKey" | "exclude";
  readonly name: string;
  /** Columns of this table it uses (a CHECK's mentioned identifiers). */
  readonly columns: readonly string[];
  readonly text: string;
}

/** An index that is not a constraint. */
export interface ServerIndex {
  readonly name: string;
  /** Columns it uses (an expression index: every identifier in it). */
  readonly columns: readonly string[];
  readonly sql: string;
}

/** The new table's name during a rebuild, shortened by a hash when it would be too long. */
export function newTableName(table: string, maxLength: number): string {
  const name = `_retort_new_${table}`;
  return name.length <= maxLength ? name : `_retort_new_${shortHash(table)}`;
}

/**
 * The batch's column renames, in order, and its other operations with every column written
 * as it is named after the renames (an alterColumn that only renamed is left out). Unlike
 * SQLite's, comments are kept: PostgreSQL and MySQL store them.
 */
export function splitServerRenames(ops: readonly BatchSubOp[]): {
  renames: [string, string][];
  ops: BatchSubOp[];
} {
  const renames: [string, string][] = [];
  const now = (name: string) =>
    renames.reduce((n, [from, to]) => (sameName(n, from) ? to : n), name);
  const rest: BatchSubOp[] = [];
  for (const op of ops) {
    if (op.kind === "alterColumn") {
      const { newName, ...change } = op;
      const column = now(op.column);
      if (newName !== undefined && newName !== column) renames.push([column, newName]);
      const changes = change.type !== undefined || change.nullable !== undefined ||
        change.serverDefault !== undefined || change.comment !== undefined;
      if (changes) rest.push({ ...change, column: newName ?? column });
    } else if (op.kind === "dropColumn") rest.push({ ...op, column: now(op.column) });
    else if (op.kind === "createIndex") {
      rest.push({ ...op, columns: op.columns.map((c) => (typeof c === "string" ? now(c) : c)) });
    } else if ("columns" in op) {
      rest.push({ ...op, columns: op.columns.map(now) } as BatchSubOp);
    } else rest.push(op);
  }
  return { renames, ops: rest };
}

const clauseWords = new Set([
  "NOT",
  "NULL",
  "DEFAULT",
  "COLLATE",
  "CHARSET",
  "GENERATED",
  "AS",
  "AUTO_INCREMENT",
  "COMMENT",
  "ON",
  "INVISIBLE",
  "VISIBLE",
  "CHECK",
  "UNIQUE",
  "PRIMARY",
  "KEY",
  "REFERENCES",
  "CONSTRAINT",
  "STORAGE",
  "COLUMN_FORMAT",
  "SRID",
  "IDENTITY",
]);

function startsClause(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token?.kind !== "word") return false;
  const word = token.value.toUpperCase();
  if (word === "CHARACTER") return isWord(tokens[i + 1], "SET");
  return clauseWords.has(word);
}

/** The end (exclusive) of the expression starting at `i`: a token, a call, a group, a cast... */
function expressionEnd(tokens: readonly Token[], i: number): number {
  let end = i;
  const one = () => {
    if (tokens[end]?.text === "-" || tokens[end]?.text === "+") end++;
    if (tokens[end]?.text === "(") end = closingParen(tokens, end) + 1;
    else if (tokens[end + 1]?.text === "(" && tokens[end]?.kind === "word") {
      end = closingParen(tokens, end + 1) + 1;
    } else end++;
  };
  one();
  while (end < tokens.length && !startsClause(tokens, end)) {
    if (tokens[end].text === "(") end = closingParen(tokens, end) + 1;
    else end++;
  }
  return end;
}

/**
 * Reads one column clause (`name type [CHARACTER SET x] [COLLATE y] [NOT NULL] [DEFAULT z]
 * ...`) as MySQL's `SHOW CREATE TABLE` or retort's own dialects write it, into pieces.
 *
 * @example
 * ```ts
 * parseColumnClause("`n` int(11) NOT NULL AUTO_INCREMENT").extras; // [{ kind: "other", text: "AUTO_INCREMENT" }]
 * ```
 */
export function parseColumnClause(text: string): ServerColumn {
  const tokens = tokenize(text);
  let i = 1;
  while (i < tokens.length && !startsClause(tokens, i)) {
    i = tokens[i].text === "(" ? closingParen(tokens, i) + 1 : i + 1;
  }
  const column: ServerColumn = {
    name: tokens[0]?.value ?? "",
    type: sourceOf(text, tokens.slice(1, i)),
    collation: "",
    generated: "",
    extras: [],
  };
  const collation: string[] = [];
  while (i < tokens.length) {
    const start = i;
    const word = tokens[i].value.toUpperCase();
    let end = i + 1;
    if (word === "NOT" && isWord(tokens[i + 1], "NULL")) {
      column.notNull = true;
      i += 2;
      continue;
    }
    if (word === "NULL") {
      column.notNull = false;
      i++;
      continue;
    }
    if (word === "DEFAULT") {
      end = expressionEnd(tokens, i + 1);
      column.default = sourceOf(text, tokens.slice(i + 1, end));
      i = end;
      continue;
    }
    if (word === "COLLATE" || word === "CHARSET" || word === "CHARACTER") {
      end = i + (word === "CHARACTER" ? 3 : 2);
      collation.push(sourceOf(text, tokens.slice(i, end)));
      i = end;
      continue;
    }
    const identity = word === "GENERATED" &&
      tokens.slice(i, i + 6).some((t) => isWord(t, "IDENTITY"));
    if ((word === "GENERATED" || word === "AS") && !identity) {
      end = tokens.findIndex((t, k) => k > i && t.text === "(");
      end = end < 0 ? tokens.length : closingParen(tokens, end) + 1;
      if (isWord(tokens[end], "STORED", "VIRTUAL", "PERSISTENT")) end++;
      column.generated = sourceOf(text, tokens.slice(i, end));
      i = end;
      continue;
    }
    if (identity) {
      end = tokens.findIndex((t, k) => k > i && isWord(t, "IDENTITY")) + 1;
      if (tokens[end]?.text === "(") end = closingParen(tokens, end) + 1;
    } else if (word === "COMMENT") end = i + 2;
    else if (word === "ON") end = expressionEnd(tokens, i + 2);
    else if (tokens[end]?.text === "(") end = closingParen(tokens, end) + 1;
    column.extras.push({
      kind: identity ? "identity" : word === "COMMENT" ? "comment" : "other",
      text: sourceOf(text, tokens.slice(start, end)),
    });
    i = end;
  }
  column.collation = collation.join(" ");
  return column;
}

/** A column written back from its pieces. */
export function columnClause(column: ServerColumn, quote: (name: string) => string): string {
  return [
    quote(column.name),
    column.type,
    column.collation,
    column.generated,
    column.notNull === true ? "NOT NULL" : column.notNull === false ? "NULL" : "",
    column.default === undefined ? "" : `DEFAULT ${column.default}`,
    ...column.extras.map((e) => e.text),
  ].filter((part) => part !== "").join(" ");
}

/**
 * A `t.column(...)` in pieces, as the dialect writes it in `op.createTable`, with the
 * statements it needs first (PostgreSQL enum types).
 */
export function columnFromSpec(
  dialect: Dialect,
  table: string,
  column: Column,
): { column: ServerColumn; before: string[] } {
  const statements = dialect.createTable({
    table,
    columns: [{ ...column, unique: false, primaryKey: false, comment: undefined }],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  });
  const at = statements.findIndex((s) => /^CREATE TABLE/i.test(s));
  const create = statements[at];
  const tokens = tokenize(create);
  const open = tokens.findIndex((t) => t.text === "(");
  const line = create.slice(tokens[open].end, tokens[closingParen(tokens, open)].start).trim();
  const parsed = parseColumnClause(line);
  if (column.comment !== undefined) {
    if (dialect.name === "mysql") {
      parsed.extras.push({ kind: "comment", text: `COMMENT ${dialect.literal(column.comment)}` });
    } else parsed.comment = column.comment;
  }
  return { column: parsed, before: statements.slice(0, at) };
}

/** A constraint's clause (`CONSTRAINT x ...`) as the dialect's ALTER TABLE ... ADD writes it. */
function constraintClause(dialect: Dialect, table: string, op: BatchSubOp): string {
  const [statement] = coreRegistry().sqlFor({ ...op, schema: undefined } as BatchSubOp, dialect);
  const prefix = `ALTER TABLE ${dialect.quoteIdentifier(table)} ADD `;
  return statement.sql.startsWith(prefix) ? statement.sql.slice(prefix.length) : statement.sql;
}

const constraintKinds: Record<ConstraintType, ServerConstraint["kind"]> = {
  foreignkey: "foreignKey",
  unique: "unique",
  check: "check",
  primary: "primaryKey",
};

/** How a database writes what `applyServerOps` adds. */
export interface ServerStyle {
  readonly dialect: Dialect;
  /** True when a type can keep the column's collation. */
  keepsCollation(type: string): boolean;
  /** A new index as the model keeps it. */
  index(op: Extract<BatchSubOp, { kind: "createIndex" }>): ServerIndex;
}

/**
 * Applies a batch's operations (renames already applied) to the table, as the same ALTERs
 * would: a dropped column takes its indexes and constraints with it. Pure: no I/O.
 *
 * @example
 * ```ts
 * applyServerOps(style, table, [{ kind: "dropColumn", table: "t", column: "b" }]);
 * ```
 */
export function applyServerOps(
  style: ServerStyle,
  table: ServerTable,
  ops: readonly BatchSubOp[],
): ServerTable {
  const { dialect } = style;
  const draft: ServerTable = {
    ...table,
    columns: table.columns.map((c) => ({ ...c, extras: [...c.extras] })),
    constraints: [...table.constraints],
    indexes: [...table.indexes],
    before: [...table.before],
  };
  for (const op of ops) {
    switch (op.kind) {
      case "addColumn":
        addColumn(style, draft, op);
        break;
      case "dropColumn": {
        const at = columnAt(draft, op.column);
        draft.columns.splice(at, 1);
        const uses = (columns: readonly string[]) => columns.some((c) => sameName(c, op.column));
        draft.constraints = draft.constraints.filter((c) => !uses(c.columns));
        draft.indexes = draft.indexes.filter((ix) => !uses(ix.columns));
        break;
      }
      case "alterColumn":
        alterColumn(style, draft, op);
        break;
      case "createIndex":
        draft.indexes.push(style.index(op));
        break;
      case "dropIndex": {
        const at = draft.indexes.findIndex((ix) => sameName(ix.name, op.name));
        if (at < 0) throw unknown(draft, "index", op.name, draft.indexes.map((ix) => ix.name));
        draft.indexes.splice(at, 1);
        break;
      }
      case "createPrimaryKey":
        draft.constraints = draft.constraints.filter((c) => c.kind !== "primaryKey");
        draft.constraints.push({
          kind: "primaryKey",
          name: op.name,
          columns: op.columns,
          text: constraintClause(dialect, draft.name, op),
        });
        break;
      case "createUniqueConstraint":
      case "createForeignKey":
        draft.constraints.push({
          kind: op.kind === "createForeignKey" ? "foreignKey" : "unique",
          name: op.name,
          columns: op.columns,
          text: constraintClause(dialect, draft.name, op),
        });
        break;
      case "createCheckConstraint": {
        const text = constraintClause(dialect, draft.name, op);
        draft.constraints.push({
          kind: "check",
          name: op.name,
          columns: mentionedNames(tokenize(op.condition)),
          text,
        });
        break;
      }
      case "dropConstraint":
        dropConstraint(draft, op.name, op.type, dialect.name === "mysql");
        break;
    }
  }
  return draft;
}

function addColumn(style: ServerStyle, draft: ServerTable, op: BatchAddColumnOp): void {
  const { dialect } = style;
  if (draft.columns.some((c) => sameName(c.name, op.column.name))) {
    throw new BatchError(
      "BATCH_DUPLICATE_COLUMN",
      `batchAlterTable ${draft.name}: column ${op.column.name} already exists; pick another name or drop it first`,
    );
  }
  const { column, before } = columnFromSpec(dialect, draft.name, op.column);
  draft.before.push(...before);
  const anchor = op.insertBefore ?? op.insertAfter;
  let at = draft.columns.length;
  if (anchor !== undefined) {
    at = columnAt(draft, anchor) + (op.insertBefore !== undefined ? 0 : 1);
  }
  draft.columns.splice(at, 0, column);
  const q = (name: string) => dialect.quoteIdentifier(name);
  const generates = op.column.autoincrement === true || op.column.identity !== undefined;
  if (op.column.primaryKey || (dialect.name === "mysql" && generates)) {
    draft.constraints = draft.constraints.filter((c) => c.kind !== "primaryKey");
    const name = op.primaryKeyName ?? `pk_${draft.name}`;
    draft.constraints.push({
      kind: "primaryKey",
      name,
      columns: [column.name],
      text: `CONSTRAINT ${q(name)} PRIMARY KEY (${q(column.name)})`,
    });
  }
  if (op.column.unique) {
    const name = op.uniqueName ?? `uq_${draft.name}_${column.name}`;
    draft.constraints.push({
      kind: "unique",
      name,
      columns: [column.name],
      text: `CONSTRAINT ${q(name)} UNIQUE (${q(column.name)})`,
    });
  }
}

function alterColumn(style: ServerStyle, draft: ServerTable, op: AlterColumnOp): void {
  const { dialect } = style;
  const at = columnAt(draft, op.column);
  const column = draft.columns[at];
  if (op.type !== undefined) {
    const rendered = columnFromSpec(dialect, draft.name, { name: column.name, type: op.type });
    draft.before.push(...rendered.before);
    column.type = rendered.column.type;
    column.typeChanged = true;
    if (!style.keepsCollation(column.type)) column.collation = "";
    // an enum's CHECK (where the dialect writes one) goes with the type
    column.extras = column.extras.filter((e) => !/^CHECK\b/i.test(e.text));
    column.extras.push(...rendered.column.extras.filter((e) => /^CHECK\b/i.test(e.text)));
  }
  if (op.nullable !== undefined) column.notNull = !op.nullable;
  if (op.nullable === false && /^NULL$/i.test(column.default ?? "")) delete column.default;
  if (op.serverDefault === null) delete column.default;
  else if (op.serverDefault !== undefined) {
    column.default = columnFromSpec(dialect, draft.name, {
      name: column.name,
      type: { name: "raw", sql: "" },
      serverDefault: op.serverDefault,
    }).column.default;
  }
  if (op.comment !== undefined) {
    if (dialect.name === "mysql") {
      const index = column.extras.findIndex((e) => e.kind === "comment");
      const extra = {
        kind: "comment" as const,
        text: `COMMENT ${dialect.literal(op.comment ?? "")}`,
      };
      if (index >= 0) column.extras.splice(index, 1);
      if (op.comment !== null) {
        column.extras.splice(index < 0 ? column.extras.length : index, 0, extra);
      }
    } else if (op.comment === null) delete column.comment;
    else column.comment = op.comment;
  }
  if (op.using !== undefined && column.source !== undefined) {
    column.source = `(${op.using})`;
    column.using = true;
  }
}

function dropConstraint(
  draft: ServerTable,
  name: string,
  type: ConstraintType | undefined,
  mysql: boolean,
): void {
  const kind = type && constraintKinds[type];
  // MySQL's primary key is always called PRIMARY: dropConstraint(..., { type: "primary" }) drops it by any name
  let at = draft.constraints.findIndex((c) =>
    (sameName(c.name, name) || (mysql && kind === "primaryKey" && c.kind === kind)) &&
    (kind === undefined || c.kind === kind)
  );
  if (at >= 0) {
    draft.constraints.splice(at, 1);
    return;
  }
  at = draft.indexes.findIndex((ix) => sameName(ix.name, name));
  if (at >= 0 && (type === undefined || type === "unique")) {
    draft.indexes.splice(at, 1);
    return;
  }
  throw new BatchError(
    "BATCH_UNKNOWN_CONSTRAINT",
    `batchAlterTable ${draft.name}: no ${type ?? ""}${type ? " " : ""}constraint named ${name}; ` +
      `it has ${draft.constraints.map((c) => c.name).join(", ") || "none"}`,
  );
}

function columnAt(draft: ServerTable, name: string): number {
  const at = draft.columns.findIndex((c) => sameName(c.name, name));
  if (at < 0) throw unknown(draft, "column", name, draft.columns.map((c) => c.name));
  return at;
}

function unknown(
  table: ServerTable,
  what: string,
  name: string,
  known: readonly string[],
): BatchError {
  return new BatchError(
    `BATCH_UNKNOWN_${what.toUpperCase()}`,
    `batchAlterTable ${table.name}: no ${what} named ${name}; it has ${known.join(", ") || "none"}`,
  );
}

/**
 * The model with columns renamed (MySQL, whose rebuild renames in the model rather than
 * with ALTERs): every column, constraint and index that names them is rewritten. A
 * foreign key's referenced columns and the names of keys are left alone.
 */
export function renameInServerTable(
  table: ServerTable,
  renames: readonly (readonly [string, string])[],
  quote: (name: string) => string,
): ServerTable {
  let current = table;
  for (const [from, to] of renames) {
    const map = new Map([[from, to]]);
    const notColumn = (_t: Token, i: number, tokens: readonly Token[]) =>
      isWord(tokens[i - 1], "KEY", "INDEX", "CONSTRAINT", "REFERENCES", "AS");
    const rename = (sql: string) => renameIdentifiers(sql, map, quote, notColumn);
    const renameLocal = (sql: string) => {
      const at = sql.search(/\bREFERENCES\b/i);
      return at < 0 ? rename(sql) : rename(sql.slice(0, at)) + sql.slice(at);
    };
    const names = (columns: readonly string[]) => columns.map((c) => (sameName(c, from) ? to : c));
    current = {
      ...current,
      columns: current.columns.map((c) => ({
        ...c,
        name: sameName(c.name, from) ? to : c.name,
        generated: c.generated && rename(c.generated),
        extras: c.extras.map((e) => (e.kind === "other" ? { ...e, text: rename(e.text) } : e)),
      })),
      constraints: current.constraints.map((c) => ({
        ...c,
        columns: names(c.columns),
        text: c.kind === "foreignKey" ? renameLocal(c.text) : rename(c.text),
      })),
      indexes: current.indexes.map((ix) => ({
        ...ix,
        columns: names(ix.columns),
        sql: rename(ix.sql),
      })),
    };
  }
  return current;
}

/** The identifiers inside the first parenthesised list of a clause (a key's columns). */
export function listedColumns(text: string): string[] {
  const tokens = tokenize(text);
  const open = tokens.findIndex((t) => t.text === "(");
  if (open < 0) return [];
  const inner = tokens.slice(open + 1, closingParen(tokens, open));
  return splitTopLevel(inner).flatMap((part) => mentionedNames(part));
}

/** True when `sql` uses `column` as an identifier. */
export function usesColumn(sql: string, column: string): boolean {
  return mentions(sql, column);
}
