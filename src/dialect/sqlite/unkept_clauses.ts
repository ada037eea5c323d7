import { parseCreateTable } from "./parse_create_table.ts";
import type { Token } from "./sql_tokens.ts";
import { closingParen, isWord, tokenize } from "./sql_tokens.ts";

/** A clause of a CREATE TABLE that `tableFromCreate` has no place for in the table model. */
export interface UnkeptClause {
  /** The clause as written. */
  readonly clause: string;
  /** What it is, e.g. "an ON CONFLICT clause". */
  readonly what: string;
}

/**
 * The clauses of a SQLite CREATE TABLE that change how the table behaves but that the table
 * model cannot hold, so a table written back from the model would lose them: an `ON
 * CONFLICT` clause, a `DESC` primary key (`INTEGER PRIMARY KEY DESC` is not the rowid), a
 * `COLLATE` on a key column of a PRIMARY KEY or UNIQUE constraint. (A `MATCH` clause, which
 * SQLite ignores, and the names of NOT NULL, DEFAULT and COLLATE clauses are left out too,
 * and change nothing.)
 *
 * @example
 * ```ts
 * unkeptClauses("CREATE TABLE t (a TEXT UNIQUE ON CONFLICT REPLACE)");
 * // [{ clause: "UNIQUE ON CONFLICT REPLACE", what: "an ON CONFLICT clause" }]
 * ```
 */
export function unkeptClauses(createSql: string): UnkeptClause[] {
  const parsed = parseCreateTable(createSql);
  const clauses = [
    ...parsed.columns.flatMap((c) => c.clauses.map((k) => ({ kind: k.kind, text: k.text }))),
    ...parsed.constraints.map((c) => ({ kind: c.kind, text: c.text })),
  ];
  return clauses.flatMap(({ kind, text }) => {
    const tokens = tokenize(text);
    const key = kind === "primaryKey" || kind === "unique";
    const what = tokens.some((t, i) => isWord(t, "ON") && isWord(tokens[i + 1], "CONFLICT"))
      ? "an ON CONFLICT clause"
      : kind === "primaryKey" && keyTokens(tokens).some((t) => isWord(t, "DESC"))
      ? "a DESC primary key"
      : key && inList(tokens).some((t) => isWord(t, "COLLATE"))
      ? "a COLLATE on a key column"
      : undefined;
    return what === undefined ? [] : [{ clause: text, what }];
  });
}

/** The column list of a table constraint, else the whole (column) clause. */
function keyTokens(tokens: readonly Token[]): readonly Token[] {
  const list = inList(tokens);
  return list.length > 0 ? list : tokens;
}

/** The tokens inside the clause's first parenthesised list. */
function inList(tokens: readonly Token[]): readonly Token[] {
  const open = tokens.findIndex((t) => t.text === "(");
  return open < 0 ? [] : tokens.slice(open + 1, closingParen(tokens, open));
}
