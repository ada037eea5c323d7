#!/usr/bin/env node
// The whole test suite, as README and CI run it: the unit and integration tests under Deno
// and under Bun, then the build of dist/retort and its end-to-end tests. Each runner writes
// a JUnit report; the last line sums them: "N passed, N failed, N skipped".
// Usage: node scripts/run_tests.mjs [--no-deno] [--no-bun] [--no-e2e]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
const reports = join(root, ".test-results");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const skip = new Set(process.argv.slice(2));

const phases = [
  !skip.has("--no-deno") && {
    name: "deno",
    command: [
      bin("deno"),
      "test",
      "-A",
      "--ignore=tests/e2e",
      `--junit-path=${join(reports, "deno.xml")}`,
      "tests/",
    ],
    report: "deno.xml",
  },
  !skip.has("--no-bun") && {
    name: "bun",
    command: [
      bin("bun"),
      "test",
      "--path-ignore-patterns=tests/e2e/**",
      "--reporter=junit",
      `--reporter-outfile=${join(reports, "bun.xml")}`,
      "tests/",
    ],
    report: "bun.xml",
  },
  !skip.has("--no-e2e") && { name: "build", command: [bin("bun"), "scripts/build.ts"] },
  !skip.has("--no-e2e") && {
    name: "e2e",
    command: [
      bin("bun"),
      "test",
      "--reporter=junit",
      `--reporter-outfile=${join(reports, "e2e.xml")}`,
      "tests/e2e/",
    ],
    report: "e2e.xml",
  },
].filter(Boolean);

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const phase of phases) {
  console.log(`\n=== ${phase.name}: ${phase.command.slice(1).join(" ")}`);
  const run = spawnSync(phase.command[0], phase.command.slice(1), { cwd: root, stdio: "inherit" });
  if (run.status !== 0) broken = true;
  if (!phase.report) {
    if (run.status !== 0) totals.failed++;
    continue;
  }
  const path = join(reports, phase.report);
  if (!existsSync(path)) {
    console.log(`${phase.name}: no report written`);
    totals.failed++;
    continue;
  }
  const counts = countJunit(readFileSync(path, "utf8"));
  console.log(
    `${phase.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  if (counts.passed + counts.failed === 0) broken = true;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken || totals.failed > 0 ? 1 : 0);

/** Counts leaf test cases: Deno also reports each describe() as a case of its own. */
function countJunit(xml) {
  const cases = [
    ...xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g),
  ];
  const names = cases.map((c) => c[1]);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const [, name, , body = ""] of cases) {
    if (names.some((other) => other.startsWith(`${name} &gt; `))) continue;
    if (/<(failure|error)\b/.test(body)) counts.failed++;
    else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}
