import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { RetortError, UsageError } from "../errors.ts";
import type { RevisionSource } from "../revision/revision.ts";
import type { RevisionHeaders } from "./scan_headers.ts";
import { HeaderCache } from "./header_cache.ts";
import { docText, scanHeaderFields, withDoc } from "./scan_headers.ts";

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
  const files = versionDirs.flatMap((dir) => {
    if (!existsSync(dir)) {
      throw new UsageError(
        "SCRIPT_DIRECTORY_MISSING",
        `revision folder ${dir} does not exist; run \`retort init\` or fix scriptLocation/versionLocations`,
      );
    }
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    // join() costs more than it is worth, ten thousand times
    return readdirSync(dir).filter((n) => revisionFile.test(n) && !n.endsWith(".d.ts")).sort()
      .map((name) => prefix + name);
  });
  const cache = files.length >= cachedFrom ? HeaderCache.open(versionDirs) : HeaderCache.none;
  const scripts = files.map((path) => {
    const stat = statSync(path);
    let fields = cache.get(path, stat);
    if (!fields) {
      fields = scanHeaderFields(readText(path), path);
      cache.set(path, stat, fields);
    }
    return Object.assign(withDoc(fields, () => docText(readFileSync(path, "utf8"))), { path });
  });
  cache.save();
  return scripts;
}

/** Below this many revision files, reading them all is as quick as the cache. */
const cachedFrom = 300;

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

/** A revision file's text, or an error that names the file and why it cannot be read. */
function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "EISDIR"
      ? "it is a folder, not a file: move it out of the versions folder"
      : code === "EACCES" || code === "EPERM"
      ? "permission denied: check its owner and mode"
      : String((error as Error).message).split("\n")[0];
    throw new RetortError("SCRIPT_UNREADABLE", `cannot read revision file ${path}: ${why}`, {
      cause: error,
    });
  }
}
