/**
 * Unguessable document ids. convex-test numbers documents in sequence ("10000counters",
 * "10001counters", …), but apps treat ids as capabilities, as they may on Convex, where ids are
 * random: Convex Auth's refresh tokens are session ids, so sequential ids let a page guess other
 * visitors' sessions. Here each id is random digits followed by the table name, the only shape
 * convex-test accepts (its `tableNameFromId`: leading digits, then the table), so `v.id(table)`,
 * `db.get` and `ctx.db.normalizeId` keep working unchanged.
 */
import { randomBytes } from "node:crypto";
import type { convexTest } from "convex-test";
import { databasePrototype } from "./convex-test-database.ts";

/** 30 random decimal digits: about 100 bits. */
const RANDOM_DIGITS = 30;
let installed = false;

function randomDigits(count: number): string {
  let digits = "";
  while (digits.length < count) {
    // Bytes below 250 map evenly onto 0-9 (250 = 25 × 10); the rest are dropped.
    for (const byte of randomBytes(count)) if (byte < 250 && digits.length < count) digits += String(byte % 10);
  }
  return digits;
}

/** A random id for `table` in convex-test's id format. */
export function randomId(table: string): string {
  return randomDigits(RANDOM_DIGITS) + table;
}

/** Makes every database of convex-test in this process generate random ids. Idempotent. */
export function installRandomIds(t: ReturnType<typeof convexTest>): void {
  if (installed) return;
  const prototype = databasePrototype(t);
  if (typeof prototype._generateId !== "function") {
    throw new Error("convex-test changed: cannot find its id generator (local-backend/src/random-ids.ts)");
  }
  prototype._generateId = function (this: { get(table: string, id: string): unknown }, table: string): string {
    for (;;) {
      const id = randomId(table);
      if (this.get(table, id) === null) return id; // a collision is ~2^-100, but costs nothing to rule out
    }
  };
  installed = true;
}
