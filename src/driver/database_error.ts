import { RetortError } from "../errors.ts";

/** A statement the database refused, with the statement and the database's own message. */
export class DatabaseError extends RetortError {
  readonly sql: string;
  readonly databaseMessage: string;

  constructor(sql: string, cause: unknown) {
    // the first line; a CR counts as a line break too: a message quoting SQL with a CR
    // (SQLite's "unrecognized token", MySQL's "near '...'") would otherwise overprint itself
    const databaseMessage = String((cause as Error)?.message ?? cause).split(/\r\n?|\n/)[0];
    super("DATABASE_ERROR", `${databaseMessage} (in: ${oneLine(sql)})`, { cause });
    this.name = "DatabaseError";
    this.sql = sql;
    this.databaseMessage = databaseMessage;
  }
}

/** SQL folded to one line and shortened, for messages. */
export function oneLine(sql: string, max = 200): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
