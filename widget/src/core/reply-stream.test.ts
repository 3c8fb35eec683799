import { expect } from "@open-wc/testing";
import { freshVisitor, signedInDeployment, testBackend, waitFor } from "../test-helpers.js";
import { chatApi, isFinal, type StreamBody } from "./api.js";
import type { Deployment } from "./deployment.js";
import { ReplyStream, type ReplyStreamOptions } from "./reply-stream.js";

/** Sends a message and returns the options for following its reply. */
async function sendAndGetReply(deployment: Deployment, text: string, streamUrl: string) {
  const { streamId } = await deployment.client.mutation(chatApi.sendMessage, { text });
  return { client: deployment.client, streamId, streamUrl, token: () => deployment.auth.token() };
}

/** Records every body the stream shows, with whether it came from the HTTP response. */
function record(stream: ReplyStream) {
  const seen: Array<StreamBody & { driving: boolean }> = [];
  stream.body.subscribe((body) => seen.push({ ...body, driving: stream.driving }));
  return seen;
}

function finalBody(stream: ReplyStream): Promise<StreamBody> {
  return waitFor(() => isFinal(stream.body.value.status) && stream.body.value, "final reply", 60_000);
}

function growthWhileStreaming(seen: StreamBody[]): number[] {
  return [...new Set(seen.filter((b) => b.status === "streaming").map((b) => b.text.length))];
}

describe("ReplyStream (port of useStream)", () => {
  let deployment: Deployment;
  let streamUrl: string;
  const streams: ReplyStream[] = [];
  const follow = (options: ReplyStreamOptions) => {
    const stream = new ReplyStream(options);
    streams.push(stream);
    return stream;
  };

  beforeEach(async () => {
    await freshVisitor();
    deployment = await signedInDeployment();
    streamUrl = `${(await testBackend()).siteUrl}/chat-stream`;
  });
  afterEach(() => streams.splice(0).forEach((stream) => stream.dispose()));

  it("drives: reads the HTTP body as it grows, then settles on the persisted final text", async () => {
    const reply = await sendAndGetReply(deployment, "What can you do?", streamUrl);
    const driver = follow({ ...reply, driven: true });
    const seen = record(driver);
    const final = await finalBody(driver);

    expect(final.status).to.equal("done");
    expect(growthWhileStreaming(seen).length).to.be.greaterThan(3);
    expect(seen.filter((b) => b.status === "streaming").every((b) => b.driving)).to.equal(true);
    // Text only ever grows: no flicker back to a shorter persisted prefix.
    seen.forEach((b, i) => i > 0 && expect(b.text.startsWith(seen[i - 1].text)).to.equal(true));
    const persisted = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(persisted).to.deep.equal({ text: final.text, status: "done" });
  });

  it("reads: another viewer follows the same reply from the database", async () => {
    const reply = await sendAndGetReply(deployment, "Tell me about Convex.", streamUrl);
    const reader = follow({ ...reply, driven: false });
    const seen = record(reader);
    const driver = follow({ ...reply, driven: true });

    const [read, driven] = await Promise.all([finalBody(reader), finalBody(driver)]);
    expect(read).to.deep.equal(driven);
    expect(seen.some((b) => b.status === "streaming" && b.text.length > 0 && b.text.length < read.text.length)).to.equal(true);
    expect(seen.every((b) => !b.driving)).to.equal(true);
  });

  it("falls back to the database when the driver's fetch fails", async () => {
    const reply = await sendAndGetReply(deployment, "Hello?", streamUrl);
    // Nothing listens on port 1: the fetch is refused.
    const failing = follow({ ...reply, streamUrl: "http://127.0.0.1:1/chat-stream", driven: true });
    await waitFor(() => !failing.driving, "the failed driver to fall back");
    follow({ ...reply, driven: true });

    const final = await finalBody(failing);
    expect(final.status).to.equal("done");
    expect(final.text.length).to.be.greaterThan(20);
  });

  it("falls back to the database when the driver's fetch is aborted mid-reply", async () => {
    const reply = await sendAndGetReply(deployment, "Explain streaming, please.", streamUrl);
    const cut = new AbortController();
    const cuttableFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.any([init!.signal!, cut.signal]) });
    const driver = follow({ ...reply, driven: true, fetch: cuttableFetch });
    const seen = record(driver);

    const before = await waitFor(() => driver.body.value.text.length > 0 && driver.body.value.text, "first text");
    cut.abort();
    const final = await finalBody(driver);

    expect(final.status).to.equal("done");
    expect(final.text.startsWith(before)).to.equal(true);
    expect(final.text.length).to.be.greaterThan(before.length);
    expect(seen.at(-1)?.driving).to.equal(false);
    const persisted = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(final.text).to.equal(persisted.text);
  });

  it("a second driver is refused (409) and shows the same text once, from the database", async () => {
    const reply = await sendAndGetReply(deployment, "Count to three.", streamUrl);
    const first = follow({ ...reply, driven: true });
    await waitFor(() => first.body.value.status === "streaming", "first driver streaming");
    const second = follow({ ...reply, driven: true });

    const [a, b] = await Promise.all([finalBody(first), finalBody(second)]);
    expect(b).to.deep.equal(a);
    expect(second.driving).to.equal(false);
  });
});
