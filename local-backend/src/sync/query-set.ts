/**
 * The queries one connection subscribes to, with the last result sent for each, so that a
 * re-run after a commit sends only what changed.
 */
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { RequestError, toWireFailure } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import type { AddQuery, QueryId, StateModification } from "./protocol-types.ts";

type Subscription = { udfPath: string; args: Record<string, Value>; componentPath?: string; lastResult?: string };

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
    this.queries.set(query.queryId, { udfPath: query.udfPath, args, componentPath: query.componentPath || undefined });
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
      const value = convexToJson(await this.runtime.run("query", query.udfPath, query.args, identity, logLines));
      key = JSON.stringify(value);
      modification = { type: "QueryUpdated", queryId, value, logLines, journal: null };
    } catch (e) {
      const failure = toWireFailure(e, this.log);
      // The request id differs on every run; compare what the error says, not its id.
      key = "error:" + JSON.stringify([failure.errorMessage.replace(/^\[Request ID: \w+\] /, ""), failure.errorData]);
      modification = { type: "QueryFailed", queryId, ...failure, logLines, journal: null };
    }
    if (query.lastResult === key) return null;
    query.lastResult = key;
    return modification;
  }
}
