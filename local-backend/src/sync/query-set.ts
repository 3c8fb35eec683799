/**
 * The queries one connection subscribes to, with the last result sent for each, so that a
 * re-run after a commit sends only what changed.
 */
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { RequestError, toWireFailure } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { runWithJournal } from "./journal.ts";
import { canonicalizeUdfPath, type AddQuery, type QueryId, type StateModification } from "./protocol-types.ts";

type Subscription = {
  udfPath: string;
  args: Record<string, Value>;
  componentPath?: string;
  lastResult?: string;
  /** The journal of the last run (journal.ts), or the one the client sent with the query. */
  journal: string | null;
  /** What a journal is bound to: this query's path and arguments. */
  binding: string;
};

/** Only admin auth may call a component's functions directly, so the local backend never does. */
export const COMPONENT_REFUSED = "Only admin auth may call functions of a component.";

export class QuerySet {
  private readonly queries = new Map<QueryId, Subscription>();

  constructor(private readonly runtime: Runtime, private readonly log: (line: string) => void) {}

  get size(): number {
    return this.queries.size;
  }

  ids(): QueryId[] {
    return [...this.queries.keys()];
  }

  add(query: AddQuery): void {
    const args = (jsonToConvex(query.args[0] ?? {}) ?? {}) as Record<string, Value>;
    const binding = JSON.stringify([canonicalizeUdfPath(query.udfPath), query.args[0] ?? {}]);
    this.queries.set(query.queryId, {
      udfPath: query.udfPath, args, componentPath: query.componentPath || undefined, journal: query.journal ?? null, binding,
    });
  }

  remove(queryId: QueryId): boolean {
    return this.queries.delete(queryId);
  }

  clear(): void {
    this.queries.clear();
  }

  /** Runs the given queries as `identity`; returns a modification for each result that changed. */
  async evaluate(ids: QueryId[], identity: UserIdentity | null): Promise<StateModification[]> {
    const results = await Promise.all(ids.map((id) => this.evaluateOne(id, identity)));
    return results.filter((m): m is StateModification => m !== null);
  }

  private async evaluateOne(queryId: QueryId, identity: UserIdentity | null): Promise<StateModification | null> {
    const query = this.queries.get(queryId);
    if (!query) return null;
    let modification: StateModification;
    let key: string;
    const logLines: string[] = [];
    try {
      if (query.componentPath) throw new RequestError(COMPONENT_REFUSED);
      const run = await runWithJournal(query.binding, query.journal, () =>
        this.runtime.run("query", query.udfPath, query.args, identity, logLines));
      const value = convexToJson(run.value);
      query.journal = run.journal;
      key = JSON.stringify([value, run.journal]);
      modification = { type: "QueryUpdated", queryId, value, logLines, journal: run.journal };
    } catch (e) {
      const failure = toWireFailure(e, this.log);
      // The request id differs on every run; compare what the error says, not its id.
      key = "error:" + JSON.stringify([failure.errorMessage.replace(/^\[Request ID: \w+\] /, ""), failure.errorData]);
      modification = { type: "QueryFailed", queryId, ...failure, logLines, journal: query.journal };
    }
    if (query.lastResult === key) return null;
    query.lastResult = key;
    return modification;
  }
}
