// Reading a reply by cursor against the real backend: the reader ends with the whole reply, its
// text only grows, and each character arrives about once (the subscription follows the length).
import { expect } from "@open-wc/testing";
import type { ConvexClient } from "convex/browser";
import { freshVisitor, signedInDeployment, testStreamUrl, waitFor } from "../../test/test-helpers.js";
import { sendAndGetReply } from "../../test/reply-test-helpers.js";
import { chatApi, type StreamBody, type StreamTail } from "./api.js";
import { readByCursor } from "./cursor-reader.js";

/** The client's onUpdate, recording every answer the reader got and the offsets it asked for. */
function recordingClient(client: ConvexClient) {
  const offsets: number[] = [];
  const answers: StreamTail[] = [];
  const onUpdate = ((query: never, args: { offset: number }, callback: (tail: StreamTail) => void, onError: never) => {
    offsets.push(args.offset);
    return client.onUpdate(query, args as never, (tail: StreamTail) => (answers.push(tail), callback(tail)), onError);
  }) as unknown as ConvexClient["onUpdate"];
  return { client: { onUpdate }, offsets, answers };
}

describe("readByCursor (chat:streamChunksAfter)", () => {
  beforeEach(freshVisitor);

  it("follows a reply to its end, receiving each character about once", async () => {
    const deployment = await signedInDeployment();
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 3000 characters.", await testStreamUrl());
    const recording = recordingClient(deployment.client);
    const seen: StreamBody[] = [];
    let failed: Error | undefined;
    const stop = readByCursor(
      recording.client,
      { query: chatApi.streamChunksAfter, args: { streamId: reply.streamId } },
      (body) => seen.push(body),
      (error) => (failed = error),
    );
    // Drive it (as the sending tab would) while the reader follows.
    const response = await fetch(reply.streamUrl, {
      method: "POST",
      headers: { Authorization: `Bearer ${await deployment.auth.token()}`, "Content-Type": "application/json" },
      body: JSON.stringify({ streamId: reply.streamId }),
    });
    const driven = await response.text();
    const last = await waitFor(() => (seen.at(-1)?.status === "done" ? seen.at(-1) : undefined), "the reader to see the end");
    stop();

    expect(failed).to.equal(undefined);
    expect(last.text).to.equal(driven);
    expect(driven.length).to.equal(3000);
    seen.forEach((body, i) => i > 0 && expect(body.text.startsWith(seen[i - 1].text)).to.equal(true));
    // Several persisted pieces, each followed by a subscription at the new length.
    expect(recording.offsets.length).to.be.greaterThan(3);
    recording.offsets.forEach((offset, i) => i > 0 && expect(offset).to.be.greaterThan(recording.offsets[i - 1]));
    // A whole-body subscription would have received the text so far at every piece (several times the reply).
    const received = recording.answers.reduce((sum, tail) => sum + tail.text.length, 0);
    expect(received).to.equal(3000);
  });
});
