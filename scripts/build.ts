/**
 * Builds `dist/retort`, one executable with retort, its drivers and SQLite's native addon
 * inside, using `bun build --compile`. Run: `bun scripts/build.ts [--outfile PATH]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { bundledTypes } from "./editor_types.ts";

const outIndex = process.argv.indexOf("--outfile");
const outfile = outIndex > 0 ? process.argv[outIndex + 1] : "dist/retort";

/** libsql picks its native addon by a computed package name, which a bundler cannot follow. */
const nativeAddon = `@libsql/${process.platform}-${process.arch}-gnu/index.node`;

// The binary carries the public API's declarations for `retort init` / `retort types`.
const types = bundledTypes();
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(join(dirname(outfile), "retort.d.ts"), types);

const result = await Bun.build({
  define: { RETORT_EDITOR_TYPES: JSON.stringify(types) },
  entrypoints: ["./cli.ts"],
  compile: { outfile, autoloadDotenv: false, autoloadBunfig: false },
  target: "bun",
  format: "esm",
  minify: true,
  sourcemap: "none",
  bytecode: true,
  plugins: [{
    name: "libsql-static-addon",
    setup(build) {
      build.onLoad({ filter: /[\\/]libsql[\\/]index\.js$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const dynamic = "return require(`@libsql/${target}`);";
        if (!source.includes(dynamic)) {
          throw new Error(`${args.path}: libsql's addon loader changed; update scripts/build.ts`);
        }
        return {
          contents: source.replace(dynamic, `return require(${JSON.stringify(nativeAddon)});`),
          loader: "js",
        };
      });
    },
  }],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.error(`built ${outfile}`);
