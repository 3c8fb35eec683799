/**
 * The queries one connection subscribes to, with the last result sent for each, so that a
 * re-run after a commit sends only what changed. Every commit re-runs every subscription of every
 * connection here, so one connection may hold at most {@link MAX_SUBSCRIPTIONS_PER_CONNECTION}:
 * more would slow every other client (3,000 on one socket took others from 10 ms to over a
 * second). A query added over the cap is answered with a QueryFailed saying so, and never run.
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
  /** Set when the query was added over the cap: it never runs. */
  refused?: true;
};

/** Subscriptions one connection may hold; a tab of the widget or the console uses a few dozen. At
 * the cap, one connection adds about 0.2 s to what other clients wait for a commit (3,000 added over 1 s). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 200;
export const OVER_CAP_MESSAGE =
  `Too many subscriptions on one connection: the local backend runs at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} ` +
  "queries per client, so this one was not run. Unsubscribe from queries you no longer use.";

/** Only admin auth may call a component's functions directly, so the local backend never does. */
export const COMPONENT_REFUSED = "Only admin auth may call functions of a component.";

export class QuerySet {
  private readonly queries = new Map<QueryId, Subscription>();
  private active = 0;

  /** @param logFailure logs an unexpected failure of a query (the caller decides how often). */
  constructor(
    private readonly runtime: Runtime,
    private readonly logFailure: (line: string) => void,
  ) {}

  get size(): number {
    return this.queries.size;
  }

  ids(): QueryId[] {
    return [...this.queries.keys()];
  }

  add(query: AddQuery): void {
    this.remove(query.queryId);
    const subscription: Subscription = { udfPath: query.udfPath, args: {}, journal: query.journal ?? null, binding: "" };
    if (this.active >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      subscription.refused = true;
    } else {
      subscription.args = (jsonToConvex(query.args[0] ?? {}) ?? {}) as Record<string, Value>;
      subscription.componentPath = query.componentPath || undefined;
      subscription.binding = JSON.stringify([canonicalizeUdfPath(query.udfPath), query.args[0] ?? {}]);
      this.active += 1;
    }
    this.queries.set(query.queryId, subscription);
  }

  remove(queryId: QueryId): boolean {
    const subscription = this.queries.get(queryId);
    if (!subscription) return false;
    if (!subscription.refused) this.active -= 1;
    return this.queries.delete(queryId);
  }

  clear(): void {
    this.queries.clear();
    this.active = 0;
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
    let failureLog: string | undefined;
    try {
      if (query.refused) throw new RequestError(OVER_CAP_MESSAGE);
      if (query.componentPath) throw new RequestError(COMPONENT_REFUSED);
      const run = await runWithJournal(query.binding, query.journal, () =>
        this.runtime.run("query", query.udfPath, query.args, identity, logLines),
      );
      const value = convexToJson(run.value);
      query.journal = run.journal;
      key = JSON.stringify([value, run.journal]);
      modification = { type: "QueryUpdated", queryId, value, logLines, journal: run.journal };
    } catch (e) {
      const failure = toWireFailure(e, (line) => (failureLog = line));
      // The request id differs on every run; compare what the error says, not its id.
      key = "error:" + JSON.stringify([failure.errorMessage.replace(/^\[Request ID: \w+\] /, ""), failure.errorData]);
      modification = { type: "QueryFailed", queryId, ...failure, logLines, journal: query.journal };
    }
    if (query.lastResult === key) return null;
    // Logged when the result changes to this failure, not on every re-run that fails the same way.
    if (failureLog !== undefined) this.logFailure(failureLog);
    query.lastResult = key;
    return modification;
  }
}
