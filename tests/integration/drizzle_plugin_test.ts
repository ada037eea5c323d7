// retort/plugins/drizzle on real databases, through the CLI as a user runs it: a Drizzle
// schema module as the target -> `revision --autogenerate` -> upgrade -> `check` exits 0 ->
// a column and an index added in Drizzle -> autogenerate -> upgrade -> `check` 0. With
// compareServerDefault on, a default or type read the wrong way fails the `check`.
//
// The schema file imports drizzle-orm as a user's does, from the project's own node_modules:
// the temp project (in the system temp folder, where nothing resolves drizzle-orm) gets a
// node_modules symlink to this repository's. Under Deno a bare import resolves only through
// a node_modules folder above the importing file, so the symlink is what makes it work there.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseKind } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import { changedDrizzleSchema, drizzleSchema } from "./_drizzle_schemas.ts";
import type { CliRun, TempProject } from "../_project.ts";
import { assertOneLineError, repoRoot, runCli, tempProject } from "../_project.ts";

/** A project using the plugin, with drizzle-orm in its node_modules. */
function drizzleProject(url: string): TempProject & { done(): void } {
  const p = tempProject({
    url,
    target: "schema.ts",
    compareServerDefault: true,
    plugins: ["retort/plugins/drizzle"],
  });
  const link = join(p.dir, "node_modules");
  symlinkSync(join(repoRoot, "node_modules"), link, "dir");
  return { ...p, done: () => (unlinkSync(link), p.cleanup()) }; // the link first: never the repo's folder
}

const cli = (p: TempProject, args: string[]): CliRun => runCli(args, { cwd: p.dir });
const ok = (run: CliRun, what: string) =>
  assert.equal(run.code, 0, `${what}: ${run.stderr}${run.stdout}`);

for (const kind of ["sqlite", "postgres", "mysql"] as DatabaseKind[]) {
  describe(`retort/plugins/drizzle on ${kind}`, () => {
    it("autogenerates from the Drizzle schema, upgrades, checks clean; again after a change", async (t) => {
      const made = await throwawayDatabase(kind);
      if (!made.db) return t.skip(made.skip);
      const p = drizzleProject(made.db.url);
      try {
        writeFileSync(join(p.dir, "schema.ts"), drizzleSchema(kind));
        const first = cli(p, [
          "revision",
          "--autogenerate",
          "-m",
          "from drizzle",
          "--rev-id",
          "d1",
        ]);
        ok(first, "first autogenerate");
        for (const table of ["accounts", "orders", "order_tags"]) {
          assert.match(first.stderr, new RegExp(`Detected added table '${table}'`));
        }
        if (kind === "postgres") assert.match(first.stderr, /Detected added enum type 'mood'/);
        const written = readFileSync(
          join(p.dir, "migrations", "versions", revisionFile(p, "d1")),
          "utf8",
        );
        assert.doesNotMatch(
          written,
          /client side/,
          "$defaultFn runs in the client: no server default",
        );
        assert.match(written, /"fk_order_tags_order"/);
        ok(cli(p, ["upgrade", "head"]), "first upgrade");
        const clean = cli(p, ["check"]);
        ok(clean, "check after the first upgrade");
        assert.match(clean.stdout, /No new upgrade operations detected\./);

        writeFileSync(join(p.dir, "schema.ts"), changedDrizzleSchema(kind));
        const drift = cli(p, ["check"]);
        assert.equal(drift.code, 1, drift.stderr + drift.stdout);
        assert.match(drift.stdout, /Detected added column 'orders\.shipped'/);
        assert.match(drift.stdout, /Detected added index 'ix_orders_account_shipped'/);
        ok(
          cli(p, ["revision", "--autogenerate", "-m", "shipped", "--rev-id", "d2"]),
          "second autogenerate",
        );
        ok(cli(p, ["upgrade", "head"]), "second upgrade");
        ok(cli(p, ["check"]), "check after the second upgrade");
      } finally {
        p.done();
        await made.db.drop();
      }
    });
  });
}

describe("retort/plugins/drizzle refuses a module without tables", () => {
  it("exit 2, one line naming the file and what to export", () => {
    const p = drizzleProject("sqlite:app.db");
    try {
      writeFileSync(
        join(p.dir, "schema.ts"),
        'import { integer, sqliteTable } from "drizzle-orm/sqlite-core";\n' +
          'const hidden = sqliteTable("hidden", { id: integer() });\nexport const names = [hidden];\n',
      );
      const run = cli(p, ["revision", "--autogenerate", "-m", "nothing"]);
      assertOneLineError(
        run,
        2,
        /^retort: target \/.*schema\.ts exports no schema: make its default export defineSchema\(\{ tables: \[\.\.\.\] \}\), or export what plugin drizzle reads/,
      );
      assert.deepEqual(readdirSync(join(p.dir, "migrations", "versions")), []);
    } finally {
      p.done();
    }
  });
});

function revisionFile(p: TempProject, id: string): string {
  return readdirSync(join(p.dir, "migrations", "versions")).find((f) => f.startsWith(id))!;
}
