import type { Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";
import type { MigrationStep } from "../revision/plan.ts";
import type { StepContext } from "./run_step.ts";
import { HistoryTable } from "./history_table.ts";
import { runStep, stepEntry } from "./run_step.ts";

/** How an offline script is laid out. */
export interface OfflineOptions extends StepContext {
  readonly transactionPerMigration: boolean;
  /** The comment line before each step, e.g. `Running upgrade a -> b, message`. */
  readonly describe: (step: MigrationStep) => string;
}

/**
 * The SQL script for `steps` (`upgrade --sql`): the same operations and version-table writes
 * as an online run, with values written as literals, `BEGIN`/`COMMIT` where DDL is
 * transactional (around the run, or around each step with `transactionPerMigration`; a
 * `transaction = false` revision stands outside), and a comment line before each step.
 */
export async function offlineScript(
  context: OfflineOptions,
  steps: readonly MigrationStep[],
  startHeads: readonly string[],
): Promise<string> {
  const lines: string[] = [];
  const session: Session = {
    query: () => {
      throw new RetortError(
        "OFFLINE_READ",
        "query() cannot read the database in an offline (--sql) script; write the change with op.execute, or run this revision online",
      );
    },
    execute: (sql, params) => {
      if (open && concurrently.test(sql)) {
        throw new RetortError(
          "OFFLINE_CONCURRENTLY_IN_TRANSACTION",
          "CONCURRENTLY cannot run inside a transaction, and this script would run it between BEGIN and COMMIT; add `export const transaction = false` to the revision",
        );
      }
      lines.push(terminated(context.dialect.inlineParams({ sql, params }).trimEnd()), "");
      return Promise.resolve(0);
    },
  };
  const transactional = context.dialect.capabilities.transactionalDdl;
  let open = false;
  const begin = () => {
    if (transactional && !open) lines.push("BEGIN;", "");
    open = transactional;
  };
  const commit = () => {
    if (open) lines.push("COMMIT;", "");
    open = false;
  };

  begin();
  await context.versionTable.ensure(session);
  const history = HistoryTable.of(context.versionTable);
  await history.ensure(session);
  let heads = startHeads;
  for (const step of steps) {
    const inTransaction = context.scripts.get(step.revision)?.transaction !== false;
    if (!inTransaction || context.transactionPerMigration) commit();
    if (inTransaction) begin();
    lines.push(`-- ${context.describe(step)}`, "");
    heads = await runStep(
      { ...context, offline: true },
      session,
      step,
      heads,
      "the script is incomplete",
      true,
      inTransaction && transactional,
    );
    // A script's steps are recorded as written; its times are when it was generated.
    await history.append(session, [stepEntry(context, step, Date.now())]);
    if (context.transactionPerMigration || !inTransaction) commit();
  }
  commit();
  return lines.join("\n").trimEnd() + "\n";
}

/** Statements PostgreSQL refuses inside a transaction block. */
const concurrently = /^\s*(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX(?:\s+\w+)?)\s+CONCURRENTLY\b/i;

/**
 * The statement with its `;`: on a line of its own when the last line holds a comment (`--`,
 * or MySQL's `#`), which would otherwise swallow the terminator and the next statement.
 */
export function terminated(text: string): string {
  const lastLine = text.slice(text.lastIndexOf("\n") + 1);
  if (/--|#/.test(lastLine)) return `${text}\n;`;
  return text.endsWith(";") ? text : `${text};`;
}
