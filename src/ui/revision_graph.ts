/** What the drawing needs of a revision. */
export interface GraphNode {
  readonly id: string;
  /** Parents, first parent first. */
  readonly parents: readonly string[];
}

/**
 * Draws revisions as `git log --graph` does: one lane per open line of history, `*` for the
 * revision, `|\` where a merge opens lanes, `|/` where lanes join at a branch point and `/`
 * where lanes move left after a base ends one. `nodes` must list children before parents
 * (history order); `label` gives each row's text.
 *
 * @example
 * ```ts
 * drawGraph([{ id: "b", parents: ["a"] }, { id: "a", parents: [] }], (n) => n.id);
 * // ["* b", "* a"]
 * ```
 */
export function drawGraph<N extends GraphNode>(
  nodes: readonly N[],
  label: (node: N) => string,
): string[] {
  const lines: string[] = [];
  // lanes[i] is the revision that lane i (drawn at column 2i) waits for.
  const lanes: string[] = [];
  // The column where a base just ended its lane: a new line of history starting right there
  // would look like the base's parent, so a blank row keeps the two apart.
  let endedAt: number | undefined;

  for (const node of nodes) {
    let waiting = lanes.flatMap((lane, i) => (lane === node.id ? [i] : []));
    if (waiting.length === 0) {
      lanes.push(node.id);
      waiting = [lanes.length - 1];
      if (endedAt === waiting[0]) {
        lines.push(row(lanes.length, (set) => lanes.forEach((_, i) => i !== endedAt && set(2 * i, "|"))));
      }
    }
    endedAt = undefined;
    const column = waiting[0];
    // Other lanes waiting for this revision join the lane to their left, rightmost first.
    for (const lane of waiting.slice(1).reverse()) {
      lines.push(row(lanes.length, (set) => {
        for (let i = 0; i < lanes.length; i++) {
          if (i < lane) set(2 * i, "|");
          else set(2 * i - 1, "/");
        }
      }));
      lanes.splice(lane, 1);
    }
    lines.push(
      `${
        row(lanes.length, (set) => lanes.forEach((_, i) => set(2 * i, i === column ? "*" : "|")))
      } ${label(node)}`,
    );

    const [first, ...others] = node.parents;
    if (first === undefined) {
      lanes.splice(column, 1);
      if (column === lanes.length) endedAt = column;
      if (column < lanes.length) {
        lines.push(row(lanes.length + 1, (set) => {
          for (let i = 0; i < lanes.length; i++) {
            set(i < column ? 2 * i : 2 * i + 1, i < column ? "|" : "/");
          }
        }));
      }
      continue;
    }
    lanes[column] = first;
    if (others.length > 0) {
      lanes.splice(column + 1, 0, ...others);
      lines.push(row(lanes.length, (set) => {
        for (let i = 0; i < lanes.length; i++) {
          set(i <= column ? 2 * i : 2 * i - 1, i <= column ? "|" : "\\");
        }
      }));
    }
  }
  return lines;
}

/** One row of `width` lanes, drawn by `draw` placing characters at columns. */
function row(width: number, draw: (set: (at: number, char: string) => void) => void): string {
  const chars = Array<string>(Math.max(2 * width - 1, 1)).fill(" ");
  draw((at, char) => (chars[at] = char));
  return chars.join("").trimEnd();
}
