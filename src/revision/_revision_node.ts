/**
 * The Revision objects a RevisionMap hands out: thin views over the graph arrays, with their
 * id lists built on first use.
 */
import type { Graph } from "./_graph.ts";
import type { Revision } from "./revision.ts";

/** One revision as a view on the graph. */
export class RevisionNode implements Revision {
  readonly revision: string;
  readonly order: number;
  readonly path?: string;
  readonly branchLabels: readonly string[];
  readonly #g: Graph;
  #down?: readonly string[];
  #deps?: readonly string[];
  #next?: readonly string[];

  constructor(g: Graph, order: number, branchLabels: readonly string[], path: string | undefined) {
    this.#g = g;
    this.revision = g.ids[order];
    this.order = order;
    this.branchLabels = branchLabels;
    if (path !== undefined) this.path = path;
  }

  get downRevisions(): readonly string[] {
    return (this.#down ??= this.#g.vdown[this.order].map((i) => this.#g.ids[i]));
  }

  get dependsOn(): readonly string[] {
    return (this.#deps ??= this.#g.deps[this.order].map((i) => this.#g.ids[i]));
  }

  get nextRevisions(): readonly string[] {
    return (this.#next ??= this.#g.vnext[this.order].map((i) => this.#g.ids[i]));
  }

  get allBranchLabels(): readonly string[] {
    return this.#g.labelsOf(this.order);
  }

  get isHead(): boolean {
    return this.#g.vnext[this.order].length === 0;
  }

  get isBase(): boolean {
    return this.#g.vdown[this.order].length === 0;
  }

  get isBranchPoint(): boolean {
    return this.#g.vnext[this.order].length > 1;
  }

  get isMergePoint(): boolean {
    return this.#g.vdown[this.order].length > 1;
  }

  /** A plain-object form, so JSON output and test assertions see every field. */
  toJSON(): Omit<Revision, "path"> & { path?: string } {
    return {
      revision: this.revision,
      downRevisions: this.downRevisions,
      dependsOn: this.dependsOn,
      branchLabels: this.branchLabels,
      allBranchLabels: this.allBranchLabels,
      nextRevisions: this.nextRevisions,
      order: this.order,
      isHead: this.isHead,
      isBase: this.isBase,
      isBranchPoint: this.isBranchPoint,
      isMergePoint: this.isMergePoint,
      ...(this.path === undefined ? {} : { path: this.path }),
    };
  }
}
