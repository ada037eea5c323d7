import type { Token } from "./sql_tokens.ts";
import { closingParen, isWord, sourceOf, splitTopLevel, tokenize } from "./sql_tokens.ts";
import { mentionedNames } from "./sql_mentions.ts";
import { UnreadableTableError } from "./unreadable_table.ts";

/**
 * A `CREATE TABLE` statement split into its columns and table constraints, each keeping its
 * original text: what `tableFromCreate` reads into the table model, and what a rebuild
 * checks for clauses the model cannot hold.
 *
 * @example
 * ```ts
 * parseCreateTable(`CREATE TABLE t (id INTEGER PRIMARY KEY, CHECK (id > 0))`).constraints[0].text;
 * // "CHECK (id > 0)"
 * ```
 */
export interface ParsedTable {
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
  /** What follows the closing parenthesis: `WITHOUT ROWID`, `STRICT`, or "". */
  readonly options: string;
}

/** One column: its name as written, its declared type, and its clauses in order. */
export interface ColumnDefinition {
  readonly name: string;
  /** The name as written in the CREATE TABLE (quoted or bare). */
  readonly nameText: string;
  /** The declared type as written ("" when there is none). */
  readonly type: string;
  readonly clauses: readonly ColumnClause[];
}

/** A column constraint or option, with its original text (including `CONSTRAINT name`). */
export interface ColumnClause {
  readonly kind:
    | "primaryKey"
    | "notNull"
    | "null"
    | "unique"
    | "check"
    | "default"
    | "collate"
    | "references"
    | "generated";
  readonly name?: string;
  readonly text: string;
}

/** A table constraint with its original text and the columns of this table it uses. */
export interface TableConstraint {
  readonly kind: "primaryKey" | "unique" | "check" | "foreignKey";
  readonly name?: string;
  /** Columns of this table: the key's columns, or the identifiers a CHECK mentions. */
  readonly columns: readonly string[];
  /** For a foreign key: the table it references. */
  readonly referencesTable?: string;
  readonly text: string;
}

const clauseStarts = [
  "CONSTRAINT",
  "PRIMARY",
  "NOT",
  "NULL",
  "UNIQUE",
  "CHECK",
  "DEFAULT",
  "COLLATE",
  "REFERENCES",
  "GENERATED",
  "AS",
];

/**
 * Reads a `CREATE TABLE` statement as SQLite stores it in `sqlite_master`: columns (name,
 * declared type, each clause's text) and table constraints (named or not), each keeping its
 * original text.
 *
 * @example
 * ```ts
 * parseCreateTable(`CREATE TABLE t (a TEXT NOT NULL COLLATE NOCASE, CHECK (a <> ''))`).columns[0].clauses;
 * // [{ kind: "notNull", text: "NOT NULL" }, { kind: "collate", text: "COLLATE NOCASE" }]
 * ```
 */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  let i = 0;
  const expect = (...words: string[]) => {
    if (!isWord(tokens[i], ...words)) throw unreadable(sql, `expected ${words.join(" or ")}`);
    i++;
  };
  expect("CREATE");
  if (isWord(tokens[i], "TEMP", "TEMPORARY")) i++;
  expect("TABLE");
  if (isWord(tokens[i], "IF")) i += 3;
  if (tokens[i + 1]?.text === ".") i += 2;
  const name = tokens[i++]?.value ?? "";
  if (tokens[i]?.text !== "(") throw unreadable(sql, "expected the column list");
  const close = closingParen(tokens, i);
  const items = splitTopLevel(tokens.slice(i + 1, close));
  const columns: ColumnDefinition[] = [];
  const constraints: TableConstraint[] = [];
  for (const item of items) {
    if (isWord(item[0], "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN")) {
      constraints.push(tableConstraint(sql, item));
    } else {
      columns.push(columnDefinition(sql, item));
    }
  }
  const options = sql.slice(tokens[close]?.end ?? sql.length).trim().replace(/;$/, "").trim();
  return { name, columns, constraints, options };
}

function unreadable(sql: string, why: string): UnreadableTableError {
  return new UnreadableTableError(
    `cannot read table definition (${why}): ${
      sql.replace(/\s+/g, " ").slice(0, 120)
    }; report it with this CREATE TABLE`,
  );
}

function columnDefinition(sql: string, tokens: Token[]): ColumnDefinition {
  let i = 1;
  while (i < tokens.length && !isWord(tokens[i], ...clauseStarts)) {
    if (tokens[i].text === "(") i = closingParen(tokens, i);
    i++;
  }
  const clauses: ColumnClause[] = [];
  while (i < tokens.length) {
    const start = i;
    let name: string | undefined;
    if (isWord(tokens[i], "CONSTRAINT")) {
      name = tokens[i + 1]?.value;
      i += 2;
    }
    const { kind, end } = clauseAt(tokens, i);
    clauses.push({
      kind,
      ...(name ? { name } : {}),
      text: sourceOf(sql, tokens.slice(start, end)),
    });
    i = end;
  }
  const typeEnd = tokens.findIndex((t, k) => k > 0 && isWord(t, ...clauseStarts));
  const typeTokens = tokens.slice(1, typeEnd < 0 ? tokens.length : typeEnd);
  return {
    name: tokens[0].value,
    nameText: tokens[0].text,
    type: sourceOf(sql, typeTokens),
    clauses,
  };
}

/** The kind of the column clause at `i` and where it ends. */
function clauseAt(tokens: Token[], i: number): { kind: ColumnClause["kind"]; end: number } {
  const word = tokens[i]?.value.toUpperCase();
  let end = i + 1;
  let kind: ColumnClause["kind"];
  switch (word) {
    case "PRIMARY":
      kind = "primaryKey";
      break;
    case "NOT":
      kind = "notNull";
      end = i + 2;
      break;
    case "NULL":
      kind = "null";
      break;
    case "UNIQUE":
      kind = "unique";
      break;
    case "CHECK":
      kind = "check";
      break;
    case "COLLATE":
      return { kind: "collate", end: i + 2 };
    case "DEFAULT": {
      const next = tokens[i + 1];
      if (next?.text === "(") return { kind: "default", end: closingParen(tokens, i + 1) + 1 };
      return { kind: "default", end: i + (next?.text === "-" || next?.text === "+" ? 3 : 2) };
    }
    case "REFERENCES":
      kind = "references";
      break;
    case "GENERATED":
    case "AS":
      kind = "generated";
      break;
    default:
      throw new UnreadableTableError(
        `cannot read column clause starting at '${
          tokens[i]?.text ?? "end"
        }'; report it with this CREATE TABLE`,
      );
  }
  while (end < tokens.length) {
    const token = tokens[end];
    if (token.text === "(") {
      end = closingParen(tokens, end) + 1;
      continue;
    }
    if (isWord(token, ...clauseStarts) && !continuesClause(kind, tokens, end)) break;
    end++;
  }
  return { kind, end };
}

/** Words that start a clause elsewhere but belong to this one (`SET NULL`, `NOT DEFERRABLE`, `GENERATED ALWAYS AS`). */
function continuesClause(kind: ColumnClause["kind"], tokens: Token[], at: number): boolean {
  const token = tokens[at];
  if (kind === "generated") return isWord(token, "AS");
  if (kind !== "references") return false;
  if (isWord(token, "NULL", "DEFAULT")) return isWord(tokens[at - 1], "SET");
  if (isWord(token, "NOT")) return isWord(tokens[at + 1], "DEFERRABLE");
  return false;
}

function tableConstraint(sql: string, tokens: Token[]): TableConstraint {
  let i = 0;
  let name: string | undefined;
  if (isWord(tokens[0], "CONSTRAINT")) {
    name = tokens[1]?.value;
    i = 2;
  }
  const text = sourceOf(sql, tokens);
  const named = name ? { name } : {};
  const open = tokens.findIndex((t, k) => k > i && t.text === "(");
  const inner = open < 0 ? [] : tokens.slice(open + 1, closingParen(tokens, open));
  if (isWord(tokens[i], "CHECK")) {
    return { kind: "check", ...named, columns: mentionedNames(inner), text };
  }
  const columns = splitTopLevel(inner).map((part) => part[0]?.value ?? "");
  if (isWord(tokens[i], "FOREIGN")) {
    const at = tokens.findIndex((t) => isWord(t, "REFERENCES"));
    return {
      kind: "foreignKey",
      ...named,
      columns,
      referencesTable: tokens[at + 1]?.value ?? "",
      text,
    };
  }
  return { kind: isWord(tokens[i], "PRIMARY") ? "primaryKey" : "unique", ...named, columns, text };
}
