// The layout DESIGN.md promises, checked from the import statements: the core never imports
// mod.ts or cli.ts, no two folders of src/ import each other, and the pure folders touch no
// driver, file system or process.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const src = join(root, "src");
const pure = ["revision", "ops", "schema", "dialect", "autogen", "plugin"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every import and re-export specifier of a file, with whether it is type-only. */
function imports(path: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(path, "utf8");
  const found: { spec: string; typeOnly: boolean }[] = [];
  const pattern =
    /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    found.push({ spec: m[3] ?? m[4], typeOnly: Boolean(m[2]) });
  }
  return found;
}

/** The src/ folder (first path part) a file is in, or its name for files at src/'s top. */
function folderOf(path: string): string {
  return relative(src, path).split("/")[0];
}

const all = files(src);

describe("the layout", () => {
  it("the core never imports mod.ts or cli.ts", () => {
    for (const file of all) {
      for (const { spec } of imports(file)) {
        const target = resolve(dirname(file), spec);
        assert.ok(
          target !== join(root, "mod.ts") && target !== join(root, "cli.ts"),
          `${relative(root, file)} imports ${spec}`,
        );
      }
    }
  });

  it("no two folders of src/ import each other", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of all) {
      for (const { spec } of imports(file)) {
        if (!spec.startsWith(".")) continue;
        const from = folderOf(file);
        const to = folderOf(resolve(dirname(file), spec));
        if (from === to || to.endsWith(".ts")) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    // No cycle of any length: a depth-first walk never meets a folder on its own path.
    const path: string[] = [];
    const done = new Set<string>();
    const visit = (folder: string) => {
      if (path.includes(folder)) {
        assert.fail(`folders import each other: ${[...path.slice(path.indexOf(folder)), folder].join(" -> ")}`);
      }
      if (done.has(folder)) return;
      path.push(folder);
      for (const next of edges.get(folder) ?? []) visit(next);
      path.pop();
      done.add(folder);
    };
    for (const folder of edges.keys()) visit(folder);
  });

  it("the pure folders use no driver, file system, process or network", () => {
    for (const file of all.filter((f) => pure.includes(folderOf(f)))) {
      for (const { spec, typeOnly } of imports(file)) {
        const local = spec.startsWith(".") ? folderOf(resolve(dirname(file), spec)) : "";
        assert.ok(
          !spec.startsWith("node:") && (typeOnly || local !== "driver") && (spec.startsWith(".")),
          `${relative(root, file)} imports ${spec}`,
        );
      }
    }
  });
});
