/**
 * Function console output and write statistics on the fixture app: output reaches the calling
 * client as logLines (http actions' and scheduled functions' output the backend's log), never the
 * host's console; stats() counts committed write transactions and documents written.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, record, waitFor } from "./helpers.ts";

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
const counters = anyApi.counters;
let backend: LocalBackend;
const backendLog: string[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ convexDir: fixtureDir, log: (line) => backendLog.push(line) });
});

afterAll(async () => {
  await backend?.close();
});

/** A Convex client logger that records what it prints, without the browser console's styling. */
function recordingLogger(printed: string[]) {
  const print = (...args: unknown[]) =>
    void printed.push(
      args
        .filter((a) => a !== "color:rgb(0, 145, 255)")
        .join(" ")
        .replace(/^%c/, ""),
    );
  return { logVerbose() {}, log: print, warn: print, error: print };
}

/** Makes the host's console use timers, like web-test-runner's: called inside a mutation it would throw. */
function timerPatchedHostConsole(calls: string[]): () => void {
  const methods = ["log", "info", "warn", "error"] as const;
  const original = methods.map((m) => console[m]);
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      setTimeout(() => {}, 0);
      calls.push(format(...args));
    };
  }
  return () => methods.forEach((m, i) => (console[m] = original[i]));
}

describe("function console output", () => {
  const hostCalls: string[] = [];
  let restoreConsole = () => {};
  let client: ConvexClient | undefined;
  afterEach(async () => {
    restoreConsole();
    await client?.close();
  });

  it("reaches the client as logLines, printed with the function's name, and never the host console", async () => {
    const printed: string[] = [];
    client = new ConvexClient(backend.url, {
      webSocketConstructor: WebSocket as never,
      logger: recordingLogger(printed),
      unsavedChangesWarning: false,
    });
    restoreConsole = timerPatchedHostConsole(hostCalls);

    expect(await client.query(counters.noisyQuery, {})).toBe("ok");
    await client.mutation(counters.noisyMutation, { name: "logs" });
    await waitFor(
      () => printed,
      (p) => p.length >= 3,
      "the printed log lines",
    );
    expect(printed).toEqual(
      expect.arrayContaining([
        "[CONVEX Q(counters:noisyQuery)] [LOG] 'hello from a query' { n: 1 }",
        "[CONVEX Q(counters:noisyQuery)] [WARN] 'careful'",
        "[CONVEX M(counters:noisyMutation)] [INFO] 'bumping' 'logs'",
      ]),
    );

    // What the mutation scheduled runs later: its output goes to the backend's log.
    await waitFor(
      () => backendLog,
      (l) => l.some((line) => line.includes("scheduled for logs")),
      "the scheduled function's output",
    );
    expect(backendLog).toContain("[CONVEX M(counters:noisyMutation) (later)] [LOG] 'scheduled for logs'");
    expect(hostCalls.filter((c) => /hello from|careful|bumping|scheduled for/.test(c))).toEqual([]);
  });

  it("sends logLines on the HTTP function API and prints http actions' output to the log", async () => {
    const printed: string[] = [];
    const http = new ConvexHttpClient(backend.url, { logger: recordingLogger(printed) });
    expect(await http.query(counters.noisyQuery, {})).toBe("ok");
    expect(printed).toContain("[CONVEX Q(counters:noisyQuery)] [LOG] 'hello from a query' { n: 1 }");

    restoreConsole = timerPatchedHostConsole(hostCalls);
    expect(await (await fetch(`${backend.siteUrl}/log`)).text()).toBe("logged");
    expect(backendLog).toContain("[CONVEX H(GET /log)] [LOG] 'hello from an http action'");
    expect(hostCalls.filter((c) => c.includes("hello from"))).toEqual([]);
  });

  it("leaves the host's console alone outside functions", () => {
    const calls: string[] = [];
    restoreConsole = timerPatchedHostConsole(calls);
    console.log("host says hi");
    expect(calls).toEqual(["host says hi"]);
  });
});

describe("write statistics", () => {
  it("counts committed write transactions and the documents they wrote, by table", async () => {
    const http = new ConvexHttpClient(backend.url, { logger: false });
    const before = backend.stats();
    await http.mutation(counters.bumpNow, { name: "stats" }); // insert
    await http.mutation(counters.bumpNow, { name: "stats" }); // patch
    await http.mutation(counters.bumpBoth, { a: "stats-a", b: "stats-b" }); // one transaction, two documents
    await expect(http.mutation(counters.fail, {})).rejects.toThrow(); // rolled back
    expect(await http.query(counters.get, { name: "stats" })).toBe(2); // reads write nothing
    const after = backend.stats();
    expect(after.commits - before.commits).toBe(3);
    expect(after.documentsWritten - before.documentsWritten).toBe(4);
    expect((after.documentsWrittenByTable.counters ?? 0) - (before.documentsWrittenByTable.counters ?? 0)).toBe(4);
  });

  it("counts writes made later by scheduled functions, and serves the figures on GET /_stats", async () => {
    const client = newClient(backend.url);
    const counter = record<number>(client, counters.get, { name: "stats-later" });
    await waitFor(counter.latest, (v) => v === 0, "the initial value");
    const before = backend.stats();
    await client.mutation(counters.bumpLater, { name: "stats-later" });
    await waitFor(counter.latest, (v) => v === 1, "the scheduled write");
    const after = backend.stats();
    expect(after.commits - before.commits).toBe(1);
    expect(after.documentsWritten - before.documentsWritten).toBe(1);
    expect(await (await fetch(`${backend.url}/_stats`)).json()).toEqual(after);
    await client.close();
  });
});
