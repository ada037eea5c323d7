import { RetortError } from "../errors.ts";
import type { LockHolder } from "../runtime/lock_report.ts";
import { describeHolder, dirtyReport, isoTime } from "../runtime/lock_report.ts";
import { RunLock } from "../runtime/run_lock.ts";
import type { DirtyState } from "./current.ts";
import type { CommandOptions } from "./project.ts";
import { openProject, withDatabase } from "./project.ts";

/** Options of `retort unlock`. */
export interface UnlockOptions extends CommandOptions {
  /** Also end a holder that looks alive (on MySQL: kill its connections). */
  readonly force?: boolean;
}

/** The run whose lock `unlock` cleared or ended. */
export interface ClearedLock {
  readonly host: string | null;
  readonly pid: number | null;
  /** When it took the lock (ISO time), if known. */
  readonly since: string | null;
  /** When it last renewed it (ISO time), if ever. */
  readonly lastSeen: string | null;
  /** Whether it looked alive, so that only `force` ended it. */
  readonly wasAlive: boolean;
}

/**
 * Clears the migration lock of a run that is gone: its row in `<versionTable>_lock`. A holder
 * that looks alive (on MySQL its connection holds its server lock; elsewhere its lease is
 * fresh) is only ended with `force`. A step the holder left unfinished is not forgotten: the
 * row stays as the record of a dirty database (`dirty`), for `upgrade --resume` or `stamp`.
 *
 * @example
 * ```ts
 * const { cleared, dirty } = await unlock({ force: false });
 * ```
 */
export async function unlock(
  options: UnlockOptions = {},
): Promise<{ cleared: ClearedLock | null; dirty: DirtyState | null }> {
  const project = await openProject(options);
  const { output } = project;
  return withDatabase(project, {}, async (db) => {
    const lock = RunLock.of(db.versionTable);
    const holder = await lock.read(db.connection);
    if (!holder) {
      output.info("The migration lock is free: nothing to clear");
      return { cleared: null, dirty: null };
    }
    const who = describeHolder(holder);
    if (holder.alive && !options.force) {
      throw new RetortError(
        "LOCK_HELD",
        `the migration lock is held by ${who}, which looks alive (${aliveBecause(holder)}); ` +
          "wait for it to finish, or `retort unlock --force` if you know that run is gone",
      );
    }
    if (holder.alive) await lock.breakLease(db.connection, holder);
    const cleared: ClearedLock = {
      host: holder.host,
      pid: holder.pid,
      since: isoTime(holder.since),
      lastSeen: isoTime(holder.renewedAt),
      wasAlive: holder.alive,
    };
    const ended = holder.alive ? `Ended the run holding the migration lock, ${who}` : "";
    if (holder.step) {
      const step = holder.step;
      output.info(
        `${
          ended || `The run holding the migration lock, ${who}, is gone`
        }; it left ${step.direction} ` +
          `${step.revision} unfinished, so the lock row stays as the record of what ran`,
      );
      return {
        cleared: holder.alive ? cleared : null,
        dirty: dirtyReport({ ...step, stale: true }),
      };
    }
    if (!(await lock.clearDead(db.connection, holder, holder.alive))) {
      output.info("Another run took the lock over meanwhile: nothing to clear");
      return { cleared: null, dirty: null };
    }
    output.info(
      ended ? `${ended}, and cleared its lock` : `Cleared the migration lock held by ${who}`,
    );
    return { cleared, dirty: null };
  });
}

function aliveBecause(holder: LockHolder): string {
  if (holder.connections.length > 0) {
    return `its connection ${holder.connections[0]} holds the server's lock`;
  }
  return `it renewed its lease ${Math.max(0, Math.round(holder.ageMs / 1000))} s ago`;
}
