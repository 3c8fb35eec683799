/**
 * One connection cannot slow everyone: it holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION queries
 * (more are answered with a QueryFailed that says why, and never run), and a subscription that
 * keeps failing the same way is logged once, not on every commit.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from "../src/sync/query-set.ts";
import { waitFor } from "./helpers.ts";

type Msg = Record<string, any>;
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
const logLines: string[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ convexDir: fixtureDir, log: (line) => void logLines.push(line) });
});
afterAll(async () => {
  await backend?.close();
});

async function connect(sessionId: string) {
  const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
  const received: Msg[] = [];
  ws.on("message", (data) => received.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const send = (m: Msg) => ws.send(JSON.stringify(m));
  send({ type: "Connect", sessionId, connectionCount: 0, lastCloseReason: null, clientTs: Date.now() });
  const transition = (querySet: number) =>
    waitFor(
      () => received.find((m) => m.type === "Transition" && m.endVersion.querySet === querySet),
      () => true,
      `query set ${querySet}`,
    );
  return { ws, received, send, transition };
}

const add = (queryId: number, udfPath: string, args: Msg) => ({ type: "Add", queryId, udfPath, args: [args] });

describe("subscriptions per connection", () => {
  it("are capped: queries over the cap fail with the reason and do not run", async () => {
    const c = await connect("cap");
    const over = 40;
    const total = MAX_SUBSCRIPTIONS_PER_CONNECTION + over;
    const adds = Array.from({ length: total }, (_, i) => add(i, "counters:get", { name: `cap-${i}` }));
    c.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: adds });
    const first = await c.transition(1);
    const failed = first.modifications.filter((m: Msg) => m.type === "QueryFailed");
    expect(first.modifications.filter((m: Msg) => m.type === "QueryUpdated")).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(failed).toHaveLength(over);
    expect(failed[0].queryId).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(failed[0].errorMessage).toContain(`at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} queries per client`);

    // Removing one makes room for the next one added.
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 1,
      newVersion: 2,
      modifications: [{ type: "Remove", queryId: 0 }, add(total, "counters:get", { name: "cap-new" })],
    });
    const second = await c.transition(2);
    expect(second.modifications).toEqual(
      expect.arrayContaining([
        { type: "QueryRemoved", queryId: 0 },
        expect.objectContaining({ type: "QueryUpdated", queryId: total, value: 0 }),
      ]),
    );
    c.ws.close();
  });
});

describe("failing subscriptions", () => {
  it("are logged once, not once per subscription and commit", async () => {
    const a = await connect("broken-a");
    const b = await connect("broken-b");
    const adds = Array.from({ length: 20 }, (_, i) => add(i, "counters:broken", { name: "broken", copy: i }));
    a.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: adds });
    b.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: adds });
    const failures = (await a.transition(1)).modifications.filter((m: Msg) => m.type === "QueryFailed");
    expect(failures).toHaveLength(20);
    expect(failures[0].errorMessage).toContain("broken on purpose");
    await b.transition(1);

    // Five commits that the queries read: each re-runs all 40 subscriptions, which fail again.
    for (let i = 0; i < 5; i++) {
      const before = a.received.length;
      a.send({ type: "Mutation", requestId: i, udfPath: "counters:bumpNow", args: [{ name: "broken" }] });
      await waitFor(
        () => a.received.slice(before).find((m) => m.type === "Transition"),
        () => true,
        `commit ${i}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(logLines.filter((l) => l.includes("broken on purpose"))).toHaveLength(1);
    a.ws.close();
    b.ws.close();
  });
});
