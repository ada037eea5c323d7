// Test fixtures: throwaway projects on disk and a way to run the CLI as a user would.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { createClient } from "@libsql/client";

/** The repository root. */
export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** A project folder with `retort.json` and `migrations/versions/`, removed by `cleanup()`. */
export interface TempProject {
  readonly dir: string;
  readonly dbPath: string;
  /** Writes a revision file with the given upgrade/downgrade bodies. */
  write(
    revision: string,
    downRevision: string | string[] | null,
    body: { up?: string; down?: string; extra?: string },
  ): string;
  /** Rows of a query against the project's SQLite file. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The tables in the database, sorted. */
  tables(): Promise<string[]>;
  cleanup(): void;
}

/** A project on SQLite (default) or on the database that `config.url` names. */
export function tempProject(config: Record<string, unknown> = {}): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "retort-test-"));
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db", ...config }));
  const dbPath = join(dir, "app.db");
  const query = async (sql: string) => {
    const client = createClient({ url: `file:${dbPath}` });
    try {
      const result = await client.execute(sql);
      return result.rows.map((row) =>
        Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))
      );
    } finally {
      client.close();
    }
  };
  return {
    dir,
    dbPath,
    write(revision, downRevision, body) {
      const path = join(versions, `${revision}_rev.ts`);
      writeFileSync(
        path,
        `/** revision ${revision} */
${body.extra ?? ""}
export const revision = "${revision}";
export const downRevision = ${JSON.stringify(downRevision)};

export async function upgrade({ op, t, sql, query }: any) {
${body.up ?? ""}
}

export async function downgrade({ op, t, sql, query }: any) {
${body.down ?? ""}
}
`,
      );
      return path;
    },
    query,
    async tables() {
      const rows = await query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      return rows.map((r) => String(r.name));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What a CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";

function cliArgv(args: string[]): string[] {
  const cli = join(repoRoot, "cli.ts");
  return isBun
    ? [cli, ...args]
    : ["run", "-A", `--config=${join(repoRoot, "deno.json")}`, cli, ...args];
}

// Test projects are throwaway: keep their header caches out of the shared temp folder.
process.env.RETORT_CACHE_DIR ??= "";

function cliEnv(env: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env };
}

/** Runs `cli.ts` under the runtime running the tests, in `cwd`. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): CliRun {
  const run = spawnSync(process.execPath, cliArgv(args), {
    cwd: options.cwd,
    env: cliEnv(options.env),
    encoding: "utf8",
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Starts `cli.ts` without waiting, for runs side by side; resolves when it exits. With
 * `killAfterMs`, a run still going then is killed (SIGKILL) and resolves with code -1 and
 * `timedOut`. `preload` names a module to run before cli.ts (a test's clock shift, say).
 */
export function startCli(
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    killAfterMs?: number;
    preload?: string;
    onStart?: (pid: number) => void;
  },
): Promise<CliRun & { timedOut?: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const argv = options.preload ? preloadArgv(options.preload, args) : cliArgv(args);
    const child = spawn(process.execPath, argv, {
      cwd: options.cwd,
      env: cliEnv(options.env),
    });
    if (child.pid) options.onStart?.(child.pid);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.killAfterMs);
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code: timedOut ? -1 : code ?? -1,
        stdout,
        stderr,
        ms: Date.now() - started,
        ...(timedOut ? { timedOut } : {}),
      });
    });
  });
}

/** The argv that runs `preload` and then the CLI's main with `args`. */
function preloadArgv(preload: string, args: string[]): string[] {
  const runner = join(repoRoot, "tests", "_run_cli_after.ts");
  return isBun
    ? [runner, preload, ...args]
    : ["run", "-A", `--config=${join(repoRoot, "deno.json")}`, runner, preload, ...args];
}

/** The given exit code, and one error line on stderr, after any progress lines. */
export function assertOneLineError(run: ReturnType<typeof runCli>, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, `exit code; stderr: ${run.stderr}`);
  const lines = run.stderr.trimEnd().split("\n");
  const errors = lines.filter((line) => !/^(\[\d+\/\d+\] Running |Database: )/.test(line));
  assert.equal(errors.length, 1, `one error line on stderr, got:\n${run.stderr}`);
  assert.match(errors[0], pattern);
  assert.equal(lines.at(-1), errors[0], "the error comes last");
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
}

