/**
 * Reading a table visits that table's documents only (src/table-ids.ts), and sees exactly what
 * convex-test's own scan sees: committed documents in commit order, the open transaction's
 * inserts, patches and deletes, nothing of a rolled-back transaction.
 */
import { convexTest } from "convex-test";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { describe, expect, it } from "vitest";
import { databasePrototype } from "../src/convex-test-database.ts";
import { installTableIds } from "../src/table-ids.ts";

const schema = defineSchema({
  items: defineTable({ rank: v.number() }).index("by_rank", ["rank"]),
  others: defineTable({ rank: v.number() }),
});
const newTest = () => {
  const t = convexTest(schema, { "convex/_generated/api.js": async () => ({}) });
  installTableIds(t);
  return t;
};

describe("reading a table by its own ids", () => {
  it("sees committed documents in order, and the open transaction's writes", async () => {
    const t = newTest();
    const ids = await t.run(async (ctx) => {
      const inserted = [];
      for (let rank = 0; rank < 6; rank++) {
        inserted.push(await ctx.db.insert("items", { rank }));
        await ctx.db.insert("others", { rank });
      }
      return inserted;
    });
    await t.run(async (ctx) => {
      await ctx.db.delete(ids[1]);
      await ctx.db.patch(ids[4], { rank: 40 });
    });
    const seen = await t.run(async (ctx) => {
      await ctx.db.insert("items", { rank: 7 });
      await ctx.db.delete(ids[2]);
      return {
        scan: (await ctx.db.query("items").collect()).map((item) => item.rank),
        byIndex: (
          await ctx.db
            .query("items")
            .withIndex("by_rank", (q) => q.gte("rank", 3))
            .collect()
        ).map((item) => item.rank),
        others: (await ctx.db.query("others").collect()).length,
      };
    });
    expect(seen).toEqual({ scan: [0, 3, 40, 5, 7], byIndex: [3, 5, 7, 40], others: 6 });
    // The open transaction's writes were committed with it.
    expect((await t.run(async (ctx) => ctx.db.query("items").collect())).map((item) => item.rank)).toEqual([0, 3, 40, 5, 7]);
  });

  it("drops the writes of a rolled-back transaction", async () => {
    const t = newTest();
    await t.run(async (ctx) => void (await ctx.db.insert("items", { rank: 1 })));
    await expect(
      t.run(async (ctx) => {
        await ctx.db.insert("items", { rank: 2 });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await t.run(async (ctx) => ctx.db.query("items").collect())).map((item) => item.rank)).toEqual([1]);
  });

  it("never lists the whole database to read one table", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let rank = 0; rank < 50; rank++) await ctx.db.insert("others", { rank });
      await ctx.db.insert("items", { rank: 1 });
    });
    // From here on, listing every document (what convex-test's scan does) fails the read.
    const prototype = databasePrototype(t) as unknown as { get(this: { _documents: object }, ...args: unknown[]): unknown };
    const get = prototype.get;
    const guarded = new WeakSet<object>();
    prototype.get = function (...args) {
      if (!guarded.has(this._documents)) {
        const documents = new Proxy(this._documents, {
          ownKeys: () => {
            throw new Error("listed every document");
          },
        });
        guarded.add(documents);
        this._documents = documents;
      }
      return get.apply(this, args);
    };
    try {
      const read = await t.run(async (ctx) => {
        await ctx.db.get((await ctx.db.query("others").first())!._id);
        return (await ctx.db.query("items").withIndex("by_rank").collect()).map((item) => item.rank);
      });
      expect(read).toEqual([1]);
    } finally {
      prototype.get = get;
    }
  });
});
