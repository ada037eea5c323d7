import process from "node:process";
import { redactSecrets } from "../config/redact_secrets.ts";

/** Where a command's words go: results to stdout, progress and logs to stderr. */
export interface Output {
  /** A line of the command's result (stdout); suppressed with --json. */
  result(line: string): void;
  /** A progress or log line (stderr); suppressed with -q and --json. */
  info(line: string): void;
  /** Whether to colour text. */
  readonly color: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

/**
 * Output to the process's stdout and stderr, as it comes. Result lines written in one go
 * (thousands of history lines) are gathered and written together at the end of the current
 * task, before any progress line, and `flush()` writes them at once.
 *
 * @example
 * ```ts
 * await history({ output: consoleOutput({}) });
 * ```
 */
export function consoleOutput(
  options: { json?: boolean; quiet?: boolean; color?: boolean } = {},
): Output & { flush(): void } {
  const json = options.json ?? false;
  const quiet = options.quiet ?? false;
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length) process.stdout.write(redactSecrets(`${pending.join("\n")}\n`));
    pending = [];
  };
  return {
    json,
    quiet,
    color: options.color ?? false,
    result: (line) => {
      if (json) return;
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    },
    info: (line) => {
      flush();
      if (!json && !quiet) process.stderr.write(redactSecrets(`${line}\n`));
    },
    flush,
  };
}

/** Output that goes nowhere: the default for the programmatic API. */
export const silentOutput: Output = Object.freeze({
  json: false,
  quiet: true,
  color: false,
  result: () => {},
  info: () => {},
});

/** Wraps text in an ANSI style when colour is on. */
export function paint(
  color: boolean,
  style: "bold" | "dim" | "green" | "red" | "yellow",
  text: string,
): string {
  if (!color) return text;
  const codes = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33 } as const;
  return `\u001b[${codes[style]}m${text}\u001b[0m`;
}

/** Whether a stream gets colour: a terminal, no `--no-color`, no `NO_COLOR`. */
export function colorFor(stream: { isTTY?: boolean }, noColorFlag: boolean): boolean {
  return !noColorFlag && !process.env.NO_COLOR && stream.isTTY === true;
}
