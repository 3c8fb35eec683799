/**
 * One WebSocket connection of a `ConvexClient`, speaking the sync protocol
 * (convex/src/browser/sync/*.ts). Versions follow the client exactly: every Transition starts at
 * the version the client holds, `querySet` follows ModifyQuerySet.newVersion, `identity` becomes
 * Authenticate.baseVersion + 1 on success, and `ts` is the commit timestamp the results reflect.
 */
import type { UserIdentity } from "convex/server";
import { RequestError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { ConnectionAuth, type AuthenticateMessage } from "./auth-state.ts";
import type { MutationLog } from "./mutation-log.ts";
import { encodeVersion, type ClientMessage, type QueryId, type StateModification, type StateVersion } from "./protocol-types.ts";
import { QuerySet } from "./query-set.ts";
import { executeAction, executeMutation, failedResponse, mutationResponse, type ActionMessage, type MutationMessage } from "./requests.ts";

type Send = (message: Record<string, unknown>) => void;

const PING_INTERVAL_MS = 15_000;

export class SyncSession {
  private version: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private readonly queries: QuerySet;
  private readonly auth: ConnectionAuth;
  private sessionId: string | null = null;
  private clockSkewMs = 0;
  // The connection's serial queue: every message is handled here in the order it arrived (so a
  // request sent after `Authenticate` runs as the identity it set), and everything that sends a
  // Transition runs here too, so versions never interleave. Requests only start here: a
  // mutation's or action's own run does not hold up the connection.
  private transitions: Promise<void> = Promise.resolve();
  // Mutations of one client run in the order it sent them.
  private mutations: Promise<void> = Promise.resolve();
  // A ModifyQuerySet that arrived after the token expired: applied to the set, answered (with
  // these removals) only by the Transition of the next successful `Authenticate`.
  private pendingQuerySet: { version: number; removed: StateModification[] } | null = null;
  private evaluatedTs = -1n;
  private refreshQueued = false;
  private stopWatching: (() => void) | null = null;
  private readonly pinger: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly mutationLog: MutationLog,
    private readonly send: Send,
    private readonly fail: (reason: string) => void,
    private readonly log: (line: string) => void,
    /** Where queries' unexpected failures go: the backend's log, once per repeated failure (log-once.ts). */
    logQueryFailure: (line: string) => void = log,
  ) {
    this.queries = new QuerySet(runtime, logQueryFailure);
    this.auth = new ConnectionAuth(runtime.verifyToken, () =>
      this.send({ type: "AuthError", error: "Token expired", baseVersion: this.version.identity, authUpdateAttempted: false }),
    );
    // Keeps the client's 60 s server-inactivity timer from firing on a quiet connection.
    this.pinger = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  handle(raw: string): void {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw);
    } catch {
      return this.fail("Invalid JSON message");
    }
    switch (message.type) {
      case "Connect":
        this.sessionId = message.sessionId;
        if (typeof message.clientTs === "number") this.clockSkewMs = Date.now() - message.clientTs;
        return;
      case "ModifyQuerySet":
        return this.enqueue(() => this.modifyQuerySet(message));
      case "Authenticate":
        return this.enqueue(() => this.authenticate(message));
      case "Mutation":
        return this.enqueue(async () => this.startMutation(message));
      case "Action":
        return this.enqueue(async () => this.startAction(message));
      case "Event":
        return;
      default:
        return this.fail(`Unknown message type ${(message as { type: string }).type}`);
    }
  }

  dispose(): void {
    this.closed = true;
    clearInterval(this.pinger);
    this.stopWatching?.();
    this.stopWatching = null;
    this.queries.clear();
  }

  private enqueue(step: () => Promise<void>): void {
    this.transitions = this.transitions
      .then(() => (this.closed ? undefined : step()))
      .catch((e: Error) => {
        this.log(`sync: ${e.stack ?? e.message}`);
        this.fail(e.message);
      });
  }

  private async modifyQuerySet(message: Extract<ClientMessage, { type: "ModifyQuerySet" }>) {
    const current = this.pendingQuerySet?.version ?? this.version.querySet;
    if (message.baseVersion !== current) {
      throw new Error(`ModifyQuerySet base version ${message.baseVersion} != ${current}`);
    }
    const modifications: StateModification[] = [];
    const added: QueryId[] = [];
    for (const m of message.modifications) {
      if (m.type === "Add") {
        this.queries.add(m);
        added.push(m.queryId);
      } else if (this.queries.remove(m.queryId)) {
        modifications.push({ type: "QueryRemoved", queryId: m.queryId });
      }
    }
    this.watchCommits();
    if (this.pendingQuerySet || this.auth.expired()) {
      // Nothing runs as an expired identity: the client re-authenticates (it was sent an AuthError).
      this.pendingQuerySet = { version: message.newVersion, removed: [...(this.pendingQuerySet?.removed ?? []), ...modifications] };
      return;
    }
    const ts = await this.runtime.snapshotTs();
    // New queries must be read at the same snapshot as the rest, so a newer commit re-reads all.
    const toRun = ts === this.evaluatedTs ? added : this.queries.ids();
    modifications.push(...(await this.queries.evaluate(toRun, this.auth.identity)));
    this.evaluatedTs = ts;
    this.transition({ ...this.version, querySet: message.newVersion, ts: maxTs(ts, this.version.ts) }, modifications);
  }

  private async authenticate(message: AuthenticateMessage) {
    if (message.baseVersion !== this.version.identity) {
      throw new Error(`Authenticate base version ${message.baseVersion} != ${this.version.identity}`);
    }
    const refusal = await this.auth.authenticate(message);
    if (refusal !== null) {
      this.send({ type: "AuthError", error: refusal, baseVersion: message.baseVersion, authUpdateAttempted: true });
      return;
    }
    const ts = await this.runtime.snapshotTs();
    const pending = this.pendingQuerySet;
    this.pendingQuerySet = null;
    const modifications = [...(pending?.removed ?? []), ...(await this.queries.evaluate(this.queries.ids(), this.auth.identity))];
    this.evaluatedTs = ts;
    const querySet = pending?.version ?? this.version.querySet;
    this.transition({ querySet, identity: message.baseVersion + 1, ts: maxTs(ts, this.version.ts) }, modifications);
  }

  /** Takes the identity the mutation runs as now, in message order; runs it after the client's earlier ones. */
  private startMutation(message: MutationMessage) {
    // Not answered: the client re-sends it once it has re-authenticated and reconnected.
    if (this.auth.expired()) return;
    const identity = this.auth.identity;
    // One failure must not stall the chain: later mutations would never run or be answered.
    this.mutations = this.mutations
      .then(() => this.mutation(message, identity))
      .catch((e: unknown) => this.enqueue(async () => this.send(failedResponse("MutationResponse", message.requestId, e, this.log))));
  }

  private async mutation(message: MutationMessage, identity: UserIdentity | null) {
    if (this.closed) return;
    const outcome = await this.mutationLog.run(this.sessionId, message.requestId, () =>
      executeMutation(this.runtime, message, identity, this.log),
    );
    this.enqueue(async () => {
      this.send(mutationResponse(message.requestId, outcome));
      // The client resolves the mutation only once a Transition reaches its ts: always send one.
      if (outcome.success) await this.refresh(true);
    });
  }

  /** Takes the identity the action runs as now, in message order; the action itself runs alongside. */
  private startAction(message: ActionMessage) {
    if (this.auth.expired()) {
      // Actions are not re-sent after a reconnect (they are not idempotent): answer, or it hangs.
      const expired = new RequestError("Token expired: the action did not run. Authenticate again and retry.");
      return this.send(failedResponse("ActionResponse", message.requestId, expired, this.log));
    }
    const identity = this.auth.identity;
    void executeAction(this.runtime, message, identity, this.log)
      .then((response) => this.send(response))
      .catch((e: unknown) => this.send(failedResponse("ActionResponse", message.requestId, e, this.log)));
  }

  /** Re-reads the subscriptions after a commit; sends only what changed (or an empty one if forced). */
  private async refresh(force: boolean) {
    const ts = await this.runtime.snapshotTs();
    if (!force && ts === this.evaluatedTs) return;
    if (this.auth.expired()) return;
    const modifications = ts === this.evaluatedTs ? [] : await this.queries.evaluate(this.queries.ids(), this.auth.identity);
    this.evaluatedTs = ts;
    if (force || modifications.length > 0) this.transition({ ...this.version, ts: maxTs(ts, this.version.ts) }, modifications);
  }

  private transition(endVersion: StateVersion, modifications: StateModification[]) {
    this.send({
      type: "Transition",
      startVersion: encodeVersion(this.version),
      endVersion: encodeVersion(endVersion),
      modifications,
      serverTs: Date.now() * 1_000_000, // nanoseconds, as the client expects
      clientClockSkew: this.clockSkewMs,
    });
    this.version = endVersion;
  }

  /** Commits are watched only while this connection has subscriptions. */
  private watchCommits() {
    if (this.queries.size > 0 && !this.stopWatching) {
      this.stopWatching = this.runtime.onCommit(() => {
        if (this.refreshQueued) return;
        this.refreshQueued = true;
        this.enqueue(async () => {
          this.refreshQueued = false;
          await this.refresh(false);
        });
      });
    } else if (this.queries.size === 0 && this.stopWatching) {
      this.stopWatching();
      this.stopWatching = null;
    }
  }
}

function maxTs(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
