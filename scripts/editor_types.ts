/**
 * Writes `dist/retort.d.ts`: the public API (mod.ts) as one declaration file with no
 * imports, which the binary embeds and `retort init` / `retort types` write into projects
 * so an editor resolves `import type { MigrationContext } from "retort"`.
 * Run: `bun scripts/editor_types.ts [--outfile PATH]` (the build runs it).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";

const root = new URL("..", import.meta.url).pathname;

/** The declarations of mod.ts, bundled into one file. */
export function bundledTypes(): string {
  const work = mkdtempSync(join(tmpdir(), "retort-dts-"));
  try {
    const project = join(work, "tsconfig.json");
    writeFileSync(
      project,
      JSON.stringify({
        compilerOptions: {
          target: "ES2024",
          module: "ESNext",
          moduleResolution: "Bundler",
          allowImportingTsExtensions: true,
          noEmit: true,
          strict: true,
          skipLibCheck: true,
          lib: ["ES2024", "DOM"],
          types: [],
        },
      }),
    );
    const out = join(work, "retort.d.ts");
    const run = spawnSync(
      join(root, "node_modules", ".bin", "dts-bundle-generator"),
      ["--project", project, "-o", out, "--no-check", "--silent", join(root, "mod.ts")],
      { encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`dts-bundle-generator failed: ${run.stderr}${run.stdout}`);
    return readFileSync(out, "utf8");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const at = process.argv.indexOf("--outfile");
  const outfile = at > 0 ? process.argv[at + 1] : join(root, "dist", "retort.d.ts");
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, bundledTypes());
  console.error(`wrote ${outfile}`);
}
