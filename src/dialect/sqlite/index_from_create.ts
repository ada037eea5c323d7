import type { Index, IndexColumn } from "../../schema/constraint.ts";
import { sql } from "../../schema/sql_fragment.ts";
import type { Token } from "./sql_tokens.ts";
import { closingParen, isWord, sourceOf, splitTopLevel, tokenize } from "./sql_tokens.ts";
import { UnreadableTableError } from "./unreadable_table.ts";

/**
 * An index read from the `CREATE [UNIQUE] INDEX` SQLite stored for it. An element that is a
 * bare (possibly quoted) column name is that name (written as `columnName` gives it, so its
 * case matches the column); one with a trailing `COLLATE x` and/or `ASC`/`DESC` is an
 * `IndexKey`; an expression is a `sql` fragment of its text, without the one pair of
 * parentheses that wraps the whole of it (retort writes expressions inside parentheses).
 * `WHERE` text becomes `where`.
 *
 * @example
 * ```ts
 * indexFromCreate("ix", `CREATE UNIQUE INDEX ix ON t (lower(email), "n" DESC) WHERE n > 0`);
 * // { name: "ix", columns: [sql`lower(email)`, { column: "n", descending: true }], unique: true, where: "n > 0" }
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
    indexColumn(createSql, element, columnName)
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

/** One element: a column, a column or expression with COLLATE / ASC / DESC after it, or an expression. */
function indexColumn(
  text: string,
  element: readonly Token[],
  columnName: (name: string) => string,
): IndexColumn {
  let end = element.length;
  let descending = false;
  let collation: string | undefined;
  if (isWord(element[end - 1], "ASC", "DESC")) {
    descending = isWord(element[end - 1], "DESC");
    end--;
  }
  if (end >= 3 && isWord(element[end - 2], "COLLATE")) {
    collation = element[end - 1].value;
    end -= 2;
  }
  const base = element.slice(0, end);
  const bare = base.length === 1 && (base[0].kind === "word" || base[0].kind === "name");
  const options = {
    ...(collation === undefined ? {} : { collation }),
    ...(descending ? { descending } : {}),
  };
  const plain = Object.keys(options).length === 0;
  if (bare) return plain ? columnName(base[0].value) : { column: columnName(base[0].value), ...options };
  const expression = unwrapped(text, base);
  return plain ? sql(expression) : { sql: expression, ...options };
}
