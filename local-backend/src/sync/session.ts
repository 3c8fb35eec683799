/**
 * One WebSocket connection of a `ConvexClient`, speaking the sync protocol
 * (convex/src/browser/sync/*.ts). Versions follow the client exactly: every Transition starts at
 * the version the client holds, `querySet` follows ModifyQuerySet.newVersion, `identity` becomes
 * Authenticate.baseVersion + 1 on success, and `ts` is the commit timestamp the results reflect.
 */
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { RequestError, toWireFailure } from "../errors.ts";
import { AuthError } from "../identity.ts";
import type { Runtime } from "../runtime.ts";
import type { MutationLog, MutationOutcome } from "./mutation-log.ts";
import { COMPONENT_REFUSED, QuerySet } from "./query-set.ts";
import {
  encodeTs, encodeVersion,
  type ClientMessage, type QueryId, type StateModification, type StateVersion,
} from "./protocol-types.ts";

type Send = (message: Record<string, unknown>) => void;

const PING_INTERVAL_MS = 15_000;

export class SyncSession {
  private version: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private readonly queries: QuerySet;
  private identity: UserIdentity | null = null;
  private tokenExpiresAtMs: number | null = null;
  private authExpired = false;
  private sessionId: string | null = null;
  private clockSkewMs = 0;
  // Everything that sends a Transition runs on this chain, so versions never interleave.
  private transitions: Promise<void> = Promise.resolve();
  // Mutations of one client run in the order it sent them.
  private mutations: Promise<void> = Promise.resolve();
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
  ) {
    this.queries = new QuerySet(runtime, log);
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
        this.mutations = this.mutations.then(() => this.mutation(message));
        return;
      case "Action":
        void this.action(message);
        return;
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
    if (message.baseVersion !== this.version.querySet) {
      throw new Error(`ModifyQuerySet base version ${message.baseVersion} != ${this.version.querySet}`);
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
    const ts = await this.runtime.snapshotTs();
    // New queries must be read at the same snapshot as the rest, so a newer commit re-reads all.
    const toRun = ts === this.evaluatedTs ? added : this.queries.ids();
    modifications.push(...(await this.queries.evaluate(toRun, this.identity)));
    this.evaluatedTs = ts;
    this.transition({ ...this.version, querySet: message.newVersion, ts: maxTs(ts, this.version.ts) }, modifications);
  }

  private async authenticate(message: Extract<ClientMessage, { type: "Authenticate" }>) {
    if (message.baseVersion !== this.version.identity) {
      throw new Error(`Authenticate base version ${message.baseVersion} != ${this.version.identity}`);
    }
    const refuse = (error: string) =>
      this.send({ type: "AuthError", error, baseVersion: message.baseVersion, authUpdateAttempted: true });
    if (message.tokenType === "Admin") return refuse("Admin keys are not supported by the local backend.");
    this.authExpired = false;
    if (message.tokenType === "User") {
      try {
        const verified = await this.runtime.verifyToken(message.value ?? "");
        this.identity = verified.identity;
        this.tokenExpiresAtMs = verified.expiresAtMs;
      } catch (e) {
        if (e instanceof AuthError) return refuse(e.message);
        throw e;
      }
    } else {
      this.identity = null;
      this.tokenExpiresAtMs = null;
    }
    const ts = await this.runtime.snapshotTs();
    const modifications = await this.queries.evaluate(this.queries.ids(), this.identity);
    this.evaluatedTs = ts;
    this.transition({ ...this.version, identity: message.baseVersion + 1, ts: maxTs(ts, this.version.ts) }, modifications);
  }

  private async mutation(message: Extract<ClientMessage, { type: "Mutation" }>) {
    if (this.closed || this.tokenExpired()) return; // the client re-sends it after re-authenticating
    const identity = this.identity;
    const outcome = await this.mutationLog.run(this.sessionId, message.requestId, async (): Promise<MutationOutcome> => {
      try {
        if (message.componentPath) throw new RequestError(COMPONENT_REFUSED);
        const args = decodeArgs(message.args);
        const value = await this.runtime.run("mutation", message.udfPath, args, identity);
        return { success: true, result: convexToJson(value), ts: await this.runtime.snapshotTs() };
      } catch (e) {
        return { success: false, ...toWireFailure(e, this.log) };
      }
    });
    this.enqueue(async () => {
      if (!outcome.success) {
        const { errorMessage, errorData } = outcome;
        this.send({ type: "MutationResponse", requestId: message.requestId, success: false, result: errorMessage, errorData, logLines: [] });
        return;
      }
      this.send({ type: "MutationResponse", requestId: message.requestId, success: true, result: outcome.result, ts: encodeTs(outcome.ts), logLines: [] });
      // The client resolves the mutation only once a Transition reaches its ts: always send one.
      await this.refresh(true);
    });
  }

  private async action(message: Extract<ClientMessage, { type: "Action" }>) {
    if (this.tokenExpired()) return;
    const base = { type: "ActionResponse", requestId: message.requestId, logLines: [] };
    try {
      if (message.componentPath) throw new RequestError(COMPONENT_REFUSED);
      const args = decodeArgs(message.args);
      const value = await this.runtime.run("action", message.udfPath, args, this.identity);
      this.send({ ...base, success: true, result: convexToJson(value) });
    } catch (e) {
      const { errorMessage, errorData } = toWireFailure(e, this.log);
      this.send({ ...base, success: false, result: errorMessage, errorData });
    }
  }

  /** Re-reads the subscriptions after a commit; sends only what changed (or an empty one if forced). */
  private async refresh(force: boolean) {
    const ts = await this.runtime.snapshotTs();
    if (!force && ts === this.evaluatedTs) return;
    if (this.tokenExpired()) return;
    const modifications = ts === this.evaluatedTs ? [] : await this.queries.evaluate(this.queries.ids(), this.identity);
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

  /** An expired token stops work; the AuthError makes the client fetch a fresh one and reconnect. */
  private tokenExpired(): boolean {
    if (this.authExpired) return true;
    if (this.tokenExpiresAtMs === null || Date.now() < this.tokenExpiresAtMs) return false;
    this.authExpired = true;
    this.send({ type: "AuthError", error: "Token expired", baseVersion: this.version.identity, authUpdateAttempted: false });
    return true;
  }
}

/** Function args travel as a one-element array of convexToJson values. */
function decodeArgs(args: JSONValue[]): Record<string, Value> {
  return (jsonToConvex(args[0] ?? {}) ?? {}) as Record<string, Value>;
}

function maxTs(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
