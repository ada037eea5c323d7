import type { Token } from "./sql_tokens.ts";
import { isWord, namesIdentifier, tokenize } from "./sql_tokens.ts";

/**
 * The identifiers an expression mentions (bare or quoted), leaving out function names (a
 * word followed by `(`). Used to find the CHECKs and indexes that use a column.
 *
 * @example
 * ```ts
 * mentionedNames(tokenize(`lower("e mail") <> '' AND n > 0`)); // ["e mail", "AND", "n"]
 * ```
 */
export function mentionedNames(tokens: readonly Token[]): string[] {
  return tokens
    .filter((t, i) => (t.kind === "word" || t.kind === "name") && tokens[i + 1]?.text !== "(")
    .map((t) => t.value);
}

/** True when `sql` mentions `name` as an identifier anywhere (not inside a string). */
export function mentions(sql: string, name: string): boolean {
  return tokenize(sql).some((t, i, all) =>
    namesIdentifier(t, name) && all[i + 1]?.text !== "(" && !isWord(all[i - 1], "AS")
  );
}

/**
 * `sql` with every identifier token in `renames` (old name -> new name, case-insensitive)
 * written as the quoted new name; strings, function names and everything else unchanged.
 *
 * @example
 * ```ts
 * renameIdentifiers(`CHECK (a > 0)`, new Map([["a", "b"]]), (n) => `"${n}"`); // 'CHECK ("b" > 0)'
 * ```
 */
export function renameIdentifiers(
  sql: string,
  renames: ReadonlyMap<string, string>,
  quote: (name: string) => string,
  skip: (token: Token, index: number, tokens: readonly Token[]) => boolean = () => false,
): string {
  const lower = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  const tokens = tokenize(sql);
  let out = "";
  let at = 0;
  tokens.forEach((token, i) => {
    if (token.kind !== "word" && token.kind !== "name") return;
    const to = lower.get(token.value.toLowerCase());
    if (to === undefined || tokens[i + 1]?.text === "(" || skip(token, i, tokens)) return;
    out += sql.slice(at, token.start) + quote(to);
    at = token.end;
  });
  return out + sql.slice(at);
}
