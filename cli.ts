#!/usr/bin/env -S deno run -A
/**
 * The `retort` command line: parses argv, runs one command, and exits with 0 (success),
 * 1 (the command failed) or 2 (usage).
 * @module
 */
import process from "node:process";
import { Command, CommanderError } from "@commander-js/extra-typings";
import { branches } from "./src/commands/branches.ts";
import { current } from "./src/commands/current.ts";
import { downgrade } from "./src/commands/downgrade.ts";
import { heads } from "./src/commands/heads.ts";
import { history } from "./src/commands/history.ts";
import { init } from "./src/commands/init.ts";
import { merge } from "./src/commands/merge.ts";
import type { CommandOptions } from "./src/commands/project.ts";
import { revision } from "./src/commands/revision.ts";
import { show } from "./src/commands/show.ts";
import { stamp } from "./src/commands/stamp.ts";
import { types } from "./src/commands/types.ts";
import { check } from "./src/commands/check.ts";
import { appliedHistory } from "./src/commands/applied_history.ts";
import { askOnTerminal } from "./src/ui/confirm_rename.ts";
import { unlock } from "./src/commands/unlock.ts";
import { upgrade } from "./src/commands/upgrade.ts";
import { RetortError } from "./src/errors.ts";
import * as api from "./mod.ts";
import { provideRetortModule } from "./src/script/import_module.ts";
import { provideFirstPartyPlugins } from "./src/config/load_plugins.ts";
import { firstPartyPlugins } from "./plugins/mod.ts";
import { redactSecrets } from "./src/config/redact_secrets.ts";
import { dirtyMessage } from "./src/runtime/lock_report.ts";
import { checksumError } from "./src/runtime/checksum_drift.ts";
import { colorFor, consoleOutput, paint } from "./src/ui/output.ts";
import { VERSION } from "./src/version.ts";

interface GlobalFlags {
  config?: string;
  url?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  x?: string[];
}

/** Adds the options every subcommand accepts, before or after its name. */
function withGlobals<T extends Command<never[], Record<string, never>>>(command: T): T {
  command
    .option(
      "-c, --config <file>",
      "config file (default: retort.config.ts, retort.config.js or retort.json)",
    )
    .option("--url <url>", "database URL (overrides DATABASE_URL and the config)")
    .option("--json", "print one JSON document on stdout")
    .option("-q, --quiet", "print results only, no progress")
    .option("--no-color", "never colour the output")
    .option("-x <key=value>", "an argument for plugins (ctx.args), repeatable (Alembic's -x)", collect)
    .option("--debug", "on an error, show where it came from (stack traces)");
  return command;
}

function commandOptions(
  flags: GlobalFlags,
  output: ReturnType<typeof consoleOutput>,
): CommandOptions {
  return { config: flags.config, url: flags.url, output, args: xArgs(flags.x ?? []) };
}

/** `-x key=value` (and `-x flag`, which is `"true"`) as plugins' `ctx.args`. */
function xArgs(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(list.map((arg) => {
    const at = arg.indexOf("=");
    return at < 0 ? [arg, "true"] : [arg.slice(0, at), arg.slice(at + 1)];
  }));
}

/**
 * A command's result that is also a failure: printed (as the --json document too), then the
 * run ends with the error's message on stderr and its exit code.
 */
class FailedResult extends Error {
  constructor(readonly error: RetortError) {
    super(error.message);
  }
}

/**
 * Runs a command's action with the merged global flags, keeping its result for --json;
 * `failure` turns a result into an error after it is printed (a dirty database for `current`).
 */
function action<A extends unknown[], R>(
  run: (options: CommandOptions & Record<string, unknown>, ...args: A) => Promise<R>,
  failure?: (result: R) => RetortError | undefined,
) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const flags = command.optsWithGlobals() as GlobalFlags & Record<string, unknown>;
    const positional = args.slice(0, -2) as A;
    // Progress goes to stderr, so that is the stream whose terminal decides the colour.
    const color = colorFor(process.stderr, flags.color === false);
    const output = consoleOutput({ json: flags.json, quiet: flags.quiet, color });
    try {
      const result = await run({ ...flags, ...commandOptions(flags, output) }, ...positional);
      if (flags.json) process.stdout.write(redactSecrets(`${JSON.stringify(result ?? null)}\n`));
      const failed = failure?.(result);
      if (failed) throw new FailedResult(failed);
    } finally {
      output.flush();
    }
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function buildProgram() {
  const program = withGlobals(new Command("retort"))
    .description("Database schema migrations for Deno and Bun, in Alembic's footsteps")
    .version(VERSION, "--version", "print the version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });

  const sub = (name: string, description: string) =>
    withGlobals(program.command(name).description(description).exitOverride());

  sub("init", "create retort.json, migrations/ and the revision template")
    .argument("[directory]", "project folder", ".")
    .option("--template <name>", "template: generic", "generic")
    .action(
      action((o, directory: string) =>
        init({ ...o, directory, template: o.template as "generic" })
      ),
    );

  sub("types", "write retort.d.ts (and the tsconfig/deno.json mapping) so editors know retort's types")
    .argument("[directory]", "where to write it (default: beside the config file)")
    .action(action((o, directory?: string) => types({ ...o, directory })));

  sub("revision", "create a new revision file")
    .requiredOption("-m, --message <message>", "what the revision does")
    .option("--head <rev>", "parent revision (default: head; base starts a new root)")
    .option("--splice", "allow a parent that is not a head")
    .option("--branch-label <label>", "label the new revision's branch")
    .option("--depends-on <rev>", "a revision this one depends on (repeatable)", collect)
    .option("--rev-id <id>", "use this id instead of a generated one")
    .option("--version-path <dir>", "write the file into this folder")
    .option("--autogenerate", "write the ops that take the database to the declared schema (target)")
    .option("--rename-table <old:new>", "with --autogenerate: a rename, not a drop and an add (repeatable)", collect)
    .option("--rename-column <table.old:new>", "with --autogenerate: a column rename (repeatable)", collect)
    .option("--allow-empty", "with --autogenerate: write the revision even when nothing changed")
    .action(action((o) =>
      revision({
        ...o,
        autogenerate: o.autogenerate as boolean | undefined,
        renameTables: o.renameTable as string[] | undefined,
        renameColumns: o.renameColumn as string[] | undefined,
        allowEmpty: o.allowEmpty as boolean | undefined,
        confirmRename: askOnTerminal(o.json as boolean | undefined),
        message: o.message as string,
        head: o.head as string | undefined,
        splice: o.splice as boolean | undefined,
        branchLabel: o.branchLabel as string | undefined,
        dependsOn: o.dependsOn as string[] | undefined,
        revId: o.revId as string | undefined,
        versionPath: o.versionPath as string | undefined,
      })
    ));

  sub("check", "exit 1 and list the differences when the database and the declared schema differ")
    .action(action(
      (o) => check(o),
      (result) =>
        result.upToDate
          ? (result.strictChecksums && result.changedSinceApplied.length > 0
            ? checksumError(result.changedSinceApplied)
            : undefined)
          : new RetortError(
            "SCHEMA_DIFFERS",
            `the database differs from the declared schema in ${result.changes.length} way${
              result.changes.length === 1 ? "" : "s"
            }; run \`retort revision --autogenerate -m MESSAGE\``,
          ),
    ));

  sub("upgrade", "upgrade the database to a later revision")
    .argument(
      "[revision]",
      "target: head, heads, REV, +N, label@head (START:END with --sql)",
      "head",
    )
    .option("--sql", "print the SQL script instead of running it (offline mode)")
    .option("--resume", "first finish the step a stopped run left unfinished (see `retort current`)")
    .option("--skip-next", "with --resume: the statement it was running took effect; skip it")
    .option("--tag <tag>", "recorded with each step in the history table (a release, a ticket)")
    .action(
      action((o, target: string) => upgrade({ ...o, target, ...migrateFlags(o) })),
    );

  sub("downgrade", "downgrade the database to an earlier revision")
    .argument("<revision>", "target: base, REV, -N, label@-1 (START:END with --sql)")
    .option("--sql", "print the SQL script instead of running it (offline mode)")
    .option("--resume", "first finish the step a stopped run left unfinished (see `retort current`)")
    .option("--skip-next", "with --resume: the statement it was running took effect; skip it")
    .option("--tag <tag>", "recorded with each step in the history table (a release, a ticket)")
    .action(
      action((o, target: string) => downgrade({ ...o, target, ...migrateFlags(o) })),
    );

  sub("current", "show the revisions the database is at")
    .option("-v, --verbose", "show details")
    .action(action(
      (o) => current({ ...o, verbose: o.verbose as boolean | undefined }),
      (result) => result.dirty ? dirtyMessage(result.dirty) : undefined,
    ));

  sub("heads", "show the heads of the revision graph")
    .option("-v, --verbose", "show details")
    .option("--resolve-dependencies", "leave out heads that other revisions depend on")
    .action(action((o) =>
      heads({
        ...o,
        verbose: o.verbose as boolean | undefined,
        resolveDependencies: o.resolveDependencies as boolean | undefined,
      })
    ));

  sub("branches", "show the branch points of the revision graph")
    .option("-v, --verbose", "show details")
    .action(action((o) => branches({ ...o, verbose: o.verbose as boolean | undefined })));

  sub("history", "list revisions, newest first")
    .option(
      "-r, --rev-range <range>",
      "START:END (either side optional; current reads the database)",
    )
    .option("-v, --verbose", "show details")
    .option("-i, --indicate-current", "mark the revisions the database is at")
    .option("--graph", "draw the revision graph")
    .option("--applied", "what ran on the database: steps and stamps from its history table")
    .action(action((o): Promise<unknown> =>
      o.applied ? appliedHistory(o) : history({
        ...o,
        range: o.revRange as string | undefined,
        verbose: o.verbose as boolean | undefined,
        indicateCurrent: o.indicateCurrent as boolean | undefined,
        graph: o.graph as boolean | undefined,
      })
    ));

  sub("merge", "create a revision that merges heads")
    .argument("<revisions...>", "heads to merge: REV REV..., or heads")
    .requiredOption("-m, --message <message>", "what the merge is for")
    .option("--branch-label <label>", "label the merge revision's branch")
    .option("--rev-id <id>", "use this id instead of a generated one")
    .action(action((o, revisions: string[]) =>
      merge({
        ...o,
        revisions,
        message: o.message as string,
        branchLabel: o.branchLabel as string | undefined,
        revId: o.revId as string | undefined,
      })
    ));

  sub("show", "show a revision in full")
    .argument("<revision>", "REV, head, label@head")
    .action(action((o, rev: string) => show({ ...o, revision: rev })));

  sub("stamp", "set the version table without running migrations")
    .argument("<revisions...>", "revisions to stamp")
    .option("--purge", "empty the version table first")
    .option("--sql", "print the SQL instead of running it (offline mode)")
    .option("--tag <tag>", "recorded with the stamp in the history table")
    .option("--accept-changes", "move no version: record the named applied revisions' files as they are now")
    .action(
      action((o, revisions: string[]) =>
        stamp({
          ...o,
          revisions,
          purge: o.purge as boolean | undefined,
          sql: o.sql as boolean | undefined,
          acceptChanges: o.acceptChanges as boolean | undefined,
        })
      ),
    );

  sub("unlock", "clear the migration lock of a run that is gone")
    .option("--force", "also end a run that looks alive (on MySQL: kill its connections)")
    .action(action(
      (o) => unlock({ ...o, force: o.force as boolean | undefined }),
      (result) => result.dirty ? dirtyMessage(result.dirty) : undefined,
    ));

  return program;
}

/** The flags `upgrade` and `downgrade` share. */
function migrateFlags(o: Record<string, unknown>) {
  return {
    sql: o.sql as boolean | undefined,
    resume: o.resume as boolean | undefined,
    skipNext: o.skipNext as boolean | undefined,
  };
}

/** Runs retort with `argv` (without the runtime and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return 2;
    }
    if (argv.includes("--debug")) process.env.RETORT_DEBUG = "1";
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    return report(error, {
      json: argv.includes("--json"),
      debug: argv.includes("--debug"),
      color: colorFor(process.stderr, argv.includes("--no-color")),
    });
  }
}

function report(error: unknown, flags: { json: boolean; debug: boolean; color: boolean }): number {
  const prefix = paint(flags.color, "red", "retort:");
  const say = (text: string) => process.stderr.write(redactSecrets(text));
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
    if (error.code === "commander.help") return 0;
    // One line: commander puts its "(Did you mean ...?)" on a line of its own.
    const message = error.message.replace(/^error: /, "").replace(/\n\(Did you mean (.*)\?\)/, "; did you mean $1?")
      .replace(/\s*\n\s*/g, " ");
    say(`${prefix} ${message} (see retort --help)\n`);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ error: { code: "USAGE", message } })}\n`);
    }
    return 2;
  }
  const failedResult = error instanceof FailedResult; // its --json document is printed already
  const cause = failedResult ? error.error : systemError(error) ?? error;
  const known = cause instanceof RetortError;
  const message = known ? cause.message : `internal error: ${(cause as Error)?.message ?? cause}`;
  say(`${prefix} ${message}\n`);
  if (flags.debug) say(`${stackChain(cause)}\n`);
  if (flags.json && !failedResult) {
    const code = known ? cause.code : "INTERNAL_ERROR";
    process.stdout.write(redactSecrets(`${JSON.stringify({ error: { code, message } })}\n`));
  }
  return known ? cause.exitCode : 1;
}

/** What the operating system refused, in words, with the way out. */
const systemErrors: Record<string, [string, string]> = {
  EACCES: ["permission denied", "check the owner and mode of it and of its folders"],
  EPERM: ["operation not permitted", "check the owner and mode of it and of its folders"],
  EISDIR: ["it is a folder, not a file", "move the folder away or fix the path"],
  ENOTDIR: ["a part of the path is a file, not a folder", "fix the path"],
  ENOENT: ["no such file or folder", "fix the path"],
  EROFS: ["the file system is read-only", "use a writable folder"],
  ENOSPC: ["the disk is full", "free some space"],
  EMFILE: ["too many open files", "raise the open-file limit (ulimit -n)"],
};

/** A file-system failure as a one-line RetortError naming the path, or undefined. */
function systemError(error: unknown): RetortError | undefined {
  const e = error as { code?: string; path?: string; syscall?: string };
  const known = e && typeof e.code === "string" ? systemErrors[e.code] : undefined;
  if (!known || error instanceof RetortError) return undefined;
  const [why, fix] = known;
  const what = e.path ? ` ${e.path}` : "";
  return new RetortError(
    `FILE_${e.code}`,
    `cannot ${e.syscall ?? "use"}${what}: ${why}; ${fix}`,
    { cause: error },
  );
}

/**
 * The stack of the error and of each error it wraps, innermost last: a failed migration's
 * own stack, with the revision file's path and line, is the one that matters.
 */
function stackChain(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const stack = (e as Error).stack ?? String(e);
    parts.push(parts.length === 0 ? stack : `caused by: ${stack}`);
  }
  return parts.join("\n");
}

provideRetortModule(api);
provideFirstPartyPlugins(firstPartyPlugins);

if (import.meta.main) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
