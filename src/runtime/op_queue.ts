import type { OpBase } from "../ops/op.ts";

/**
 * Runs operations strictly one after another in the order they were recorded, whether or
 * not the migration awaited each call. After the first failure nothing more runs, and
 * `drain()` rethrows that failure.
 */
export class OpQueue {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(private readonly execute: (op: OpBase) => Promise<void>) {}

  /** Queues `op`; the promise settles when it has run. */
  push(op: OpBase): Promise<void> {
    return this.then(() => this.execute(op));
  }

  /** Queues any work behind what is queued; the promise settles with its result. */
  then<T>(work: () => Promise<T>): Promise<T> {
    const done = this.tail.then(() => {
      if (this.failure) throw this.failure.error;
      return work();
    });
    this.tail = done.then(
      () => {},
      (error) => {
        this.failure ??= { error };
      },
    );
    done.catch(() => {}); // an un-awaited failing op is reported by drain(), not as unhandled
    return done;
  }

  /** Waits for every queued operation; throws the first failure. */
  async drain(): Promise<void> {
    await this.tail;
    if (this.failure) throw this.failure.error;
  }
}
