import { closingParen, isWord, tokenize } from "./sql_tokens.ts";

/**
 * The query of a `CREATE VIEW` statement: its text after `AS`, as written.
 *
 * @example
 * ```ts
 * viewDefinition(`CREATE VIEW v (a) AS SELECT 1`); // "SELECT 1"
 * ```
 */
export function viewDefinition(createSql: string): string {
  const tokens = tokenize(createSql);
  let i = tokens.findIndex((t) => isWord(t, "VIEW")) + 1;
  if (isWord(tokens[i], "IF")) i += 3;
  if (tokens[i + 1]?.text === ".") i += 2;
  i++;
  if (tokens[i]?.text === "(") i = closingParen(tokens, i) + 1;
  return isWord(tokens[i], "AS") ? createSql.slice(tokens[i].end).trim() : createSql;
}
