import type { Connection, Session } from "../driver/connection.ts";
import { RetortError } from "../errors.ts";

/**
 * Runs `work` in a transaction of its own when `session` is a bare connection (a
 * `transaction = false` revision), or in the caller's transaction otherwise.
 */
export function inTransaction<T>(session: Session, work: (tx: Session) => Promise<T>): Promise<T> {
  const connection = session as Partial<Connection>;
  return typeof connection.transaction === "function"
    ? (connection as Connection).transaction(work)
    : work(session);
}

/** Whether `session` is `--sql` mode's, which refuses to read the database. */
export async function isOffline(session: Session): Promise<boolean> {
  try {
    await session.query("SELECT 1");
    return false;
  } catch (error) {
    if (error instanceof RetortError && error.code === "OFFLINE_READ") return true;
    throw error;
  }
}
