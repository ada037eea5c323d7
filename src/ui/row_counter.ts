import process from "node:process";

/** Reports rows copied so far out of `total`; called once more with `copied === total` at the end. */
export type CopyProgress = (copied: number, total: number) => void;

/** Tables with more rows than this show a row counter while they are copied. */
export const progressThreshold = 100_000;

/**
 * A row counter on stderr, redrawn in place (`\r`), when stderr is a terminal; undefined
 * otherwise (pipes, CI logs and files get no counter).
 *
 * @example
 * ```ts
 * const progress = terminalRowCounter("users"); // "copying users: 250,000 / 1,000,000 rows"
 * ```
 */
export function terminalRowCounter(table: string): CopyProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const format = (n: number) => n.toLocaleString("en-US");
  return (copied, total) => {
    const end = copied >= total ? "\n" : "";
    process.stderr.write(`\rcopying ${table}: ${format(copied)} / ${format(total)} rows${end}`);
  };
}
