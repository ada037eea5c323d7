import { UsageError } from "../errors.ts";
import type { MigrationStep } from "../revision/plan.ts";
import { updateHeads } from "../revision/version_heads.ts";
import { offlineScript } from "../runtime/offline_script.ts";
import { checkCompiles } from "../script/check_compiles.ts";
import type { RunContext } from "../runtime/run_steps.ts";
import { runSteps } from "../runtime/run_steps.ts";
import { checksumError } from "../runtime/checksum_drift.ts";
import { changedRevisions } from "./checksums.ts";
import { VersionTable } from "../runtime/version_table.ts";
import { formatParents } from "../ui/format_revision.ts";
import { paint } from "../ui/output.ts";
import type { Project } from "./project.ts";
import { offlineDialect, withDatabase } from "./project.ts";

/** What `upgrade` and `downgrade` report; with `--sql`, the script instead of running it. */
export interface MigrateResult {
  readonly steps: readonly { revision: string; direction: MigrationStep["direction"] }[];
  readonly heads: readonly string[];
  readonly sql?: string;
}

/** `Running upgrade a -> b, message`: the line logged (or commented, offline) for a step. */
export function describeStep(project: Project, step: MigrationStep): string {
  const revision = project.map.get(step.revision);
  const from = step.direction === "upgrade" ? formatParents(revision) : revision.revision;
  const to = step.direction === "upgrade" ? revision.revision : formatParents(revision);
  return `Running ${step.direction} ${from} -> ${to}, ${
    project.scripts.get(step.revision)?.message ?? ""
  }`;
}

/** Runs the steps that `plan` picks from the database's current heads, logging each one. */
export function migrate(
  project: Project,
  plan: (heads: readonly string[]) => MigrationStep[],
  target: string,
  resume?: RunContext["resume"],
  options: { checkChecksums?: boolean } = {},
): Promise<MigrateResult> {
  const { output, map, scripts, config } = project;
  return withDatabase(project, {}, async (db) => {
    if (options.checkChecksums) {
      const changed = await changedRevisions(project, db);
      if (changed.length > 0) throw checksumError(changed);
    }
    const result = await runSteps(
      {
        ...db,
        map,
        scripts,
        transactionPerMigration: config.transactionPerMigration,
        namingConvention: config.namingConvention,
        registry: project.registry,
        plugins: project.plugins,
        args: project.args,
        tag: project.tag,
        log: (message) => output.info(message),
        showProgress: !output.quiet && !output.json,
        preflight: (steps) => checkCompiles(steps.map((s) => scriptPath(project, s))),
        ...(resume ? { resume } : {}),
        onStep: (step, index, total) => {
          const counter = `[${String(index + 1).padStart(String(total).length)}/${total}]`;
          output.info(`${paint(output.color, "dim", counter)} ${describeStep(project, step)}`);
        },
      },
      plan,
      isRelativeToCurrent(target),
    );
    if (result.steps.length === 0) output.info("Nothing to do: the database is already there.");
    return { steps: summary(result.steps), heads: result.heads };
  });
}

/** Prints the SQL script for `steps` from `startHeads` without touching a database. */
export async function migrateOffline(
  project: Project,
  steps: MigrationStep[],
  startHeads: readonly string[],
): Promise<MigrateResult> {
  const { map, scripts, config, output } = project;
  const dialect = offlineDialect(project);
  await checkCompiles(steps.map((s) => scriptPath(project, s)));
  const sql = await offlineScript(
    {
      dialect,
      map,
      scripts,
      versionTable: new VersionTable(dialect, config.versionTable, config.versionTableSchema),
      namingConvention: config.namingConvention,
      registry: project.registry,
      plugins: project.plugins,
      args: project.args,
      tag: project.tag,
      transactionPerMigration: config.transactionPerMigration,
      log: (message) => output.info(message),
      describe: (step) => describeStep(project, step),
    },
    steps,
    startHeads,
  );
  output.result(sql.trimEnd());
  let heads = startHeads;
  for (const step of steps) heads = updateHeads(map, heads, step).heads;
  return { steps: summary(steps), heads, sql };
}

function summary(steps: readonly MigrationStep[]): MigrateResult["steps"] {
  return steps.map((s) => ({ revision: s.revision, direction: s.direction }));
}

/** `--resume` / `--skip-next` as the runner takes them; `--skip-next` alone is a usage error. */
export function resumeOption(
  direction: MigrationStep["direction"],
  options: { resume?: boolean; skipNext?: boolean; sql?: boolean },
): RunContext["resume"] {
  if (options.skipNext && !options.resume) {
    throw new UsageError("USAGE", "--skip-next only goes with --resume");
  }
  if (options.resume && options.sql) {
    throw new UsageError(
      "USAGE",
      "--resume continues a step on the database; it cannot go with --sql",
    );
  }
  return options.resume ? { direction, skipNext: options.skipNext ?? false } : undefined;
}

/** `+2`, `-1`, `label@+1`: targets that mean "from where the database is now". */
export function isRelativeToCurrent(target: string): boolean {
  return /^([^@]*@)?[+-]\d+$/.test(target.trim());
}

/** `upgrade a:b` without `--sql`: a range is only for printing a script. */
export function rangeNeedsSql(command: string, target: string): UsageError {
  const end = target.split(":").at(-1) || "head";
  return new UsageError(
    "RANGE_NEEDS_SQL",
    `${command} ${target}: a START:END range is for offline scripts; add --sql to print one, or run \`retort ${command} ${end}\``,
  );
}

/** The file of a step's revision. */
function scriptPath(project: Project, step: MigrationStep): string {
  return project.scripts.get(step.revision)?.path ?? step.revision;
}
