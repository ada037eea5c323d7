/**
 * Lays out a TypeScript expression or statement that retort rendered on one line the way
 * `deno fmt` leaves it: what fits in the line width stays on one line; a call whose last
 * argument is an array, object or arrow function hangs that argument; anything else too long
 * puts each element on its own line with a trailing comma. Blocks (`{ a; b; }` after `=>`)
 * put each statement on its own line. Only the shapes retort renders are understood.
 *
 * @example
 * ```ts
 * formatTs('await op.createTable("users", [t.column("id", t.integer())]);', 2, 40);
 * ```
 */
export function formatTs(code: string, indent = 0, width = 80): string {
  const nodes = parse(tokenize(code));
  return print(nodes, indent, indent, width);
}

type Node =
  | { readonly kind: "text"; readonly text: string }
  | {
    readonly kind: "group";
    readonly open: string;
    readonly close: string;
    /** Elements, split at top-level commas (or `;` for a block). */
    readonly items: Node[][];
    readonly block: boolean;
  };

/** Tokens: strings and template literals whole, brackets, commas, semicolons, the rest. */
function tokenize(code: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === "\\" ? 2 : 1;
      tokens.push(code.slice(i, j + 1));
      i = j + 1;
    } else if ("()[]{},;".includes(c)) {
      tokens.push(c);
      i++;
    } else if (/\s/.test(c)) {
      tokens.push(" ");
      while (i < code.length && /\s/.test(code[i])) i++;
    } else {
      let j = i;
      while (j < code.length && !/[\s"'`()[\]{},;]/.test(code[j])) j++;
      tokens.push(code.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

const closing: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

function parse(tokens: string[]): Node[] {
  let at = 0;
  const sequence = (until?: string): Node[][] => {
    const items: Node[][] = [[]];
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token === until) return items;
      if (token === "," || (token === ";" && until === "}")) {
        items.push([]);
        continue;
      }
      if (token in closing) {
        const before = items.at(-1)!.filter((n) => !(n.kind === "text" && n.text === " "));
        const afterArrow = before.at(-1)?.kind === "text" && (before.at(-1) as { text: string }).text === "=>";
        const inner = sequence(closing[token]);
        const block = token === "{" && afterArrow;
        items.at(-1)!.push({ kind: "group", open: token, close: closing[token], items: trim(inner), block });
        continue;
      }
      items.at(-1)!.push({ kind: "text", text: token });
    }
    return items;
  };
  const [only] = sequence();
  return only;
}

/** Elements without leading/trailing spaces, and without an empty last one (a trailing comma). */
function trim(items: Node[][]): Node[][] {
  const out = items.map((item) => {
    let start = 0;
    let end = item.length;
    const space = (n: Node) => n.kind === "text" && n.text === " ";
    while (start < end && space(item[start])) start++;
    while (end > start && space(item[end - 1])) end--;
    return item.slice(start, end);
  });
  if (out.length > 0 && out.at(-1)!.length === 0) out.pop();
  return out;
}

/**
 * A string literal in the quotes `deno fmt` picks: double, unless the text holds more double
 * quotes than single ones.
 */
function requoted(token: string): string {
  if (!token.startsWith('"')) return token;
  const text = JSON.parse(token) as string;
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return token;
  return `'${JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

function flat(nodes: readonly Node[]): string {
  return nodes.map((node) => {
    if (node.kind === "text") return requoted(node.text);
    if (node.block) return "MULTILINE"; // a block never goes on one line
    const inner = node.items.map(flat).join(", ");
    if (node.open === "{" && inner !== "") return `{ ${inner} }`;
    return `${node.open}${inner}${node.close}`;
  }).join("");
}

/** `nodes` printed starting at `column`, continuation lines at `indent`. */
function print(nodes: readonly Node[], indent: number, column: number, width: number): string {
  const one = flat(nodes);
  if (!one.includes("MULTILINE") && column + one.length <= width) return one;
  let out = "";
  let col = column;
  nodes.forEach((node, i) => {
    if (node.kind === "text") {
      const text = requoted(node.text);
      out += text;
      col += text.length;
      return;
    }
    const rest = flat(nodes.slice(i + 1));
    const text = group(node, indent, col, width, rest.length);
    out += text;
    col = text.includes("\n") ? text.length - text.lastIndexOf("\n") - 1 : col + text.length;
  });
  return out;
}

function group(node: Node & { kind: "group" }, indent: number, column: number, width: number, after: number): string {
  const pad = " ".repeat(indent + 2);
  if (node.block) {
    if (node.items.length === 0) return "{}";
    const lines = node.items.map((item) => `${pad}${print(item, indent + 2, indent + 2, width)};`);
    return `{\n${lines.join("\n")}\n${" ".repeat(indent)}}`;
  }
  const one = flat([node]);
  if (!one.includes("MULTILINE") && column + one.length + after <= width) return one;
  if (node.items.length === 0) return `${node.open}${node.close}`;
  // a call whose last argument is a bracketed value: the others stay, the last one hangs
  const last = node.items.at(-1)!;
  const hangs = node.open === "(" && last.length >= 1 &&
    last.some((n) => n.kind === "group" && n.open !== "(") && node.items.length >= 1;
  if (hangs) {
    const head = node.items.slice(0, -1).map(flat);
    const start = `(${head.join(", ")}${head.length ? ", " : ""}`;
    if (!head.some((h) => h.includes("MULTILINE")) && column + start.length < width) {
      const tail = print(last, indent, column + start.length, width);
      const fits = !tail.includes("\n")
        ? column + start.length + tail.length + 1 + after <= width
        : true;
      if (fits) return `${start}${tail})`;
    }
  }
  const lines = node.items.map((item) => `${pad}${print(item, indent + 2, indent + 2, width)},`);
  return `${node.open}\n${lines.join("\n")}\n${" ".repeat(indent)}${node.close}`;
}
