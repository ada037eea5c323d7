import type { MigrationStep } from "../revision/plan.ts";
import type { RunResult } from "../runtime/run_steps.ts";
import { runSteps } from "../runtime/run_steps.ts";
import { formatParents } from "../ui/format_revision.ts";
import type { Project } from "./project.ts";
import { withDatabase } from "./project.ts";

/** What `upgrade` and `downgrade` report. */
export interface MigrateResult {
  readonly steps: readonly { revision: string; direction: MigrationStep["direction"] }[];
  readonly heads: readonly string[];
}

/** Runs the steps that `plan` picks from the database's current heads, logging each one. */
export function migrate(
  project: Project,
  plan: (heads: readonly string[]) => MigrationStep[],
  target: string,
): Promise<MigrateResult> {
  const { output, map, scripts, config } = project;
  return withDatabase(project, {}, async (db) => {
    const width = (n: number) => String(n).length;
    const result: RunResult = await runSteps(
      {
        ...db,
        map,
        scripts,
        transactionPerMigration: config.transactionPerMigration,
        namingConvention: config.namingConvention,
        log: (message) => output.info(message),
        onStep: (step, index, total) => {
          const revision = map.get(step.revision);
          const from = step.direction === "upgrade" ? formatParents(revision) : revision.revision;
          const to = step.direction === "upgrade" ? revision.revision : formatParents(revision);
          const counter = `[${String(index + 1).padStart(width(total))}/${total}]`;
          output.info(
            `${counter} Running ${step.direction} ${from} -> ${to}, ${
              scripts.get(step.revision)?.message ?? ""
            }`,
          );
        },
      },
      plan,
      isRelativeToCurrent(target),
    );
    if (result.steps.length === 0) output.info("Nothing to do: the database is already there.");
    return {
      steps: result.steps.map((s) => ({ revision: s.revision, direction: s.direction })),
      heads: result.heads,
    };
  });
}

/** `+2`, `-1`, `label@+1`: targets that mean "from where the database is now". */
export function isRelativeToCurrent(target: string): boolean {
  return /^([^@]*@)?[+-]\d+$/.test(target.trim());
}
