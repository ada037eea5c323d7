// The bad-input corpus: config, URLs, files, the graph, migrations, --sql and the CLI. Each
// case runs the CLI as a user would and checks the exit code, that stderr ends in exactly one
// line naming the culprit, that no stack trace and no password is printed, and that the
// database is as it was (tables and version rows).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";
import { runCli, startCli } from "../_project.ts";
import { cases } from "./_cases.ts";
import type { BadInput } from "./_cases.ts";

let template: string;
let root: string;

/** A project with a1 -> b2 (each creates a table) and a database at a1. */
function makeTemplate(): string {
  const dir = join(root, "template");
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "retort.json"), JSON.stringify({ url: "sqlite:app.db" }));
  const rev = (id: string, down: string | null, table: string) =>
    writeFileSync(
      join(dir, "migrations", "versions", `${id}_${table}.ts`),
      `/** ${table} */\nexport const revision = "${id}";\nexport const downRevision = ${JSON.stringify(down)};\n` +
        `export async function upgrade({ op, t }: any) {\n  await op.createTable("${table}", [t.column("id", t.integer(), { primaryKey: true })]);\n}\n` +
        `export async function downgrade({ op }: any) {\n  await op.dropTable("${table}");\n}\n`,
    );
  rev("a1", null, "users");
  rev("b2", "a1", "orders");
  const up = runCli(["upgrade", "a1"], { cwd: dir });
  assert.equal(up.code, 0, up.stderr);
  return dir;
}

/** Tables and version rows of a project's SQLite file (empty when there is none). */
async function snapshot(dir: string): Promise<string> {
  const client = createClient({ url: `file:${join(dir, "app.db")}` });
  try {
    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const names = tables.rows.map((r) => String(r[0]));
    const versions = names.includes("retort_version")
      ? (await client.execute("SELECT version_num FROM retort_version ORDER BY 1")).rows.map((r) => String(r[0]))
      : [];
    return JSON.stringify({ names, versions });
  } catch {
    return "no database";
  } finally {
    client.close();
  }
}

/** A copy of the template with the case's files written over it. */
function projectFor(input: BadInput, index: number): string {
  const dir = join(root, `case-${index}`);
  cpSync(template, dir, { recursive: true });
  for (const [path, text] of Object.entries(input.files ?? {})) {
    const full = join(dir, path);
    if (text === null) {
      rmSync(full, { recursive: true, force: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    if (text === "<folder>") {
      rmSync(full, { force: true });
      mkdirSync(full, { recursive: true });
    } else writeFileSync(full, text);
  }
  return dir;
}

describe(`the bad-input corpus (${cases.length} cases)`, () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), "retort-corpus-"));
    template = makeTemplate();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("has at least 80 cases, each named once", () => {
    assert.ok(cases.length >= 80, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  });

  // Run the cases in groups side by side: each is its own process and project.
  const groups: BadInput[][] = [];
  for (let i = 0; i < cases.length; i += 8) groups.push(cases.slice(i, i + 8));
  groups.forEach((group, g) => {
    it(`group ${g + 1}: ${group.map((c) => c.name).join("; ")}`, async () => {
      const runs = await Promise.all(group.map(async (input, i) => {
        const dir = projectFor(input, g * 8 + i);
        const before = await snapshot(dir);
        const run = await startCli(input.args, { cwd: input.cwd ? join(dir, input.cwd) : dir, env: input.env });
        return { input, dir, before, run, after: await snapshot(dir) };
      }));
      const problems: string[] = [];
      for (const { input, run, before, after } of runs) {
        const where = `[${input.name}] retort ${input.args.join(" ")}: ${run.stderr.trim()}`;
        const lines = run.stderr.trimEnd().split("\n");
        const errors = lines.filter((l) => !/^(\[\d+\/\d+\] Running |Database: )/.test(l));
        const check = (ok: boolean, what: string) => ok || problems.push(`${what}: ${where}`);
        check(run.code === input.code, `exit code ${run.code}, not ${input.code}`);
        check(errors.length === 1 && /^retort: /.test(errors[0]), "not one error line");
        check(input.culprit.test(errors.at(-1) ?? ""), `the culprit ${input.culprit} is not named`);
        check(!/\n\s+at |internal error/.test(run.stderr), "a stack trace or an internal error");
        for (const secret of input.secrets ?? []) {
          check(!run.stderr.includes(secret) && !run.stdout.includes(secret), `${secret} printed`);
        }
        if (input.changes !== true) check(after === before, `the database changed (${before} -> ${after})`);
      }
      assert.deepEqual(problems, []);
    });
  });
});
