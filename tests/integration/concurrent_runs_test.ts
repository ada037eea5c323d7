// Upgrades and downgrades started together on each database: every process ends within a
// bound (exit 0, or exit 1 saying another run changed the database), and afterwards the
// version table matches the tables that exist.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { startCli, tempProject } from "../_project.ts";

/** How long any one process may take: far more than a run needs, far less than forever. */
const boundMs = 45_000;
const revisions = 4;

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`upgrades and downgrades together on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    const projects: TempProject[] = [];
    before(() => (database = db!));
    after(async () => {
      for (const p of projects) p.cleanup();
      await database?.drop();
    });

    function project(prefix: string, extra: Record<string, unknown>) {
      const p = tempProject({ url: database.url, versionTable: `${prefix}_version`, ...extra });
      projects.push(p);
      for (let i = 1; i <= revisions; i++) {
        p.write(`${prefix}${i}`, i === 1 ? null : `${prefix}${i - 1}`, {
          up:
            `  await op.createTable("${prefix}_${i}", [t.column("id", t.integer(), { primaryKey: true })]);`,
          down: `  await op.dropTable("${prefix}_${i}");`,
        });
      }
      return p;
    }

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const connection = await database.connect();
      try {
        return await connection.query(sql);
      } finally {
        await connection.close();
      }
    }

    /** The revision tables that exist, by number. */
    async function tablesOf(prefix: string): Promise<number[]> {
      const names = kind === "sqlite"
        ? await rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        : kind === "postgres"
        ? await rows("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()")
        : await rows(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
        );
      return names.map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME))
        .filter((n) => new RegExp(`^${prefix}_\\d+$`).test(n))
        .map((n) => Number(n.split("_")[1]))
        .sort((a, b) => a - b);
    }

    for (
      const [name, extra] of [
        ["one transaction per run", {}],
        ["transactionPerMigration", { transactionPerMigration: true }],
      ] as const
    ) {
      it(`4 upgrades and 4 downgrades to base (${name}) all end, and the state is consistent`, {
        timeout: boundMs + 30_000,
      }, async () => {
        const prefix = `u${Object.keys(extra).length}`;
        const p = project(prefix, extra);
        const runs = await Promise.all(
          Array.from(
            { length: 8 },
            (_, i) =>
              startCli(i % 2 === 0 ? ["upgrade", "head"] : ["downgrade", "base"], {
                cwd: p.dir,
                killAfterMs: boundMs,
              }),
          ),
        );
        for (const run of runs) {
          assert.ok(
            !run.timedOut,
            `a run was still going after ${boundMs} ms:\n${
              run.stderr.trimEnd().split("\n").slice(-5).join("\n")
            }`,
          );
          if (run.code === 0) continue;
          assert.equal(run.code, 1, run.stderr);
          const lines = run.stderr.trimEnd().split("\n");
          assert.match(
            lines.at(-1)!,
            /^retort: another retort run changed the database \d+ times while this one ran; the database is at .+; run the command again$/,
          );
        }
        const version = (await rows(`SELECT version_num FROM ${prefix}_version`))
          .map((r) => String(r.version_num));
        const at = version.length === 0 ? 0 : Number(version[0].slice(prefix.length));
        assert.ok(version.length <= 1, `one head at most: ${version}`);
        assert.deepEqual(
          await tablesOf(prefix),
          Array.from({ length: at }, (_, i) => i + 1),
          `the tables match the version row ${version[0] ?? "<base>"}`,
        );
      });
    }
  });
}
