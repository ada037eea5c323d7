// The scenario on a real PostgreSQL: two tables whose names PostgreSQL would cut to the
// same 63 bytes. retort refuses the name before anything runs, so the wrong table is never
// dropped; and a version table whose name is too long is refused before anything is created.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ThrowawayDatabase } from "./_databases.ts";
import { throwawayDatabase } from "./_databases.ts";
import type { TempProject } from "../_project.ts";
import { assertOneLineError, runCli, tempProject } from "../_project.ts";

const { db, skip } = await throwawayDatabase("postgres");

describe("identifiers PostgreSQL would cut", { skip }, () => {
  let database: ThrowawayDatabase;
  const projects: TempProject[] = [];
  before(() => (database = db!));
  after(async () => {
    for (const p of projects) p.cleanup();
    await database?.drop();
  });
  const tables = async () => {
    const c = await database.connect();
    try {
      return (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
        .map((r) => r.tablename);
    } finally {
      await c.close();
    }
  };

  it("refuses the 67-byte name, exit 1, nothing changed", async () => {
    const p = tempProject({ url: database.url });
    projects.push(p);
    const base = "t".repeat(62);
    p.write("n1", null, {
      up: `  await op.createTable("keep", [t.column("id", t.integer())]);
  await op.createTable("${base}_2023", [t.column("id", t.integer())]);`,
    });
    assertOneLineError(
      runCli(["upgrade", "head"], { cwd: p.dir }),
      1,
      new RegExp(`identifier "${base}_2023" is 67 bytes long; PostgreSQL allows 63 bytes`),
    );
    assert.deepEqual(await tables(), [], "rolled back: not even the version table");
  });

  it("refuses a version table whose name is too long, before creating anything", async () => {
    const p = tempProject({ url: database.url, versionTable: "v".repeat(70) });
    projects.push(p);
    p.write("n1", null, { up: `  await op.createTable("keep2", [t.column("id", t.integer())]);` });
    assertOneLineError(runCli(["upgrade", "head"], { cwd: p.dir }), 1, /is 70 bytes long/);
    assert.deepEqual(await tables(), []);
  });
});
