/**
 * Each table's committed document ids, so that reading a table visits that table only. convex-test
 * keeps every table's documents in one object and, for every query (an index range or a full
 * scan), lists all of its keys and parses each id's table name: a query cost as much as the whole
 * database, and grew with every other table. Here each database keeps a set of ids per table,
 * updated when a top-level transaction commits (the only place convex-test changes committed
 * documents); pending writes of the open transaction are added as convex-test adds them. The
 * documents visited and their order are the same as convex-test's.
 */
import type { convexTest } from "convex-test";
import { databasePrototype } from "./convex-test-database.ts";

interface Database {
  _documents: Record<string, unknown>;
  _writes: Array<Record<string, unknown>>;
  get(table: string, id: string): Record<string, unknown> | null;
  commit(commitTs?: unknown): void;
  _iterateDocs(table: string, callback: (document: Record<string, unknown>) => void): void;
}

/** convex-test's id format: leading digits, then the table name (random-ids.ts). */
const tableOf = (id: string): string => id.replace(/^[0-9]+/, "");

const idsByDatabase = new WeakMap<Database, Map<string, Set<string>>>();
let installed = false;

/** The database's id sets, built from its committed documents on first use. */
function tables(db: Database): Map<string, Set<string>> {
  let byTable = idsByDatabase.get(db);
  if (!byTable) {
    byTable = new Map();
    for (const id of Object.keys(db._documents)) idsOf(byTable, tableOf(id)).add(id);
    idsByDatabase.set(db, byTable);
  }
  return byTable;
}

function idsOf(byTable: Map<string, Set<string>>, table: string): Set<string> {
  let ids = byTable.get(table);
  if (!ids) byTable.set(table, (ids = new Set()));
  return ids;
}

/** Makes every database of convex-test in this process read a table by that table's ids. Idempotent. */
export function installTableIds(t: ReturnType<typeof convexTest>): void {
  if (installed) return;
  const prototype = databasePrototype(t) as unknown as Database;
  const { commit, _iterateDocs } = prototype;
  if (typeof commit !== "function" || typeof _iterateDocs !== "function") {
    throw new Error("convex-test changed: cannot find its commit or table scan (local-backend/src/table-ids.ts)");
  }
  prototype.commit = function (this: Database, commitTs?: unknown) {
    const byTable = tables(this);
    // Only the top-level commit writes committed documents; a nested one merges into its parent.
    const applied = this._writes.length === 1 ? Object.keys(this._writes[0]) : [];
    commit.call(this, commitTs);
    for (const id of applied) {
      const ids = idsOf(byTable, tableOf(id));
      if (this._documents[id] === undefined) ids.delete(id);
      else ids.add(id);
    }
  };
  prototype._iterateDocs = function (this: Database, table, callback) {
    const ids = new Set(tables(this).get(table));
    for (const layer of this._writes) for (const id of Object.keys(layer)) if (tableOf(id) === table) ids.add(id);
    for (const id of ids) {
      const document = this.get(table, id);
      if (document !== null) callback(document);
    }
  };
  installed = true;
}
