import type { ForeignKey, Index, IndexColumn } from "../../schema/constraint.ts";
import { sql } from "../../schema/sql_fragment.ts";

/** One key part: one row of `information_schema.STATISTICS`. */
export interface MysqlIndexPart {
  /** Null for a functional key part (MySQL 8.0.13+). */
  readonly column: string | null;
  /** `SUB_PART`: the prefix length, or null for the whole column. */
  readonly prefix: number | null;
  /** `COLLATION`: `A`, `D` (descending) or null. */
  readonly order: string | null;
  /** `EXPRESSION` of a functional key part (MySQL 8.0.13+), else null. */
  readonly expression: string | null;
}

/** An index as `information_schema.STATISTICS` describes it, its parts in `SEQ_IN_INDEX` order. */
export interface MysqlIndexRows {
  readonly name: string;
  readonly unique: boolean;
  /** `INDEX_TYPE`: BTREE, HASH, FULLTEXT, SPATIAL (RTREE)... */
  readonly type: string;
  readonly parts: readonly MysqlIndexPart[];
}

/** An identifier in backticks. */
export function quoteMysqlName(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}

/**
 * True when every part is a whole column in ascending order, so the index is exactly what a
 * `UNIQUE (a, b)` constraint creates (MySQL keeps the two as one thing).
 */
export function isPlainKey(index: MysqlIndexRows): boolean {
  return !isFulltextOrSpatial(index) &&
    index.parts.every((p) =>
      p.column !== null && p.prefix === null && p.expression === null && p.order !== "D"
    );
}

function isFulltextOrSpatial(index: MysqlIndexRows): boolean {
  return /^(FULLTEXT|SPATIAL|RTREE)$/i.test(index.type);
}

/**
 * The model's index: plain columns by name, a prefix or a descending part as an `IndexKey`
 * (`{ column, length, descending }`), a functional part (MySQL 8) as its expression; FULLTEXT
 * and SPATIAL indexes carry `using: "FULLTEXT"` / `"SPATIAL"`.
 *
 * @example
 * ```ts
 * mysqlIndex({ name: "ix", unique: false, type: "BTREE",
 *   parts: [{ column: "s", prefix: 10, order: "A", expression: null }] });
 * // { name: "ix", columns: [{ column: "s", length: 10 }], unique: false }
 * ```
 */
export function mysqlIndex(index: MysqlIndexRows): Index {
  const columns = index.parts.map((p): IndexColumn => {
    const descending = p.order === "D";
    if (p.column === null) {
      const expression = p.expression ?? "";
      return descending ? { sql: expression, descending } : sql(expression);
    }
    if (p.prefix === null && !descending) return p.column;
    return {
      column: p.column,
      ...(p.prefix === null ? {} : { length: p.prefix }),
      ...(descending ? { descending } : {}),
    };
  });
  const type = index.type.toUpperCase();
  return {
    name: index.name,
    columns,
    unique: index.unique,
    ...(isFulltextOrSpatial(index) ? { using: type === "RTREE" ? "SPATIAL" : type } : {}),
  };
}

/**
 * True when `index` looks like the one MySQL and MariaDB create by themselves for a foreign
 * key that has no usable index: not unique, the foreign key's columns exactly, and named
 * after the constraint (or, for an unnamed constraint, after its first column, possibly with
 * a `_2` suffix). A reflected table lists it in `indexes`; autogenerate can leave it alone
 * when the declared table does not have it. (The server drops it by itself when another
 * index that can serve the foreign key is created.)
 *
 * @example
 * ```ts
 * isForeignKeyIndex({ name: "fk_org", columns: ["org"], unique: false }, table.foreignKeys);
 * ```
 */
export function isForeignKeyIndex(index: Index, foreignKeys: readonly ForeignKey[]): boolean {
  if (index.unique || index.using !== undefined) return false;
  return foreignKeys.some((fk) =>
    fk.columns.length === index.columns.length &&
    fk.columns.every((c, i) => index.columns[i] === c) &&
    (index.name === fk.name ||
      new RegExp(`^${escapeRegExp(fk.columns[0])}(_\\d+)?$`).test(index.name))
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
