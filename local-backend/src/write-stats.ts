/**
 * Write statistics for benchmarks: committed write transactions and documents written, per
 * backend. convex-test has no commit hook, so this follows its TransactionMetricsTracker, which
 * the transaction manager drives in lockstep with the database: one tracker per top-level
 * transaction, one layer per nested call, `commit` / `rollback` on each. A top-level commit that
 * wrote documents is one write transaction, counted for the backend whose function call
 * (execution.ts) it ran in. Table names come from the write syscalls (the Convex runtime's ABI).
 */
import { TransactionMetricsTracker } from "convex-test/dist/transactionMetrics.js";
import { currentExecution } from "./execution.ts";

export type WriteStatsSnapshot = {
  /** Committed top-level transactions that wrote at least one document (mutations, nested calls included). */
  commits: number;
  /** Documents inserted, patched, replaced or deleted by those transactions. */
  documentsWritten: number;
  /** The same by table name (a component's tables under their own names, e.g. "chunks"). */
  documentsWrittenByTable: Record<string, number>;
};

export class WriteStats {
  private commits = 0;
  private readonly byTable = new Map<string, number>();

  recordCommit(tables: string[]): void {
    this.commits += 1;
    for (const table of tables) this.byTable.set(table, (this.byTable.get(table) ?? 0) + 1);
  }

  snapshot(): WriteStatsSnapshot {
    const documentsWrittenByTable = Object.fromEntries(this.byTable);
    const documentsWritten = Object.values(documentsWrittenByTable).reduce((a, b) => a + b, 0);
    return { commits: this.commits, documentsWritten, documentsWrittenByTable };
  }
}

const WRITE_OPS = new Set(["1.0/insert", "1.0/shallowMerge", "1.0/replace", "1.0/remove"]);
// Tables written, one list per open layer of each transaction.
const layersOf = new WeakMap<TransactionMetricsTracker, string[][]>();
// Set by a write syscall just before convex-test tracks that write (synchronously, same call).
let tableOfNextWrite: string | undefined;
let installed = false;

function layers(tracker: TransactionMetricsTracker): string[][] {
  let stack = layersOf.get(tracker);
  if (!stack) layersOf.set(tracker, (stack = []));
  return stack;
}

/** Installs the hooks once per process. Call after the first `convexTest()` (it sets `globalThis.Convex`). */
export function installWriteHooks(): void {
  if (installed) return;
  installed = true;
  const proto = TransactionMetricsTracker.prototype;
  const { startTransaction, commit, rollback, trackWrite } = proto;
  proto.startTransaction = function (this: TransactionMetricsTracker, limits) {
    startTransaction.call(this, limits);
    layers(this).push([]);
  };
  proto.trackWrite = function (this: TransactionMetricsTracker, size: number) {
    trackWrite.call(this, size);
    layers(this)
      .at(-1)
      ?.push(tableOfNextWrite ?? "unknown");
    tableOfNextWrite = undefined;
  };
  proto.commit = function (this: TransactionMetricsTracker) {
    commit.call(this);
    const stack = layers(this);
    const tables = stack.pop() ?? [];
    if (stack.length > 0) stack[stack.length - 1].push(...tables);
    else if (tables.length > 0) currentExecution()?.backend.stats.recordCommit(tables);
  };
  proto.rollback = function (this: TransactionMetricsTracker) {
    rollback.call(this);
    layers(this).pop(); // the writes were undone
  };

  const convex = (globalThis as { Convex?: ConvexGlobal }).Convex;
  if (!convex) return; // tables then show as "unknown"
  (globalThis as { Convex?: ConvexGlobal }).Convex = {
    get syscall() {
      return convex.syscall;
    },
    get jsSyscall() {
      return convex.jsSyscall;
    },
    get asyncSyscall() {
      const call = convex.asyncSyscall;
      return (op: string, jsonArgs: string) => {
        if (WRITE_OPS.has(op)) tableOfNextWrite = tableOf(JSON.parse(jsonArgs) as { table?: string; id?: string });
        return call(op, jsonArgs);
      };
    },
  };
}

/** Writes name their table, except `db.patch(id, …)`-style calls: convex-test ids end with it. */
function tableOf(args: { table?: string; id?: string }): string | undefined {
  return args.table ?? args.id?.replace(/^[0-9]+/, "");
}

type ConvexGlobal = {
  readonly syscall: unknown;
  readonly jsSyscall: unknown;
  readonly asyncSyscall: (op: string, jsonArgs: string) => Promise<string>;
};
