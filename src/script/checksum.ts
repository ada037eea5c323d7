import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The SHA-256 of a revision file as the history records it, line endings read as LF (so a
 * checkout with CRLF is the same file), or null when the file cannot be read.
 *
 * @example
 * ```ts
 * fileChecksum("migrations/versions/a1b2_add_users.ts"); // "9f86d0..."
 * ```
 */
export function fileChecksum(path: string | undefined): string | null {
  if (path === undefined) return null;
  try {
    const text = readFileSync(path, "utf8").replace(/\r\n/g, "\n");
    return createHash("sha256").update(text).digest("hex");
  } catch {
    return null;
  }
}
