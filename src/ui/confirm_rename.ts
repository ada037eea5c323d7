import process from "node:process";
import { createInterface } from "node:readline";
import type { RenameCandidate } from "../autogen/schema_change.ts";

/**
 * On a terminal (and not with `--json`), a question for each drop and add that look like a
 * rename: "Rename column users.name to full_name? [y/N]". Elsewhere none is asked (drop and
 * add are written; `--rename-table` / `--rename-column` say what is a rename).
 */
export function askOnTerminal(
  json: boolean | undefined,
): ((candidate: RenameCandidate) => Promise<boolean>) | undefined {
  if (json || !process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (candidate) =>
    new Promise((resolve) => {
      const what = candidate.kind === "table"
        ? `table ${candidate.from} to ${candidate.to}`
        : `column ${candidate.table}.${candidate.from} to ${candidate.to}`;
      const ask = createInterface({ input: process.stdin, output: process.stderr });
      ask.question(`Rename ${what}? (otherwise drop and add) [y/N] `, (answer) => {
        ask.close();
        resolve(/^y(es)?$/i.test(answer.trim()));
      });
    });
}
