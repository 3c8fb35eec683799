/**
 * Remembers recent mutation outcomes per client session, so a mutation the client re-sends after
 * a reconnect is answered from memory instead of running twice (a deployment deduplicates the
 * same way, by session id and request id).
 */
import type { JSONValue } from "convex/values";
import type { WireFailure } from "./protocol-types.ts";

export type MutationOutcome = ({ success: true; result: JSONValue; ts: bigint } | ({ success: false } & WireFailure)) & {
  logLines: string[];
};

const MAX_SESSIONS = 1000;
const MAX_PER_SESSION = 256;

export class MutationLog {
  private readonly sessions = new Map<string, Map<number, Promise<MutationOutcome>>>();

  /** Runs `execute` once per (sessionId, requestId); later calls share the first outcome. */
  run(sessionId: string | null, requestId: number, execute: () => Promise<MutationOutcome>): Promise<MutationOutcome> {
    if (sessionId === null) return execute();
    let requests = this.sessions.get(sessionId);
    if (requests) {
      this.sessions.delete(sessionId); // re-insert below: Map order doubles as LRU order
    } else {
      requests = new Map();
    }
    this.sessions.set(sessionId, requests);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const known = requests.get(requestId);
    if (known) return known;
    const outcome = execute();
    requests.set(requestId, outcome);
    if (requests.size > MAX_PER_SESSION) requests.delete(requests.keys().next().value!);
    return outcome;
  }

  clear() {
    this.sessions.clear();
  }
}
