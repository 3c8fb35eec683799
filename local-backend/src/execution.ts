/**
 * Which backend, and which function call, the code running now belongs to. Every function run
 * (a client's query, mutation or action, an http action) starts inside `runExecution`, and the
 * context follows everything it starts: nested calls, the body of a streaming http response,
 * scheduled functions. convex-test runs functions in this process, so this is how console output
 * and write statistics find their way back to the right place.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { WriteStats } from "./write-stats.ts";

/** What one backend needs from code running on its behalf. */
export type BackendScope = {
  stats: WriteStats;
  /** Prints a line to the backend's `log`, outside any function's context. */
  printLog(line: string): void;
};

export type Execution = {
  backend: BackendScope;
  /** Where the output comes from, as the Convex client names it: "Q(chat:listMessages)", "H(POST /chat-stream)". */
  origin: string;
  /** Console output collected for the client (`logLines`); null once the call has answered, or for http actions. */
  lines: string[] | null;
};

const storage = new AsyncLocalStorage<Execution>();

/** The function call the current code runs for, if any. */
export function currentExecution(): Execution | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` as the function call `origin`. With `lines`, console output is collected there until
 * `fn` settles; output after that (scheduled functions, work the call left running) and all
 * output when `lines` is omitted goes to the backend's log.
 */
export async function runExecution<T>(backend: BackendScope, origin: string, fn: () => Promise<T>, lines?: string[]): Promise<T> {
  const execution: Execution = { backend, origin, lines: lines ?? null };
  try {
    return await storage.run(execution, fn);
  } finally {
    if (execution.lines) execution.origin += " (later)"; // what it scheduled or left running
    execution.lines = null;
  }
}
