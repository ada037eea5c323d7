import { isWord, namesIdentifier, tokenize } from "../dialect/sqlite/sql_tokens.ts";

const quote = (name: string) => `\`${name.replaceAll("`", "``")}\``;

/**
 * A view's definition with `schema.table` pointing at the rebuilt copy, to create it once
 * over the copy and read it before the old table is touched.
 *
 * @example
 * ```ts
 * pointAt("select `id` from `shop`.`teams`", "shop", "teams", "_retort_new_teams");
 * // "select `id` from `shop`.`_retort_new_teams`"
 * ```
 */
export function pointAt(sql: string, schema: string, table: string, to: string): string {
  const tokens = tokenize(sql);
  let out = "";
  let at = 0;
  tokens.forEach((token, i) => {
    const qualified = tokens[i + 1]?.text === "." && namesIdentifier(token, schema) &&
      namesIdentifier(tokens[i + 2], table);
    const bare = namesIdentifier(token, table) && tokens[i - 1]?.text !== "." &&
      tokens[i + 1]?.text !== ".";
    if (qualified) {
      out += sql.slice(at, tokens[i + 2].start) + quote(to);
      at = tokens[i + 2].end;
    } else if (bare && isWord(tokens[i - 1], "FROM", "JOIN")) {
      out += sql.slice(at, token.start) + quote(to);
      at = token.end;
    }
  });
  return out + sql.slice(at);
}

/**
 * The trigger's CREATE statement under another name, on the rebuilt copy, to check it
 * compiles against the new columns before the old table is touched.
 *
 * @example
 * ```ts
 * probeTrigger("CREATE TRIGGER t AFTER INSERT ON teams FOR EACH ROW ...", "_retort_check_0", "`shop`.`_new`");
 * ```
 */
export function probeTrigger(sql: string, name: string, table: string): string {
  const tokens = tokenize(sql);
  const at = tokens.findIndex((t) => isWord(t, "TRIGGER"));
  const on = tokens.findIndex((t, i) => i > at && isWord(t, "ON"));
  let end = on + 2;
  while (tokens[end]?.text === ".") end += 2;
  return sql.slice(0, tokens[at + 1].start) + quote(name) +
    sql.slice(tokens[at + 1].end, tokens[on + 1].start) + table + sql.slice(tokens[end - 1].end);
}
