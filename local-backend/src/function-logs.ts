/**
 * Console output of functions, handled like a deployment does: a query's, mutation's or action's
 * output goes back to the calling client as `logLines` ("[LOG] 'text'", which the client prints as
 * "[CONVEX Q(chat:x)] [LOG] 'text'"); http actions' and scheduled functions' output goes to the
 * backend's log. Never to the host process's console: a host that patches console with timers
 * (web-test-runner does) would break, since queries and mutations may not use timers.
 *
 * convex-test runs functions in this process with the process's `console`, so the backend puts a
 * routing console in its place while it runs: inside a function call (see execution.ts) it
 * captures, everywhere else it is the host's console unchanged.
 */
import { inspect } from "node:util";
import { currentExecution, type Execution } from "./execution.ts";

const LEVELS: Record<string, string> = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "LOG" };
/** A deployment truncates a function's log too; this keeps a chatty loop from filling memory. */
export const MAX_LOG_LINES = 256;

/** One console call as a deployment formats it: the level, then each argument inspected. */
export function formatLogLine(level: string, args: unknown[]): string {
  return `[${level}] ${args.map((a) => inspect(a, { depth: 4, breakLength: Infinity })).join(" ")}`;
}

function record(execution: Execution, level: string, args: unknown[]): void {
  const line = formatLogLine(level, args);
  const { lines } = execution;
  if (lines === null) return execution.backend.printLog(`[CONVEX ${execution.origin}] ${line}`);
  if (lines.length < MAX_LOG_LINES) lines.push(line);
  else if (lines.length === MAX_LOG_LINES) lines.push(`[WARN] 'Log overflow (more than ${MAX_LOG_LINES} lines); the rest is dropped.'`);
}

function routingConsole(host: Console): Console {
  return new Proxy(host, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      const level = typeof property === "string" ? LEVELS[property] : undefined;
      if (!level || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const execution = currentExecution();
        if (execution) record(execution, level, args);
        else Reflect.apply(Reflect.get(target, property, target), target, args);
      };
    },
  });
}

let users = 0;
let host: Console | undefined;
let router: Console | undefined;

/**
 * Installs the routing console (once per process, however many backends run); the returned
 * function uninstalls it when the last backend stops, unless someone replaced it since.
 */
export function routeFunctionConsole(): () => void {
  if (users++ === 0) {
    host = globalThis.console;
    router = routingConsole(host);
    globalThis.console = router;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0 && globalThis.console === router) globalThis.console = host!;
  };
}
