import { RetortError } from "../errors.ts";
import type { MigrationStep } from "../revision/plan.ts";

/**
 * How many times a run plans again because another run moved the heads away from its plan
 * (not along it) before it gives up. Upgrades and downgrades started together would otherwise
 * undo each other's work for ever; a few replans absorb the usual overlap of two deploys.
 */
export const maxReplans = 3;

/**
 * A run's plan, and how far the run has got along it. The run asks it for the steps left
 * each time it reads the heads again; when another run moved them, it plans again towards
 * the same target, at most `maxReplans` times for moves away from the plan.
 *
 * @example
 * ```ts
 * const planner = new Planner((heads) => planUpgrade(map, heads, "head"), false);
 * const steps = planner.stepsFrom(await versionTable.read(tx));
 * // ... run steps[0] ...
 * planner.ran(1, headsAfter);
 * ```
 */
export class Planner {
  readonly done: MigrationStep[] = [];
  private remaining?: MigrationStep[];
  private expected?: readonly string[];
  private total = 0;
  /** Times another run moved the heads somewhere this run's plan does not pass through. */
  private changes = 0;

  private readonly checked = new Set<string>();

  constructor(
    private readonly plan: (heads: readonly string[]) => MigrationStep[],
    private readonly relative: boolean,
    private readonly preflight?: (steps: readonly MigrationStep[]) => Promise<void>,
  ) {}

  /** Runs the preflight on the steps not checked yet (a new plan after another run moved). */
  async check(steps: readonly MigrationStep[]): Promise<void> {
    const fresh = steps.filter((s) => !this.checked.has(`${s.direction}:${s.revision}`));
    if (fresh.length === 0 || !this.preflight) return;
    await this.preflight(fresh);
    for (const s of fresh) this.checked.add(`${s.direction}:${s.revision}`);
  }

  /** The steps left from `heads`: the rest of the plan if nobody else moved, else a new plan. */
  stepsFrom(heads: readonly string[]): MigrationStep[] {
    if (this.remaining && this.expected && sameSet(heads, this.expected)) return this.remaining;
    if (this.remaining && this.relative) {
      throw new RetortError(
        "CONCURRENT_CHANGE",
        "another retort run changed the database while this one waited, and the target was relative to where it was; " +
          "run the command again",
      );
    }
    const next = this.plan(heads);
    // Another run that did some of this plan's steps moved the heads along it: the rest of the
    // plan, fewer steps, all from it. Anything else is a change away from it, and counts.
    if (this.remaining && !isProgress(this.remaining, next) && ++this.changes > maxReplans) {
      throw new RetortError(
        "CONCURRENT_CHANGE",
        `another retort run changed the database ${this.changes} times while this one ran; ` +
          `the database is at ${
            heads.length > 0 ? heads.join(", ") : "<base>"
          }; run the command again`,
      );
    }
    this.remaining = next;
    this.total = this.done.length + this.remaining.length;
    this.expected = heads;
    return this.remaining;
  }

  /** Whether every planned step has run. */
  get finished(): boolean {
    return this.remaining !== undefined && this.remaining.length === 0;
  }

  /** Tells `onStep` that `step` starts, with its place in the whole run. */
  announce(
    context: { onStep?: (step: MigrationStep, index: number, total: number) => void },
    step: MigrationStep,
  ): MigrationStep {
    const index = this.done.length + this.remaining!.indexOf(step);
    context.onStep?.(step, index, this.total);
    return step;
  }

  /** Records a step run before planning: the one `--resume` finished. */
  resumed(step: MigrationStep): void {
    this.done.push(step);
  }

  /** Records that the first `count` steps left ran, leaving the database at `heads`. */
  ran(count: number, heads: readonly string[]): void {
    this.done.push(...this.remaining!.slice(0, count));
    this.remaining = this.remaining!.slice(count);
    this.expected = heads;
  }
}

/** Whether `next` is what is left of `remaining` after someone ran some of its steps. */
function isProgress(remaining: readonly MigrationStep[], next: readonly MigrationStep[]): boolean {
  const key = (s: MigrationStep) => `${s.direction}:${s.revision}`;
  const planned = new Set(remaining.map(key));
  return next.length < remaining.length && next.every((s) => planned.has(key(s)));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
