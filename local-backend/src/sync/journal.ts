/**
 * Query journals, which make reactive pagination gapless as on Convex
 * (convex/src/browser/sync/protocol.ts, `QueryJournal`): the first run of a subscribed query that
 * paginates records where its page ended; the server sends that back as the `journal` of
 * QueryUpdated, the client returns it with the query (ModifyQuerySet Add, e.g. after a reconnect),
 * and every re-run reads the page up to that same end instead of `numItems` rows. A row inserted
 * into a loaded page makes the page grow; it never pushes another row out of it, into the gap
 * before the next page. (convex-test has no journals: this adds them at its `1.0/queryPage` syscall.)
 *
 * A journal is opaque to the client; here it is the end cursor signed with a key of this process
 * and bound to the query's path and arguments, so a client cannot make up a range to read.
 * An invalid journal is ignored, like an absent one.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The end cursor a run reads up to, and what it recorded (undefined: it did not paginate). */
type JournalRun = { endCursor: string | null; recorded: string | undefined };

const storage = new AsyncLocalStorage<JournalRun>();
const KEY = randomBytes(32);
const END_OF_RANGE = "_end_cursor";
let installed = false;

function mac(binding: string, payload: string): Buffer {
  return createHmac("sha256", KEY).update(binding).update("\0").update(payload).digest();
}

/** The journal for a page that ended at `endCursor`, for the query `binding` names. */
export function encodeJournal(binding: string, endCursor: string): string {
  const payload = Buffer.from(JSON.stringify({ endCursor })).toString("base64url");
  return `${payload}.${mac(binding, payload).toString("base64url")}`;
}

/** The end cursor of a journal this process issued for `binding`; null for anything else. */
export function decodeJournal(binding: string, journal: string | null | undefined): string | null {
  if (typeof journal !== "string") return null;
  const [payload, signature, extra] = journal.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(binding, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { endCursor } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { endCursor?: unknown };
    return typeof endCursor === "string" ? endCursor : null;
  } catch {
    return null;
  }
}

/**
 * Runs a subscribed query with its journal (the end cursor of a previous run, or null) and
 * resolves to its result and the journal of this run (null when it did not paginate).
 */
export async function runWithJournal<T>(
  binding: string,
  journal: string | null,
  fn: () => Promise<T>,
): Promise<{ value: T; journal: string | null }> {
  const run: JournalRun = { endCursor: decodeJournal(binding, journal), recorded: undefined };
  const value = await storage.run(run, fn);
  return { value, journal: run.recorded === undefined ? null : encodeJournal(binding, run.recorded) };
}

type QueryPageArgs = { endCursor?: string | null } & Record<string, unknown>;
type QueryPageResult = { continueCursor: string; isDone: boolean } & Record<string, unknown>;

/**
 * Installs the `1.0/queryPage` hook once per process (call after the first `convexTest()`, which
 * sets `globalThis.Convex`). Besides journals it fixes one way convex-test differs from Convex: a
 * page read up to an end cursor continues at that cursor, even when the row there was deleted
 * (convex-test then reports the end of the table, and the next page would be lost).
 */
export function installJournalHook(): void {
  if (installed) return;
  const convex = (globalThis as { Convex?: ConvexGlobal }).Convex;
  if (!convex) throw new Error("installJournalHook: convex-test has not set globalThis.Convex yet");
  installed = true;
  (globalThis as { Convex?: ConvexGlobal }).Convex = {
    get syscall() {
      return convex.syscall;
    },
    get jsSyscall() {
      return convex.jsSyscall;
    },
    get asyncSyscall() {
      const call = convex.asyncSyscall;
      return async (op: string, jsonArgs: string) => {
        if (op !== "1.0/queryPage") return call(op, jsonArgs);
        const run = storage.getStore();
        const args = JSON.parse(jsonArgs) as QueryPageArgs;
        // The page's own `endCursor` (a split page's) wins over the journal, as on Convex.
        const endCursor = args.endCursor ?? run?.endCursor ?? null;
        const result = JSON.parse(await call(op, JSON.stringify({ ...args, endCursor }))) as QueryPageResult;
        // A page cut short by `maximumRowsRead` ends where it stopped (the client splits it).
        if (endCursor !== null && endCursor !== END_OF_RANGE && result.pageStatus !== "SplitRequired") {
          result.continueCursor = endCursor;
          result.isDone = false;
        }
        if (run) run.recorded = result.continueCursor;
        return JSON.stringify(result);
      };
    },
  };
}

type ConvexGlobal = {
  readonly syscall: unknown;
  readonly jsSyscall: unknown;
  readonly asyncSyscall: (op: string, jsonArgs: string) => Promise<string>;
};
