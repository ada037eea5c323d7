import type { Column } from "../schema/column.ts";
import type { ColumnType } from "../schema/column_type.ts";
import type { ColumnPlace, TablePlace } from "../schema/table.ts";
import { UnsupportedOperationError } from "./unsupported_operation.ts";

export type { ColumnPlace, TablePlace } from "../schema/table.ts";

/** `schema.table` or `table`, as the user wrote it, for messages. */
export function describeTable(place: TablePlace): string {
  return place.schema ? `${place.schema}.${place.table}` : place.table;
}

/** `schema.table.column`, for messages. */
export function describeColumn(place: ColumnPlace): string {
  return `${describeTable(place)}.${place.column}`;
}

/** An `UnsupportedOperationError` whose one line reads `<what>: <why>; <instead>`. */
export function unsupported(what: string, why: string, instead: string): UnsupportedOperationError {
  return new UnsupportedOperationError(`${what}: ${why}; ${instead}`);
}

/** True for the integer types that can autoincrement. */
export function isIntegerType(type: ColumnType): boolean {
  return type.name === "integer" || type.name === "smallint" || type.name === "bigint";
}

/** True when the column asks for generated values (`autoincrement` or `identity`). */
export function wantsGeneratedValues(column: Column): boolean {
  return column.autoincrement === true || column.identity !== undefined;
}

/** A date as `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
export function utcDateText(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new UnsupportedOperationError(
      "literal: the Date is invalid; pass a valid Date or a string",
    );
  }
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** Bytes as lowercase hexadecimal. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The bytes of a `Uint8Array`, `ArrayBuffer` or typed array view, or undefined for other values. */
export function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return undefined;
}

/** `NUMERIC`, `NUMERIC(p)` or `NUMERIC(p, s)`. */
export function numericType(precision?: number, scale?: number): string {
  if (precision === undefined) return "NUMERIC";
  return `NUMERIC(${precision}${scale === undefined ? "" : `, ${scale}`})`;
}

/** `NAME` or `NAME(n)`. */
export function sizedType(name: string, size?: number): string {
  return size === undefined ? name : `${name}(${size})`;
}
