import type { Index } from "../../schema/constraint.ts";
import { sql } from "../../schema/sql_fragment.ts";
import type { Token } from "./sql_tokens.ts";
import { closingParen, isWord, sourceOf, splitTopLevel, tokenize } from "./sql_tokens.ts";
import { UnreadableTableError } from "./unreadable_table.ts";

/**
 * An index read from the `CREATE [UNIQUE] INDEX` SQLite stored for it. An element that is a
 * bare (possibly quoted) column name is that name (written as `columnName` gives it, so its
 * case matches the column); anything else (an expression, `COLLATE`, `ASC`/`DESC`) is a
 * `sql` fragment of the element's text, without the one pair of parentheses that wraps the
 * whole of it (retort writes expressions inside parentheses). `WHERE` text becomes `where`.
 *
 * @example
 * ```ts
 * indexFromCreate("ix", `CREATE UNIQUE INDEX ix ON t (lower(email), "n") WHERE n > 0`);
 * // { name: "ix", columns: [sql`lower(email)`, "n"], unique: true, where: "n > 0" }
 * ```
 */
export function indexFromCreate(
  name: string,
  createSql: string,
  columnName: (name: string) => string = (n) => n,
): Index {
  const tokens = tokenize(createSql);
  const open = tokens.findIndex((t, i) => t.text === "(" && isWord(tokens[i - 2], "ON"));
  if (!isWord(tokens[0], "CREATE") || open < 0) {
    throw new UnreadableTableError(
      `cannot read index ${name}: ${
        createSql.replace(/\s+/g, " ").slice(0, 120)
      }; report it with this CREATE INDEX`,
    );
  }
  const close = closingParen(tokens, open);
  const columns = splitTopLevel(tokens.slice(open + 1, close)).map((element) =>
    element.length === 1 && (element[0].kind === "word" || element[0].kind === "name")
      ? columnName(element[0].value)
      : sql(unwrapped(createSql, element))
  );
  const where = tokens.findIndex((t, i) => i > close && isWord(t, "WHERE"));
  return {
    name,
    columns,
    unique: isWord(tokens[1], "UNIQUE"),
    ...(where < 0 ? {} : { where: createSql.slice(tokens[where].end).trim() }),
  };
}

/** The element's text, without parentheses around the whole of it. */
function unwrapped(text: string, element: readonly Token[]): string {
  const whole = element[0].text === "(" && closingParen(element, 0) === element.length - 1;
  return whole
    ? text.slice(element[0].end, element[element.length - 1].start).trim()
    : sourceOf(text, element);
}
