/**
 * Search queries skip documents whose search field is missing or not a string, as a deployment's
 * search index does (such documents are simply not in it). convex-test reads the field of every
 * document of the table and calls `.split` on it, so one document without the field (an optional
 * field, as `conversations.searchText`) made every search of the table throw.
 */
import type { convexTest } from "convex-test";
import { databasePrototype, type DatabasePrototype } from "./convex-test-database.ts";

interface SearchSource {
  type: "Search";
  filters: { type: string; fieldPath: string }[];
}

let installed = false;

function fieldAt(document: Record<string, unknown>, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Makes every database of convex-test in this process search as a deployment does. Idempotent. */
export function installSearchOverIndexedDocuments(t: ReturnType<typeof convexTest>): void {
  if (installed) return;
  const prototype = databasePrototype(t);
  const resolve = prototype._resolveQuerySource;
  const iterate = prototype._iterateDocs;
  if (typeof resolve !== "function" || typeof iterate !== "function") {
    throw new Error("convex-test changed: cannot find its query source (local-backend/src/search-documents.ts)");
  }
  prototype._resolveQuerySource = function (this: DatabasePrototype, query: { source?: SearchSource }) {
    const source = query.source;
    if (source?.type !== "Search") return resolve.call(this, query);
    const searched = source.filters.filter((filter) => filter.type === "Search").map((filter) => filter.fieldPath);
    // Only for this call: the documents offered to the search are those the index would hold.
    this._iterateDocs = (table, callback) =>
      iterate.call(this, table, (document) => {
        if (searched.every((path) => typeof fieldAt(document, path) === "string")) callback(document);
      });
    try {
      return resolve.call(this, query);
    } finally {
      delete (this as Partial<DatabasePrototype>)._iterateDocs;
    }
  };
  installed = true;
}
