import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Set by the binary's build to the public API's bundled declarations (scripts/editor_types.ts). */
declare const RETORT_EDITOR_TYPES: string | undefined;

/** What `writeEditorTypes` wrote, and what it left as it was. */
export interface EditorTypesResult {
  readonly written: string[];
  readonly kept: string[];
}

/**
 * The declarations an editor needs for `import ... from "retort"`: inside the binary, the
 * whole public API with no imports; running from source, a re-export of this copy's mod.ts.
 */
export function editorTypes(): string {
  if (typeof RETORT_EDITOR_TYPES === "string") return RETORT_EDITOR_TYPES;
  const mod = fileURLToPath(new URL("../../mod.ts", import.meta.url));
  return `// The retort that wrote this file: ${mod}\nexport * from ${JSON.stringify(mod)};\n`;
}

/**
 * Writes `retort.d.ts` into `dir` (always: `retort types` refreshes it after an upgrade of
 * retort), and, where none exists yet, a `tsconfig.json` and a `deno.json` that map
 * `"retort"` to it, so editors (TypeScript's and Deno's) resolve the types of revision files
 * in a project that only has the binary.
 *
 * @example
 * ```ts
 * writeEditorTypes("/srv/app").written; // ["/srv/app/retort.d.ts", ...]
 * ```
 */
export function writeEditorTypes(dir: string): EditorTypesResult {
  const written: string[] = [];
  const kept: string[] = [];
  const write = (name: string, text: string, overwrite: boolean) => {
    const path = join(dir, name);
    if (!overwrite && existsSync(path)) return void kept.push(path);
    writeFileSync(path, text);
    written.push(path);
  };
  write("retort.d.ts", editorTypes(), true);
  write(
    "tsconfig.json",
    `${
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "ESNext",
            moduleResolution: "Bundler",
            allowImportingTsExtensions: true,
            noEmit: true,
            strict: true,
            skipLibCheck: true,
            paths: { retort: ["./retort.d.ts"] },
          },
          include: ["**/*.ts"],
        },
        null,
        2,
      )
    }\n`,
    false,
  );
  write("deno.json", `${JSON.stringify({ imports: { retort: "./retort.d.ts" } }, null, 2)}\n`, false);
  return { written, kept };
}
