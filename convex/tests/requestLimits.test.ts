import { afterEach, expect, test, vi } from "vitest";
import { MAX_STREAM_REQUEST_BYTES, readStreamRequest } from "../lib/streamRequest";

afterEach(() => vi.restoreAllMocks());

/** A POST whose body is produced on demand, counting how many chunks were pulled from it. */
function streamedRequest(chunks: Iterable<string>, headers: Record<string, string> = {}) {
  const source = chunks[Symbol.iterator]();
  const encoder = new TextEncoder();
  const pulls = { count: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls.count++;
        const next = source.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    },
    { highWaterMark: 0 },
  ); // pull only when read
  const request = new Request("https://some.convex.site/chat-stream", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulls };
}

/** 1 MB in 1 KB chunks: reading it all would be the bug (a real attacker's body has no end). */
function* megabyte() {
  for (let i = 0; i < 1024; i++) yield "x".repeat(1024);
}

test("a declared Content-Length over the limit gets 413 before the body is read", async () => {
  const { request, pulls } = streamedRequest(['{"streamId":"s"}'], { "Content-Length": "10000000" });
  expect(await readStreamRequest(request)).toMatchObject({ status: 413, code: "BODY_TOO_LARGE" });
  expect(pulls.count).toBe(0);
});

test("a body without Content-Length is cut off as soon as it passes the limit", async () => {
  const { request, pulls } = streamedRequest(megabyte());
  expect(await readStreamRequest(request)).toMatchObject({ status: 413, code: "BODY_TOO_LARGE" });
  expect(pulls.count).toBeLessThan(MAX_STREAM_REQUEST_BYTES / 1024 + 4);
});

test("the limit counts bytes, and a body just within it is read", async () => {
  const streamId = "é".repeat((MAX_STREAM_REQUEST_BYTES - 20) / 2);
  const within = streamedRequest([JSON.stringify({ streamId })]);
  expect(await readStreamRequest(within.request)).toEqual({ streamId });
  // Under the limit in characters, over it in UTF-8 bytes.
  const over = streamedRequest([JSON.stringify({ streamId: "é".repeat(MAX_STREAM_REQUEST_BYTES / 2 + 1) })]);
  expect(await readStreamRequest(over.request)).toMatchObject({ status: 413 });
});
