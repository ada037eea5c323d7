import type { Dialect } from "../dialect/dialect.ts";
import type { OpBase } from "../ops/op.ts";
import type { OpSession } from "../ops/operation_definition.ts";
import type { OperationRegistry } from "../ops/operation_registry.ts";
import { OpQueue } from "./op_queue.ts";

/**
 * Turns one recorded operation into the operations that run instead (the `rewriteOp` chain);
 * `within` names the container op for a sub-op (a batch's).
 */
export type RewriteOp = (op: OpBase, within?: string) => Promise<readonly OpBase[]>;

/** Where and how a step's operations run. */
export interface PipelineContext {
  readonly registry: OperationRegistry;
  readonly dialect: Dialect;
  readonly session: OpSession;
  readonly log: (message: string) => void;
  readonly showProgress: boolean;
  /** The plugins' rewriters; none keeps every operation as recorded. */
  readonly rewrite?: RewriteOp;
}

/**
 * The one path every operation a migration records takes, online and `--sql` alike:
 * record -> `rewriteOp` chain (sub-operations of a container such as a batch too) -> queue
 * -> SQL (or the definition's own `execute`) -> the session. Operations run strictly in the
 * order they were recorded, whether or not the migration awaited each call.
 *
 * @example
 * ```ts
 * const pipeline = new OpPipeline({ registry, dialect, session, log, showProgress: false });
 * const op = createOperations(registry, (o) => pipeline.record(o));
 * await migrate({ op, ... });
 * await pipeline.drain();
 * ```
 */
export class OpPipeline {
  private readonly queue = new OpQueue((op) => this.carryOut(op));

  constructor(private readonly context: PipelineContext) {}

  /** Queues `op`; the promise settles when it (and what it was rewritten into) has run. */
  record(op: OpBase): Promise<void> {
    return this.queue.push(op);
  }

  /**
   * Queues work that must run after every operation recorded so far (a migration's `query`);
   * it settles with the work's result.
   */
  after<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.then(work);
  }

  /** Waits for every queued operation; throws the first failure. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async carryOut(op: OpBase): Promise<void> {
    for (const rewritten of await this.rewriteAll(op)) await this.run(rewritten);
  }

  /** The chain's output for `op`, each container's sub-operations rewritten in turn. */
  private async rewriteAll(op: OpBase): Promise<OpBase[]> {
    const rewrite = this.context.rewrite;
    if (!rewrite) return [op];
    const out: OpBase[] = [];
    for (const result of await rewrite(op)) {
      const subOps = this.context.registry.get(result.kind).subOps;
      if (!subOps) {
        out.push(result);
        continue;
      }
      const subs: OpBase[] = [];
      for (const sub of subOps.of(result)) subs.push(...(await rewrite(sub, result.kind)));
      out.push(subOps.with(result, subs));
    }
    return out;
  }

  private async run(op: OpBase): Promise<void> {
    const { registry, dialect, session } = this.context;
    const definition = registry.get(op.kind);
    if (definition.execute) {
      return definition.execute(op, {
        dialect,
        session,
        sqlFor: (other) => registry.sqlFor(other, dialect),
        log: this.context.log,
        showProgress: this.context.showProgress,
      });
    }
    for (const statement of registry.sqlFor(op, dialect)) {
      await session.execute(statement.sql, statement.params);
    }
  }
}
