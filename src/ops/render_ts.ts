import type { Column } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import { isSqlFragment } from "../schema/sql_fragment.ts";

/**
 * A value written as TypeScript source: strings quoted, raw SQL as `` sql`...` ``, plain
 * objects with bare keys where they are identifiers; undefined fields left out.
 *
 * @example
 * ```ts
 * tsValue({ unique: true, name: "ix_a" }); // '{ unique: true, name: "ix_a" }'
 * ```
 */
export function tsValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (isSqlFragment(value) && Object.keys(value).length === 1) return sqlTemplate(value.sql);
  if (Array.isArray(value)) return `[${value.map(tsValue).join(", ")}]`;
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsValue(v)}`).join(", ")} }`;
  }
  return JSON.stringify(String(value));
}

/** `` sql`...` `` with backticks, backslashes and `${` escaped. */
export function sqlTemplate(text: string): string {
  return `sql\`${text.replace(/[\\`]|\$\{/g, (m) => `\\${m}`)}\``;
}

function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * A column type as the `t.*` call that makes it.
 *
 * @example
 * ```ts
 * tsType({ name: "varchar", length: 255 }); // "t.varchar(255)"
 * ```
 */
export function tsType(type: ColumnType): string {
  switch (type.name) {
    case "varchar":
    case "char":
      return `t.${type.name}(${type.length ?? ""})`;
    case "numeric": {
      const args = [type.precision, type.scale].filter((v) => v !== undefined);
      return `t.numeric(${args.join(", ")})`;
    }
    case "time":
    case "timestamp": {
      const options = tsValue({
        tz: type.withTimezone || undefined,
        precision: type.precision,
      });
      return `t.${type.name}(${options === "{}" ? "" : options})`;
    }
    case "enum": {
      const name = type.enumName === undefined ? "" : `, ${tsValue({ name: type.enumName })}`;
      return `t.enum(${tsValue(type.values)}${name})`;
    }
    case "raw":
      return `t.raw(${JSON.stringify(type.sql)})`;
    default:
      return `t.${type.name}()`;
  }
}

/** A column as its `t.column(name, type, options)` call. */
export function tsColumn(column: Column): string {
  const { name, type, ...options } = column;
  const rest = tsValue(options);
  return `t.column(${JSON.stringify(name)}, ${tsType(type)}${rest === "{}" ? "" : `, ${rest}`})`;
}

/**
 * `op.<name>(args...)`, leaving out trailing undefined arguments and empty option objects.
 *
 * @example
 * ```ts
 * tsCall("dropTable", ["users", {}]); // 'op.dropTable("users")'
 * ```
 */
export function tsCall(name: string, args: readonly (string | undefined)[]): string {
  const list = [...args];
  while (list.length && (list.at(-1) === undefined || list.at(-1) === "{}")) list.pop();
  return `op.${name}(${list.map((a) => a ?? "undefined").join(", ")})`;
}
