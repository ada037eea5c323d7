import { UnsupportedOperationError } from "./unsupported_operation.ts";

/** How a database writes placeholders, strings, identifiers and comments. */
export interface PlaceholderSyntax {
  /** `$1`, `$2` … (PostgreSQL) or `?` / `?NNN` (MySQL, SQLite). */
  readonly placeholder: "dollar" | "question";
  /** Characters that open a quoted string or identifier, closed by the same character. */
  readonly quotes: string;
  /** A backslash escapes the next character inside quotes (MySQL). */
  readonly backslashEscapes: boolean;
  /** `#` starts a comment (MySQL). */
  readonly hashComments: boolean;
  /** `$tag$ ... $tag$` strings (PostgreSQL). */
  readonly dollarQuotes: boolean;
}

/**
 * Writes each placeholder of `sql` as the literal of its parameter, leaving placeholder-like
 * text inside strings, quoted identifiers and comments alone.
 *
 * @example
 * ```ts
 * inlinePlaceholders("SELECT ? AS '?'", [1], syntax, String); // "SELECT 1 AS '?'"
 * ```
 */
export function inlinePlaceholders(
  sql: string,
  params: readonly unknown[],
  syntax: PlaceholderSyntax,
  literal: (value: unknown) => string,
): string {
  let out = "";
  let next = 0;
  let i = 0;
  const take = (index: number) => {
    if (index < 0 || index >= params.length) {
      throw new UnsupportedOperationError(
        `inlineParams: placeholder ${
          index + 1
        } has no parameter (${params.length} given) in: ${sql}`,
      );
    }
    return literal(params[index]);
  };
  while (i < sql.length) {
    const c = sql[i];
    const end = skipQuoted(sql, i, syntax);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    if (syntax.placeholder === "question" && c === "?") {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0];
      const index = digits ? Number(digits) - 1 : next;
      next = Math.max(next, index + 1);
      out += take(index);
      i += 1 + (digits?.length ?? 0);
      continue;
    }
    if (syntax.placeholder === "dollar" && c === "$" && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0];
      if (digits) {
        out += take(Number(digits) - 1);
        i += 1 + digits.length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** The index just past the string, identifier or comment starting at `i`, or `i` if none does. */
function skipQuoted(sql: string, i: number, syntax: PlaceholderSyntax): number {
  const c = sql[i];
  if (c === "-" && sql[i + 1] === "-" || c === "#" && syntax.hashComments) {
    const end = sql.indexOf("\n", i);
    return end === -1 ? sql.length : end;
  }
  if (c === "/" && sql[i + 1] === "*") {
    const end = sql.indexOf("*/", i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  if (c === "$" && syntax.dollarQuotes && !/[\w$]/.test(sql[i - 1] ?? "")) {
    const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(sql.slice(i))?.[0];
    if (tag) {
      const end = sql.indexOf(tag, i + tag.length);
      return end === -1 ? sql.length : end + tag.length;
    }
  }
  if (syntax.quotes.includes(c)) {
    let j = i + 1;
    while (j < sql.length) {
      if (syntax.backslashEscapes && sql[j] === "\\" && c !== "`") {
        j += 2;
      } else if (sql[j] === c) {
        if (sql[j + 1] !== c) return j + 1;
        j += 2;
      } else {
        j++;
      }
    }
    return sql.length;
  }
  return i;
}
