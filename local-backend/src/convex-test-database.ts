/**
 * convex-test's in-memory database class, reached once. convex-test does not export it, so its
 * prototype is found through `registerComponent`, which assigns the new component (with its
 * database) to a plain object by name: a one-time accessor on Object.prototype under a name no
 * code uses catches that assignment (the probe component is therefore never registered) and is
 * removed at once. What the local backend changes there (random-ids.ts, search-documents.ts) is
 * where convex-test differs from a deployment.
 */
import type { convexTest } from "convex-test";

const PROBE = "__localBackendDatabaseProbe__";

/** The database prototype's members the local backend wraps (convex-test's own names). */
export interface DatabasePrototype {
  _generateId(table: string): string;
  get(table: string, id: string): unknown;
  _resolveQuerySource(query: unknown): unknown;
  _iterateDocs(table: string, callback: (document: Record<string, unknown>) => void): void;
}

let found: DatabasePrototype | undefined;

/** convex-test's database prototype (the same for every instance in this process). */
export function databasePrototype(t: ReturnType<typeof convexTest>): DatabasePrototype {
  if (found) return found;
  let prototype: DatabasePrototype | undefined;
  Object.defineProperty(Object.prototype, PROBE, {
    configurable: true,
    set(component: { db?: object }) {
      prototype = component.db ? (Object.getPrototypeOf(component.db) as DatabasePrototype) : undefined;
    },
  });
  try {
    // A `_generated` key is what convex-test requires of a modules map; nothing is ever loaded.
    t.registerComponent(PROBE, null as never, { "probe/_generated/api.js": async () => ({}) });
  } finally {
    delete (Object.prototype as Record<string, unknown>)[PROBE];
  }
  if (!prototype) throw new Error("convex-test changed: cannot find its database (local-backend/src/convex-test-database.ts)");
  return (found = prototype);
}
