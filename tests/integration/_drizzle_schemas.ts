// Drizzle schema modules as a user writes them, one per database, for the drizzle plugin's
// round trips (in process, through the CLI and through the binary). Each has columns of
// many types, literal, sql and now() defaults, a client-side $defaultFn, single and
// composite primary keys, foreign keys with actions, unique columns and constraints, a check,
// plain and unique indexes, and an enum.
import type { DatabaseKind } from "./_databases.ts";

const sqlite = `import { sql } from "drizzle-orm";
import { blob, check, foreignKey, index, integer, numeric, primaryKey, real, sqliteTable, text, unique, uniqueIndex } from "drizzle-orm/sqlite-core";

export const accounts = sqliteTable("accounts", {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
  name: text({ length: 40 }).notNull().default("it's me"),
  plan: text({ enum: ["free", "pro"] }).notNull().default("free"),
  active: integer({ mode: "boolean" }).notNull().default(true),
  balance: real().default(1.5),
  price: numeric(),
  avatar: blob(),
  createdAt: text("created_at").default(sql\`CURRENT_TIMESTAMP\`),
  seenAt: integer("seen_at", { mode: "timestamp" }).default(sql\`(unixepoch())\`),
  token: text().$defaultFn(() => crypto.randomUUID()),
}, (t) => [
  check("ck_accounts_balance", sql\`\${t.balance} >= 0\`),
  index("ix_accounts_name").on(t.name),
  uniqueIndex("ux_accounts_plan_name").on(t.plan, t.name),
]);

export const orders = sqliteTable("orders", {
  id: integer().primaryKey(),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  note: text(),
});

export const orderTags = sqliteTable("order_tags", {
  orderId: integer("order_id").notNull(),
  tag: text().notNull(),
}, (t) => [
  primaryKey({ columns: [t.orderId, t.tag] }),
  foreignKey({ name: "fk_order_tags_order", columns: [t.orderId], foreignColumns: [orders.id] }).onDelete("cascade").onUpdate("restrict"),
  unique("uq_order_tags_tag_order").on(t.tag, t.orderId),
]);
`;

const postgres = `import { sql } from "drizzle-orm";
import {
  bigint, boolean, char, check, customType, date, doublePrecision, foreignKey, index, integer, json, jsonb,
  numeric, pgEnum, pgTable, primaryKey, real, serial, smallint, text, time, timestamp, unique, uniqueIndex, uuid, varchar,
} from "drizzle-orm/pg-core";

export const plan = pgEnum("plan", ["free", "pro"]);
export const mood = pgEnum("mood", ["sad", "ok", "happy"]); // used by no column
const bytea = customType<{ data: Uint8Array }>({ dataType: () => "bytea" });

export const accounts = pgTable("accounts", {
  id: serial().primaryKey(),
  email: varchar({ length: 255 }).notNull().unique(),
  name: varchar({ length: 40 }).notNull().default("it's me"),
  code: char({ length: 3 }),
  plan: plan().notNull().default("free"),
  active: boolean().notNull().default(true),
  small: smallint().default(0),
  big: bigint({ mode: "number" }).default(-12),
  price: numeric({ precision: 10, scale: 2 }).default("9.50"),
  ratio: real(),
  score: doublePrecision().default(1.25),
  born: date({ mode: "date" }).default(new Date("2000-01-01T00:00:00Z")),
  wakes: time(),
  createdAt: timestamp("created_at").notNull().defaultNow(),
  seenAt: timestamp("seen_at", { withTimezone: true, precision: 3 }).default(sql\`now()\`),
  meta: json().default({ tags: [] }),
  doc: jsonb(),
  token: uuid().defaultRandom(),
  avatar: bytea(),
  total: integer().default(sql\`(1 + 2)\`),
  ticket: integer().generatedAlwaysAsIdentity({ startWith: 100 }),
  nick: text().$defaultFn(() => "client side"),
}, (t) => [
  check("ck_accounts_small", sql\`\${t.small} >= 0\`),
  index("ix_accounts_name").on(t.name),
  uniqueIndex("ux_accounts_code_small").on(t.code, t.small),
]);

export const orders = pgTable("orders", {
  id: integer().primaryKey(),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  note: text(),
});

export const orderTags = pgTable("order_tags", {
  orderId: integer("order_id").notNull(),
  tag: text().notNull(),
}, (t) => [
  primaryKey({ columns: [t.orderId, t.tag] }),
  foreignKey({ name: "fk_order_tags_order", columns: [t.orderId], foreignColumns: [orders.id] }).onDelete("cascade").onUpdate("restrict"),
  unique("uq_order_tags_tag_order").on(t.tag, t.orderId),
]);
`;

const mysql = `import { sql } from "drizzle-orm";
import {
  bigint, boolean, char, check, date, datetime, decimal, double, float, foreignKey, index, int, json,
  mysqlEnum, mysqlTable, primaryKey, serial, smallint, text, time, timestamp, tinyint, unique, uniqueIndex, varchar,
} from "drizzle-orm/mysql-core";

export const accounts = mysqlTable("accounts", {
  id: int().autoincrement().primaryKey(),
  email: varchar({ length: 255 }).notNull().unique(),
  name: varchar({ length: 40 }).notNull().default("it's me"),
  code: char({ length: 3 }),
  plan: mysqlEnum(["free", "pro"]).notNull().default("free"),
  active: boolean().notNull().default(true),
  small: smallint().default(0),
  big: bigint({ mode: "number" }).default(-12),
  price: decimal({ precision: 10, scale: 2 }).default("9.50"),
  ratio: float(),
  score: double().default(1.25),
  born: date({ mode: "string" }).default("2000-01-01"),
  wakes: time(),
  createdAt: timestamp("created_at").notNull().defaultNow(),
  updatedAt: datetime("updated_at", { fsp: 3 }).default(sql\`CURRENT_TIMESTAMP(3)\`),
  meta: json(),
  flags: tinyint(),
  bio: text(),
  total: int().default(sql\`(1 + 2)\`),
  nick: text().$defaultFn(() => "client side"),
}, (t) => [
  check("ck_accounts_small", sql\`\${t.small} >= 0\`),
  index("ix_accounts_name").on(t.name),
  uniqueIndex("ux_accounts_code_small").on(t.code, t.small),
]);

export const orders = mysqlTable("orders", {
  id: serial().primaryKey(),
  accountId: int("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  note: text(),
});

export const orderTags = mysqlTable("order_tags", {
  orderId: bigint("order_id", { mode: "number", unsigned: true }).notNull(),
  tag: varchar({ length: 30 }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.orderId, t.tag] }),
  foreignKey({ name: "fk_order_tags_order", columns: [t.orderId], foreignColumns: [orders.id] }).onDelete("cascade").onUpdate("restrict"),
  unique("uq_order_tags_tag_order").on(t.tag, t.orderId),
]);
`;

/** The first schema module for `kind`. */
export function drizzleSchema(kind: DatabaseKind): string {
  return { sqlite, postgres, mysql }[kind];
}

/** The same schema one change on: a column and an index added to `orders`. */
export function changedDrizzleSchema(kind: DatabaseKind): string {
  const shipped = kind === "sqlite" ? `integer({ mode: "boolean" })` : "boolean()";
  return drizzleSchema(kind)
    .replace(
      "  note: text(),\n});",
      `  note: text(),\n  shipped: ${shipped}.notNull().default(false),\n}, (t) => [index("ix_orders_account_shipped").on(t.accountId, t.shipped)]);`,
    );
}
