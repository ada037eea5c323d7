import { parseCreateTable } from "../dialect/sqlite/parse_create_table.ts";
import type { Token } from "../dialect/sqlite/sql_tokens.ts";
import { closingParen, isWord, tokenize } from "../dialect/sqlite/sql_tokens.ts";
import { BatchError } from "./batch_error.ts";

/**
 * Refuses, before anything changes, a rebuild of a SQLite table whose CREATE TABLE has what
 * retort's table model cannot hold, so the rebuilt table would silently lose it: an `ON
 * CONFLICT` clause, a `DESC` primary key (`INTEGER PRIMARY KEY DESC` is not the rowid), or a
 * `COLLATE` on a key column of a PRIMARY KEY or UNIQUE constraint.
 *
 * @example
 * ```ts
 * refuseUnkeptClauses("t", "CREATE TABLE t (a TEXT UNIQUE ON CONFLICT REPLACE)");
 * // BatchError BATCH_UNSUPPORTED_TABLE: ... `UNIQUE ON CONFLICT REPLACE` ...
 * ```
 */
export function refuseUnkeptClauses(table: string, createSql: string): void {
  const parsed = parseCreateTable(createSql);
  const clauses = [
    ...parsed.columns.flatMap((c) => c.clauses.map((k) => ({ kind: k.kind, text: k.text }))),
    ...parsed.constraints.map((c) => ({ kind: c.kind, text: c.text })),
  ];
  for (const clause of clauses) {
    const tokens = tokenize(clause.text);
    const key = clause.kind === "primaryKey" || clause.kind === "unique";
    const what = tokens.some((t, i) => isWord(t, "ON") && isWord(tokens[i + 1], "CONFLICT"))
      ? "an ON CONFLICT clause"
      : clause.kind === "primaryKey" && keyWords(tokens).some((t) => isWord(t, "DESC"))
      ? "a DESC primary key"
      : key && inList(tokens).some((t) => isWord(t, "COLLATE"))
      ? "a COLLATE on a key column"
      : undefined;
    if (what === undefined) continue;
    throw new BatchError(
      "BATCH_UNSUPPORTED_TABLE",
      `batchAlterTable ${table}: a rebuild cannot keep \`${clause.text}\` (retort's table model ` +
        `has no place for ${what}); write this rebuild by hand with op.execute (CREATE TABLE, ` +
        "INSERT ... SELECT, DROP TABLE, ALTER TABLE ... RENAME TO). Nothing was changed",
    );
  }
}

/** The tokens of a key clause: the column list of a table constraint, else the clause. */
function keyWords(tokens: readonly Token[]): readonly Token[] {
  const list = inList(tokens);
  return list.length > 0 ? list : tokens;
}

/** The tokens inside the clause's first parenthesised list. */
function inList(tokens: readonly Token[]): readonly Token[] {
  const open = tokens.findIndex((t) => t.text === "(");
  return open < 0 ? [] : tokens.slice(open + 1, closingParen(tokens, open));
}
