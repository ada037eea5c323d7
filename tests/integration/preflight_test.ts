// A revision that does not compile stops the run before its first step, not after the
// steps before it committed (on MySQL, and with transactionPerMigration, for good).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind, ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { assertOneLineError, runCli, tempProject } from "../_project.ts";

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  const { db, skip } = await throwawayDatabase(kind);

  describe(`a broken revision later in the plan, on ${kind}`, { skip }, () => {
    let database: ThrowawayDatabase;
    let project: TempProject;
    before(() => {
      database = db!;
      project = tempProject({ url: database.url, transactionPerMigration: true });
      for (const [rev, down] of [["p1", null], ["p2", "p1"]] as const) {
        project.write(rev, down, {
          up: `  await op.createTable("${rev}_t", [t.column("id", t.integer(), { primaryKey: true })]);`,
        });
      }
      writeFileSync(
        join(project.dir, "migrations", "versions", "p3_broken.ts"),
        `export const revision = "p3";\nexport const downRevision = "p2";\n` +
          `export async function upgrade({ op }: any) {\n  await op.execute("SELECT 1";\n}\n`,
      );
    });
    after(async () => {
      project?.cleanup();
      await database?.drop();
    });

    it("refuses before anything runs, naming the file and line", async () => {
      const run = runCli(["upgrade", "head"], { cwd: project.dir });
      assertOneLineError(run, 1, /p3_broken\.ts:4:\d+: cannot load: /);
      assert.doesNotMatch(run.stderr, /Running upgrade/);
      const connection = await database.connect();
      try {
        const exists = await connection.query(dialectTableQuery(kind, "p1_t"));
        assert.equal(exists.length, 0, "p1 did not run");
      } finally {
        await connection.close();
      }
    });

    it("--sql refuses too", () => {
      assertOneLineError(
        runCli(["upgrade", "--sql", "base:head"], { cwd: project.dir }),
        1,
        /p3_broken\.ts:4:\d+: cannot load/,
      );
    });

    it("a plan that stops before the broken file still runs", () => {
      const run = runCli(["upgrade", "p2"], { cwd: project.dir });
      assert.equal(run.code, 0, run.stderr);
    });
  });
}

function dialectTableQuery(kind: DatabaseKind, table: string): string {
  return kind === "sqlite"
    ? `SELECT name FROM sqlite_master WHERE name = '${table}'`
    : kind === "postgres"
    ? `SELECT tablename FROM pg_tables WHERE tablename = '${table}'`
    : `SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '${table}'`;
}
