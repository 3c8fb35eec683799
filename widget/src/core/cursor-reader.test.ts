// Following a reply against the real backend: one subscription to its newest piece
// (`chat:streamTail`); what the reader misses - skipped versions, opening mid-reply or after the end -
// is read once by cursor (`chat:streamChunksAfter`). The reader ends with the driven text, no piece
// twice, and its text only grows.
import { expect } from "@open-wc/testing";
import type { ConvexClient } from "convex/browser";
import { freshVisitor, signedInDeployment, testStreamUrl, waitFor } from "../../test/test-helpers.js";
import { sendAndGetReply } from "../../test/reply-test-helpers.js";
import { chatApi, type NewestChunk, type StreamBody, type StreamTail } from "./api.js";
import type { Deployment } from "./deployment.js";
import { readByCursor } from "./cursor-reader.js";

/**
 * The real client, recording the subscriptions and reads the reader makes. Answers of the
 * subscription go to `deliver`, which passes them on at once unless the test holds them (to play
 * the versions Convex skips or a slow tab's order).
 */
function recordingClient(client: ConvexClient) {
  const subscriptions: string[] = [];
  const reads: { offset: number; answer?: StreamTail }[] = [];
  const answers: NewestChunk[] = [];
  let held: NewestChunk[] | undefined;
  let callback: ((tail: NewestChunk) => void) | undefined;
  const onUpdate = ((query: never, args: Record<string, unknown>, onAnswer: (tail: NewestChunk) => void, onError: never) => {
    subscriptions.push(JSON.stringify(args));
    callback = onAnswer;
    return client.onUpdate(
      query,
      args as never,
      (tail: NewestChunk) => {
        answers.push(tail);
        if (held) held.push(tail);
        else onAnswer(tail);
      },
      onError,
    );
  }) as unknown as ConvexClient["onUpdate"];
  const query = (async (reference: never, args: { offset: number }) => {
    const read: { offset: number; answer?: StreamTail } = { offset: args.offset };
    reads.push(read);
    read.answer = await client.query(reference, args as never);
    return read.answer;
  }) as unknown as ConvexClient["query"];
  return {
    client: { onUpdate, query },
    subscriptions,
    reads,
    answers,
    /** From now on, answers wait in a queue (see `release`). */
    hold: () => (held = []),
    /** Answers held so far. */
    held: () => held ?? [],
    /** Passes on the held answers picked by `pick` (all by default), in order, then stops holding. */
    release: (pick: (tail: NewestChunk, index: number) => boolean = () => true) => {
      const queue = held ?? [];
      held = undefined;
      queue.filter(pick).forEach((tail) => callback?.(tail));
    },
  };
}

async function drive(deployment: Deployment, reply: { streamId: string; streamUrl: string }): Promise<string> {
  const response = await fetch(reply.streamUrl, {
    method: "POST",
    headers: { Authorization: `Bearer ${await deployment.auth.token()}`, "Content-Type": "application/json" },
    body: JSON.stringify({ streamId: reply.streamId }),
  });
  return await response.text();
}

function follow(recording: ReturnType<typeof recordingClient>, streamId: string) {
  const seen: StreamBody[] = [];
  const failures: Error[] = [];
  const stop = readByCursor(
    recording.client,
    { tail: chatApi.streamTail, after: chatApi.streamChunksAfter, args: { streamId } },
    (body) => seen.push(body),
    (error) => failures.push(error),
  );
  const end = () => waitFor(() => (seen.at(-1)?.status === "done" ? seen.at(-1) : undefined), "the reader to see the end", 60_000);
  return { seen, failures, stop, end };
}

/** Each body the reader showed starts with the one before (no piece twice, nothing taken back). */
function expectOnlyGrowing(seen: StreamBody[]) {
  seen.forEach((body, i) => i > 0 && expect(body.text.startsWith(seen[i - 1].text)).to.equal(true));
}

describe("readByCursor (chat:streamTail, gaps by chat:streamChunksAfter)", () => {
  beforeEach(freshVisitor);

  it("follows a reply to its end with one subscription, receiving each piece once", async () => {
    const deployment = await signedInDeployment();
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 3000 characters.", await testStreamUrl());
    const recording = recordingClient(deployment.client);
    const reader = follow(recording, reply.streamId);
    const driven = await drive(deployment, reply);
    const last = await reader.end();
    reader.stop();

    expect(reader.failures).to.deep.equal([]);
    expect(driven.length).to.equal(3000);
    expect(last.text).to.equal(driven);
    expectOnlyGrowing(reader.seen);
    expect(recording.subscriptions).to.deep.equal([JSON.stringify({ streamId: reply.streamId })]);
    // Several persisted pieces, each answered once where it starts; the end, the length (and the last piece).
    const pieces = recording.answers.filter((tail) => tail.text !== "");
    expect(pieces.length).to.be.greaterThan(3);
    expect(recording.answers.at(-1)).to.include({ length: 3000, status: "done" });
    const received = recording.answers.reduce((sum, tail) => sum + tail.text.length, 0);
    const read = recording.reads.reduce((sum, r) => sum + (r.answer?.text.length ?? 0), 0);
    // Convex may skip a version (two pieces between two Transitions): that piece is then read by cursor.
    expect(received + read).to.be.at.most(3000 + 800);
    expect(received + read).to.be.at.least(3000);
  });

  it("reads once by cursor what it missed, and takes nothing twice from pieces it already read", async () => {
    const deployment = await signedInDeployment();
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 6000 characters.", await testStreamUrl());
    const recording = recordingClient(deployment.client);
    const reader = follow(recording, reply.streamId);
    await waitFor(() => reader.seen.length > 0, "the first answer");
    recording.hold();
    const driven = drive(deployment, reply);
    // Three pieces persisted while this tab heard nothing (as if Convex had skipped their versions).
    const held = await waitFor(() => recording.held().filter((tail) => tail.text).length >= 3 && recording.held(), "three pieces");
    expect(held.every((tail) => tail.status === "streaming")).to.equal(true);
    // The newest of them arrives alone: it starts past what the reader has, a gap.
    const newest = held.at(-1)!;
    expect(newest.from).to.be.greaterThan(0);
    recording.release((tail) => tail === newest);
    await waitFor(() => recording.reads[0]?.answer, "the read by cursor");
    expect(recording.reads[0].offset).to.equal(0);
    expect(recording.reads[0].answer!.text.length).to.be.at.least(newest.length);
    // Then the older ones, late (a piece the reader already read): nothing added twice.
    recording.hold();
    held.slice(0, -1).forEach((tail) => recording.held().push(tail));
    recording.release();

    const last = await reader.end();
    reader.stop();
    expect(reader.failures).to.deep.equal([]);
    expect(last.text).to.equal(await driven);
    expect(last.text.length).to.equal(6000);
    expectOnlyGrowing(reader.seen);
    expect(recording.subscriptions.length).to.equal(1);
  });

  it("a reader opening mid-reply catches up once, then follows the pieces", async () => {
    const deployment = await signedInDeployment();
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 6000 characters.", await testStreamUrl());
    const driven = drive(deployment, reply);
    // Open once two pieces are persisted: the newest then starts past what a new reader has.
    let newest = await deployment.client.query(chatApi.streamTail, { streamId: reply.streamId });
    while (newest.from === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      newest = await deployment.client.query(chatApi.streamTail, { streamId: reply.streamId });
    }
    const recording = recordingClient(deployment.client);
    const reader = follow(recording, reply.streamId);
    const last = await reader.end();
    reader.stop();

    expect(reader.failures).to.deep.equal([]);
    expect(last.text).to.equal(await driven);
    expectOnlyGrowing(reader.seen);
    expect(recording.subscriptions.length).to.equal(1);
    // The first answer started past nothing: one read from 0 caught up.
    expect(recording.reads[0].offset).to.equal(0);
    expect(recording.reads[0].answer!.text.length).to.be.at.least(newest.length);
  });

  it("a reader opening after the end reads the text once, told by the final length", async () => {
    const deployment = await signedInDeployment();
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 3000 characters.", await testStreamUrl());
    const driven = await drive(deployment, reply);
    // The HTTP body may end just before the reply's end is committed.
    while ((await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId })).status !== "done") {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recording = recordingClient(deployment.client);
    const reader = follow(recording, reply.streamId);
    const last = await reader.end();
    reader.stop();

    expect(reader.failures).to.deep.equal([]);
    expect(last.text).to.equal(driven);
    // One answer, the ending: its last piece starts past what the reader has, so it reads from 0 once.
    expect(recording.answers.length).to.equal(1);
    expect(recording.answers[0]).to.include({ length: 3000, status: "done", text: driven.slice(recording.answers[0].from) });
    expect(recording.answers[0].from).to.be.greaterThan(0);
    expect(recording.reads.map((r) => r.offset)).to.deep.equal([0]);
    expect(reader.seen).to.deep.equal([{ text: driven, status: "done" }]);
  });
});
