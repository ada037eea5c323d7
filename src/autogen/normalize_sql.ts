import type { Dialect } from "../dialect/dialect.ts";

/**
 * One token of an SQL expression in canonical form: a string literal by its value (quotes
 * and escapes decoded), a number by its canonical decimal text (`1.50`, `1.5e0` and `01.5`
 * are all `1.5`), a word (a keyword, a function or an identifier; lower case unless it was a
 * case-keeping quoted PostgreSQL identifier), or an operator.
 */
export type SqlToken =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: string }
  | { readonly kind: "word"; readonly value: string }
  | { readonly kind: "op"; readonly value: string };

type DialectName = Dialect["name"];

/** Backslash escapes in MySQL strings and PostgreSQL `E'...'` strings. */
const escapes: Readonly<Record<string, string>> = {
  "0": "\0",
  b: "\b",
  n: "\n",
  r: "\r",
  t: "\t",
  Z: "\x1a",
};

const operators = ["::", "<>", "!=", "<=", ">=", "||", "->>", "->", "#>>", "#>", "<<", ">>"];

/**
 * The tokens of `text` as `dialect` reads it: MySQL strings take backslash escapes and may
 * use double quotes; PostgreSQL `E'...'` strings take backslash escapes and `"..."` is an
 * identifier that keeps its case; MySQL and SQLite identifiers, quoted or not, fold to lower
 * case as the databases compare them. A charset introducer (`_utf8mb4'x'`) is dropped.
 *
 * @example
 * ```ts
 * sqlTokens("'it''s'::text", "postgres");
 * // [{ kind: "string", value: "it's" }, { kind: "op", value: "::" }, { kind: "word", value: "text" }]
 * ```
 */
export function sqlTokens(text: string, dialect: DialectName): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const n = text.length;
  const quoted = (quote: string, backslashes: boolean): string => {
    let value = "";
    i++;
    while (i < n) {
      const c = text[i];
      if (backslashes && c === "\\" && i + 1 < n) {
        value += escapes[text[i + 1]] ?? text[i + 1];
        i += 2;
      } else if (c === quote && text[i + 1] === quote) {
        value += quote;
        i += 2;
      } else if (c === quote) {
        i++;
        return value;
      } else {
        value += c;
        i++;
      }
    }
    return value;
  };
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      out.push({ kind: "string", value: quoted("'", dialect === "mysql") });
      continue;
    }
    if (c === '"') {
      if (dialect === "mysql") out.push({ kind: "string", value: quoted('"', true) });
      else {
        const name = quoted('"', false);
        out.push({ kind: "word", value: dialect === "postgres" ? name : name.toLowerCase() });
      }
      continue;
    }
    if (c === "`") {
      out.push({ kind: "word", value: quoted("`", false).toLowerCase() });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      out.push({ kind: "number", value: canonicalNumber(m[0]) ?? m[0] });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/.exec(text.slice(i))!;
      const word = m[0];
      i += word.length;
      if (text[i] === "'") {
        // E'...' (PostgreSQL escapes), N'...', _charset'...': prefixes of a string literal.
        const prefix = word.toLowerCase();
        if (prefix === "e" && dialect === "postgres") {
          out.push({ kind: "string", value: quoted("'", true) });
          continue;
        }
        if (prefix === "n" || (prefix.startsWith("_") && dialect === "mysql")) {
          out.push({ kind: "string", value: quoted("'", dialect === "mysql") });
          continue;
        }
      }
      out.push({ kind: "word", value: word.toLowerCase() });
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i)) ?? c;
    out.push({ kind: "op", value: op });
    i += op.length;
  }
  return out;
}

/**
 * The canonical decimal text of a number literal: no leading zeros, no trailing fractional
 * zeros, the exponent applied (`1.50` → `1.5`, `1e3` → `1000`, `-0.0` → `0`); undefined when
 * `text` is not a number.
 *
 * @example
 * ```ts
 * canonicalNumber("0010.500"); // "10.5"
 * ```
 */
export function canonicalNumber(text: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const exponent = Number(m[4] ?? 0);
  if (Math.abs(exponent) > 400) return undefined;
  let digits = m[2] + (m[3] ?? "");
  let point = m[2].length + exponent;
  while (point < 0) {
    digits = "0" + digits;
    point++;
  }
  while (digits.length < point) digits += "0";
  let whole = digits.slice(0, point).replace(/^0+/, "") || "0";
  const fraction = digits.slice(point).replace(/0+$/, "");
  if (whole === "") whole = "0";
  const value = fraction === "" ? whole : `${whole}.${fraction}`;
  return m[1] === "-" && value !== "0" ? `-${value}` : value;
}

/** Words that take a parenthesised list without being a function call. */
const notFunctions = new Set([
  "and",
  "or",
  "not",
  "in",
  "is",
  "like",
  "ilike",
  "between",
  "when",
  "then",
  "else",
  "case",
  "as",
  "on",
  "select",
  "where",
  "any",
  "all",
  "some",
  "exists",
  "values",
  "distinct",
  "escape",
]);

/** Words that end a PostgreSQL type name after its first word (`character varying`...). */
const typeWords = new Set(["varying", "precision", "with", "without", "time", "zone"]);

/** Each database's synonyms of a function, by the name they are compared under. */
const synonyms: Readonly<Record<DialectName, Readonly<Record<string, string>>>> = {
  postgres: { now: "current_timestamp", transaction_timestamp: "current_timestamp" },
  mysql: {
    now: "current_timestamp",
    localtime: "current_timestamp",
    localtimestamp: "current_timestamp",
    curdate: "current_date",
    curtime: "current_time",
    lcase: "lower",
    ucase: "upper",
  },
  sqlite: {},
};

/** Keywords that may be written with empty parentheses (`current_timestamp()`). */
const niladic = new Set(["current_timestamp", "current_date", "current_time"]);

/**
 * The canonical tokens of an SQL expression (a server default, an index expression or a
 * partial index's condition), so that what a database gives back compares equal to what was
 * written: PostgreSQL's `::type` casts and `CAST(x AS type)` dropped, grouping parentheses
 * dropped (function-call parentheses kept), typed literals (`DATE '...'`) read as their
 * string, `-1` one number, `TRUE`/`FALSE` as 1/0, and the spellings of the current time
 * (`now()`, `CURRENT_TIMESTAMP`, `current_timestamp()`; MySQL's `curdate()`, `lcase`...) as
 * one.
 *
 * @example
 * ```ts
 * canonicalSql("(1 + (2 * 3))", "postgres"); // the tokens of 1 + 2 * 3
 * canonicalSql("now()", "postgres");         // [{ kind: "word", value: "current_timestamp" }]
 * ```
 */
export function canonicalSql(text: string, dialect: DialectName): SqlToken[] {
  let tokens = sqlTokens(text, dialect);
  if (dialect === "postgres") tokens = withoutCasts(tokens);
  tokens = withSynonyms(tokens, dialect);
  tokens = withoutGroupingParentheses(tokens);
  tokens = withoutTypedLiteralWords(tokens);
  tokens = withSignedNumbers(tokens);
  return tokens.map((t) =>
    t.kind === "word" && (t.value === "true" || t.value === "false")
      ? { kind: "number", value: t.value === "true" ? "1" : "0" }
      : t
  );
}

const isOp = (t: SqlToken | undefined, value: string) => t?.kind === "op" && t.value === value;
const isWord = (t: SqlToken | undefined, value?: string) =>
  t?.kind === "word" && (value === undefined || t.value === value);

/** The index of the `)` that closes the `(` at `open`, or -1. */
function closing(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], "(")) depth++;
    else if (isOp(tokens[i], ")") && --depth === 0) return i;
  }
  return -1;
}

/** Drops `::type` (with `character varying(n)[]`, `"schema".name`...) and `CAST(x AS type)`. */
function withoutCasts(tokens: readonly SqlToken[]): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isWord(t, "cast") && isOp(tokens[i + 1], "(")) {
      const close = closing(tokens, i + 1);
      let as = -1;
      let depth = 0;
      for (let k = i + 2; k < close; k++) {
        if (isOp(tokens[k], "(")) depth++;
        else if (isOp(tokens[k], ")")) depth--;
        else if (depth === 0 && isWord(tokens[k], "as")) as = k;
      }
      if (close > 0 && as > 0) {
        out.push({ kind: "op", value: "(" }, ...withoutCasts(tokens.slice(i + 2, as)), {
          kind: "op",
          value: ")",
        });
        i = close;
        continue;
      }
    }
    if (!isOp(t, "::")) {
      out.push(t);
      continue;
    }
    let k = i + 1;
    if (isWord(tokens[k])) k++;
    if (isOp(tokens[k], ".") && isWord(tokens[k + 1])) k += 2;
    for (;;) {
      const next = tokens[k];
      if (isOp(next, "(")) {
        const close = closing(tokens, k);
        if (close < 0) break;
        k = close + 1;
      } else if (next?.kind === "word" && typeWords.has(next.value)) k++;
      else if (isOp(next, "[") && isOp(tokens[k + 1], "]")) k += 2;
      else break;
    }
    i = k - 1;
  }
  return out;
}

/** One spelling for each of the synonyms a database rewrites a default into. */
function withSynonyms(tokens: readonly SqlToken[], dialect: DialectName): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "word") {
      out.push(t);
      continue;
    }
    const word = synonyms[dialect][t.value] ?? t.value;
    out.push(word === t.value ? t : { kind: "word", value: word });
    // `now()`, `current_timestamp()`: empty parentheses say nothing; a precision stays.
    if (niladic.has(word) && isOp(tokens[i + 1], "(") && isOp(tokens[i + 2], ")")) i += 2;
  }
  return out;
}

/** Drops parentheses that only group (not those of a function call). */
function withoutGroupingParentheses(tokens: readonly SqlToken[]): SqlToken[] {
  const drop = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isOp(tokens[i], "(")) continue;
    const before = tokens[i - 1];
    const call = before?.kind === "word" && !notFunctions.has(before.value);
    if (call) continue;
    const close = closing(tokens, i);
    if (close < 0 || close === i + 1) continue;
    drop.add(i);
    drop.add(close);
  }
  return tokens.filter((_, i) => !drop.has(i));
}

/** `DATE '2020-01-01'`, `INTERVAL '1 day'`: the string is what the database keeps. */
function withoutTypedLiteralWords(tokens: readonly SqlToken[]): SqlToken[] {
  return tokens.filter((t, i) =>
    !(t.kind === "word" && ["date", "time", "timestamp", "interval"].includes(t.value) &&
      tokens[i + 1]?.kind === "string" && !isOp(tokens[i - 1], "::"))
  );
}

/** `-1` as one number where the minus is a sign (first, or after an operator or `(`/`,`). */
function withSignedNumbers(tokens: readonly SqlToken[]): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const previous = out[out.length - 1];
    const signPlace = previous === undefined || (previous.kind === "op" && previous.value !== ")");
    if ((isOp(t, "-") || isOp(t, "+")) && next?.kind === "number" && signPlace) {
      const value = canonicalNumber(`${t.value}${next.value}`) ?? next.value;
      out.push({ kind: "number", value });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * True when two canonical token lists say the same: token by token, where a string literal
 * equals a number whose value it spells (`'5'` and `5`, as a database coerces the literal to
 * the column's type).
 */
export function sameTokens(a: readonly SqlToken[], b: readonly SqlToken[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => sameToken(x, b[i]));
}

function sameToken(a: SqlToken, b: SqlToken): boolean {
  if (a.kind === b.kind) return a.value === b.value;
  const number = a.kind === "number" ? a : b.kind === "number" ? b : undefined;
  const string = a.kind === "string" ? a : b.kind === "string" ? b : undefined;
  if (!number || !string) return false;
  return canonicalNumber(string.value) === number.value;
}

/** The canonical tokens as one string, for use as a key (an index's signature). */
export function tokensKey(tokens: readonly SqlToken[]): string {
  return tokens.map((t) => (t.kind === "string" ? `'${t.value.replaceAll("'", "''")}'` : t.value))
    .join(" ");
}
