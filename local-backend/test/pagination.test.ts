/**
 * Reactive pagination is gapless, as on Convex: a subscribed page keeps its end (the query
 * journal), so a row inserted into a loaded page makes it grow instead of pushing another row out
 * of sight; a page grown too large is split by the client at the server's `splitCursor`. Driven by
 * the real ConvexClient's paginated subscriptions.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { waitFor } from "./helpers.ts";

type Item = { rank: number };
type Paginated = { results: Item[]; status: string; loadMore: (n: number) => boolean };
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
let client: ConvexClient;

// What the client sent, to see the page queries it subscribes.
const sent: string[] = [];
class RecordingWebSocket extends WebSocket {
  override send(data: any, ...rest: any[]) {
    if (typeof data === "string") sent.push(data);
    return (super.send as (...a: unknown[]) => void)(data, ...rest);
  }
}

beforeAll(async () => {
  backend = await startLocalBackend({ convexDir: fixtureDir, log: () => {} });
  client = new ConvexClient(backend.url, {
    webSocketConstructor: RecordingWebSocket as never,
    logger: false,
    unsavedChangesWarning: false,
  });
});
afterAll(async () => {
  await client?.close();
  await backend?.close();
});

function subscribe(list: string, initialNumItems: number) {
  let latest: Paginated | undefined;
  const errors: Error[] = [];
  const unsubscribe = client.onPaginatedUpdate_experimental(
    anyApi.items.page,
    { list },
    { initialNumItems },
    (result: unknown) => void (latest = result as Paginated),
    (e: Error) => void errors.push(e),
  );
  return { latest: () => latest, ranks: () => latest?.results.map((r) => r.rank), errors, unsubscribe };
}

const add = (list: string, rank: number) => client.mutation(anyApi.items.add, { list, rank });
const same = (expected: number[]) => (ranks: number[]) => JSON.stringify(ranks) === JSON.stringify(expected);

describe("paginated subscriptions", () => {
  it("keep every row visible when rows are inserted into a loaded page", async () => {
    for (const rank of [10, 20, 30, 40, 50, 60, 70]) await add("gapless", rank);
    const sub = subscribe("gapless", 3);
    await waitFor(sub.ranks, same([10, 20, 30]), "the first page");
    sub.latest()!.loadMore(3);
    await waitFor(sub.ranks, same([10, 20, 30, 40, 50, 60]), "two pages");

    // Into the first page: without journals the first page would re-read 3 rows and drop 30.
    await add("gapless", 15);
    await waitFor(sub.ranks, same([10, 15, 20, 30, 40, 50, 60]), "the grown first page");
    await add("gapless", 45);
    await waitFor(sub.ranks, same([10, 15, 20, 30, 40, 45, 50, 60]), "the grown second page");
    expect(sub.latest()!.status).toBe("CanLoadMore");
    sub.latest()!.loadMore(3);
    await waitFor(sub.ranks, same([10, 15, 20, 30, 40, 45, 50, 60, 70]), "the last page");
    expect(sub.errors).toEqual([]);
    sub.unsubscribe();
  });

  it("keep the next page when the row a page ended at is deleted", async () => {
    for (const rank of [1, 2, 3, 4, 5, 6]) await add("ends", rank);
    const sub = subscribe("ends", 3);
    await waitFor(sub.ranks, same([1, 2, 3]), "the first page");
    sub.latest()!.loadMore(3);
    await waitFor(sub.ranks, same([1, 2, 3, 4, 5, 6]), "two pages");
    await client.mutation(anyApi.items.remove, { list: "ends", rank: 3 });
    await waitFor(sub.ranks, same([1, 2, 4, 5, 6]), "the pages without 3");
    sub.unsubscribe();
  });

  it("split a page that grew past twice its size, still without gaps", async () => {
    for (const rank of [100, 200, 300, 400]) await add("split", rank);
    const sub = subscribe("split", 2);
    await waitFor(sub.ranks, same([100, 200]), "the first page");
    sub.latest()!.loadMore(2);
    await waitFor(sub.ranks, same([100, 200, 300, 400]), "two pages");
    const inserted = [110, 120, 130, 140, 150, 160];
    for (const rank of inserted) await add("split", rank);
    const all = [100, ...inserted, 200, 300, 400];
    await waitFor(sub.ranks, same(all), "every row");
    // The grown page was split: the client subscribed pages bounded by the server's splitCursor.
    await waitFor(
      () => sent.filter((m) => m.includes('"endCursor"')).length,
      (n) => n >= 2,
      "the split pages",
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.ranks()).toEqual(all);
    sub.unsubscribe();
  });

  it("send journals that keep the page's end when the client re-sends them (reconnect)", async () => {
    for (const rank of [1, 2, 3, 4]) await add("raw", rank);
    const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
    const received: Record<string, any>[] = [];
    ws.on("message", (data) => received.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const send = (m: unknown) => ws.send(JSON.stringify(m));
    send({ type: "Connect", sessionId: "journal-raw", connectionCount: 0, lastCloseReason: null, clientTs: Date.now() });
    const args = [{ list: "raw", paginationOpts: { numItems: 2, cursor: null } }];
    send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "items:page", args }],
    });
    const first = await waitFor(
      () => received.find((m) => m.type === "Transition" && m.endVersion.querySet === 1),
      () => true,
      "the page",
    );
    const update = first.modifications[0];
    expect(update.value.page.map((r: Item) => r.rank)).toEqual([1, 2]);
    expect(typeof update.journal).toBe("string");

    await add("raw", 1.5);
    // The same page query, added again with the journal (as a reconnecting client does), ends at 2.
    send({
      type: "ModifyQuerySet",
      baseVersion: 1,
      newVersion: 2,
      modifications: [{ type: "Add", queryId: 1, udfPath: "items:page", args, journal: update.journal }],
    });
    // And a forged journal is ignored: the page is read by its size.
    send({
      type: "ModifyQuerySet",
      baseVersion: 2,
      newVersion: 3,
      modifications: [
        {
          type: "Add",
          queryId: 2,
          udfPath: "items:page",
          args,
          journal: `${Buffer.from(JSON.stringify({ endCursor: "_end_cursor" })).toString("base64url")}.AAAA`,
        },
      ],
    });
    const ranksOf = (queryId: number) =>
      waitFor(
        () =>
          received
            .flatMap((m) => (m.type === "Transition" ? m.modifications : []))
            .filter((m: any) => m.queryId === queryId)
            .at(-1)
            ?.value.page.map((r: Item) => r.rank),
        () => true,
        `query ${queryId}`,
      );
    expect(await ranksOf(1)).toEqual([1, 1.5, 2]);
    expect(await ranksOf(2)).toEqual([1, 1.5]);
    ws.close();
  });
});
