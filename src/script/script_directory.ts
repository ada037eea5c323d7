import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { RetortError } from "../errors.ts";
import type { RevisionSource } from "../revision/revision.ts";
import type { RevisionHeaders } from "./scan_headers.ts";
import { HeaderCache } from "./header_cache.ts";
import { headersFrom, scanHeaderFields } from "./scan_headers.ts";

/** One revision file: where it is and what its headers say. */
export interface RevisionScript extends RevisionHeaders {
  readonly path: string;
}

/** File names that hold revisions: TypeScript or JavaScript modules, not declarations. */
const revisionFile = /^[^._].*\.(ts|mts|js|mjs)$/;

/**
 * Lists and scans the revision files in `versionDirs`, in file-name order. Nothing is
 * imported: headers come from the text (or from the header cache, for unchanged files).
 */
export function scanScripts(versionDirs: readonly string[]): RevisionScript[] {
  const scripts: RevisionScript[] = [];
  const cache = HeaderCache.open(versionDirs);
  for (const dir of versionDirs) {
    if (!existsSync(dir)) {
      throw new RetortError(
        "SCRIPT_DIRECTORY_MISSING",
        `revision folder ${dir} does not exist; run \`retort init\` or fix scriptLocation/versionLocations`,
      );
    }
    const names = readdirSync(dir).filter((n) => revisionFile.test(n) && !n.endsWith(".d.ts"))
      .sort();
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    for (const name of names) {
      const path = prefix + name; // join() costs more than it is worth, ten thousand times
      const { mtimeMs, size } = statSync(path);
      let fields = cache.get(path, mtimeMs, size);
      if (!fields) {
        fields = scanHeaderFields(readFileSync(path, "utf8"), path);
        cache.set(path, mtimeMs, size, fields);
      }
      scripts.push(Object.assign(headersFrom(fields), { path }));
    }
  }
  cache.save();
  return scripts;
}

/** The graph's view of a script. */
export function toRevisionSource(script: RevisionScript): RevisionSource {
  return {
    revision: script.revision,
    downRevisions: script.downRevisions,
    branchLabels: script.branchLabels,
    dependsOn: script.dependsOn,
    path: script.path,
  };
}
