/** One token of SQLite SQL, with where it sits in the text it came from. */
export interface Token {
  /** `word`: a bare identifier or keyword; `name`: a quoted identifier; `string`: '...'. */
  readonly kind: "word" | "name" | "string" | "number" | "blob" | "param" | "punct";
  /** The token as written. */
  readonly text: string;
  /** Words and quoted names without their quotes (words keep their case). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits SQLite SQL into tokens, skipping whitespace and comments, respecting `'...'`,
 * `"..."`, `` `...` `` and `[...]` quoting (a doubled quote stays inside). Nothing is
 * rewritten: `text.slice(token.start, token.end)` is the token as written.
 *
 * @example
 * ```ts
 * tokenize(`CREATE TABLE "a b" (x)`).map((t) => t.value); // ["CREATE", "TABLE", "a b", "(", "x", ")"]
 * ```
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token["kind"], start: number, end: number, value?: string) =>
    tokens.push({
      kind,
      text: sql.slice(start, end),
      value: value ?? sql.slice(start, end),
      start,
      end,
    });
  while (i < sql.length) {
    const c = sql[i];
    const code = sql.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      const end = closingQuote(sql, i, c);
      const inner = sql.slice(i + 1, end - 1).replaceAll(c + c, c);
      push(c === "'" ? "string" : "name", i, end, inner);
      i = end;
    } else if (c === "[") {
      const close = sql.indexOf("]", i);
      const end = close < 0 ? sql.length : close + 1;
      push("name", i, end, sql.slice(i + 1, end - 1));
      i = end;
    } else if ((c === "x" || c === "X") && sql[i + 1] === "'") {
      const end = closingQuote(sql, i + 1, "'");
      push("blob", i, end);
      i = end;
    } else if (isDigit(code) || (c === "." && isDigit(sql.charCodeAt(i + 1)))) {
      const match = /^(0x[0-9a-f]+|[0-9]*\.?[0-9]*(e[+-]?[0-9]+)?)/i.exec(sql.slice(i))!;
      push("number", i, i + Math.max(1, match[0].length));
      i += Math.max(1, match[0].length);
    } else if (isWordStart(code)) {
      let end = i + 1;
      while (end < sql.length && isWordPart(sql.charCodeAt(end))) end++;
      push("word", i, end);
      i = end;
    } else if (c === "?" || c === ":" || c === "@" || c === "$") {
      let end = i + 1;
      while (end < sql.length && /[A-Za-z0-9_]/.test(sql[end])) end++;
      push("param", i, end);
      i = end;
    } else {
      const two = sql.slice(i, i + 2);
      const width = ["||", "<=", ">=", "!=", "<>", "==", "<<", ">>", "->"].includes(two)
        ? (two === "->" && sql[i + 2] === ">" ? 3 : 2)
        : 1;
      push("punct", i, i + width);
      i += width;
    }
  }
  return tokens;
}

// Character classes by code, not by regular expression: the tokenizer reads every table's
// CREATE statement when a schema is introspected, and a regex per character was a third of it.
const isDigit = (code: number) => code >= 48 && code <= 57;
const isWordStart = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0x80;
const isWordPart = (code: number) => isWordStart(code) || isDigit(code) || code === 36;

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next < 0) return sql.length;
    if (sql[next + 1] === quote) {
      i = next + 2;
      continue;
    }
    return next + 1;
  }
}

const upperCase = new WeakMap<Token, string>();

/** True when `token` is the bare word `word` (case-insensitive; `words` in capitals). */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  if (token?.kind !== "word") return false;
  let upper = upperCase.get(token);
  if (upper === undefined) upperCase.set(token, upper = token.value.toUpperCase());
  return words.includes(upper);
}

/** True when `token` names `name`, bare or quoted (case-insensitive, as SQLite compares). */
export function namesIdentifier(token: Token | undefined, name: string): boolean {
  return (token?.kind === "word" || token?.kind === "name") &&
    token.value.toLowerCase() === name.toLowerCase();
}

/**
 * Splits `tokens` at top-level commas (outside parentheses), as the items of a CREATE TABLE
 * body or of a column list.
 */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.text === "(") depth++;
    if (token.text === ")") depth--;
    if (token.text === "," && depth === 0) parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  return parts.filter((p) => p.length > 0);
}

/** The index of the `)` that closes the `(` at `open`. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === "(") depth++;
    if (tokens[i].text === ")" && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** The original text from the first to the last of `tokens`, comments and spacing kept. */
export function sourceOf(sql: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return "";
  return sql.slice(tokens[0].start, tokens[tokens.length - 1].end);
}
