import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Op } from "../../src/ops/op.ts";
import { createOperations } from "../../src/ops/operations.ts";
import { registry } from "../_ops.ts";
import { OpQueue } from "../../src/runtime/op_queue.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("OpQueue", () => {
  it("runs un-awaited operations in call order, one at a time", async () => {
    const ran: string[] = [];
    let running = 0;
    const queue = new OpQueue(async (op) => {
      running++;
      assert.equal(running, 1);
      await delay(op.kind === "dropTable" ? 5 : 0);
      ran.push(op.kind === "dropTable" ? (op as Op & { table: string }).table : "?");
      running--;
    });
    const op = createOperations(registry, (o) => queue.push(o));
    op.dropTable("a"); // no await, on purpose
    op.dropTable("b");
    await op.dropTable("c");
    op.dropTable("d");
    await queue.drain();
    assert.deepEqual(ran, ["a", "b", "c", "d"]);
  });

  it("stops at the first failure and reports it from drain, never as an unhandled rejection", async () => {
    const ran: Op[] = [];
    const queue = new OpQueue((op) => {
      if ((op as Op & { sql?: string }).sql === "bad") return Promise.reject(new Error("boom"));
      ran.push(op as Op);
      return Promise.resolve();
    });
    const op = createOperations(registry, (o) => queue.push(o));
    op.execute("good");
    op.execute("bad");
    op.execute("never");
    await assert.rejects(queue.drain(), /boom/);
    assert.equal(ran.length, 1);
  });
});
