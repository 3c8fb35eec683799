import { expect } from "@open-wc/testing";
import { freshVisitor, recordingFetch, signedInDeployment, testBackend, testStreamUrl, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import type { Deployment } from "./deployment.js";
import { RETRY_DELAYS_MS } from "./reply-stream.js";
import { finalBody, NO_TAKEOVER, record, sendAndGetReply, streamTracker } from "../../test/reply-test-helpers.js";

describe("ReplyStream recovery", () => {
  let deployment: Deployment;
  let streamUrl: string;
  const follow = streamTracker();

  beforeEach(async () => {
    await freshVisitor();
    deployment = await signedInDeployment();
    streamUrl = await testStreamUrl();
  });

  it("retries a driver whose token is not ready, and still generates the reply itself", async () => {
    const reply = await sendAndGetReply(deployment, "Are you there?", streamUrl);
    let tokenCalls = 0;
    const flakyToken = (forceRefresh?: boolean) =>
      ++tokenCalls === 1 ? Promise.reject(new Error("no token yet")) : reply.token(forceRefresh);
    const requests = recordingFetch();
    const driver = follow({ ...reply, token: flakyToken, driven: true, fetch: requests.fetch, ...NO_TAKEOVER });

    const final = await finalBody(driver);
    expect(final.status).to.equal("done");
    expect(final.text.length).to.be.greaterThan(20);
    expect(tokenCalls).to.equal(2);
    expect(requests.statuses).to.deep.equal([200]);
  });

  it("falls back to the database when the driver's fetch keeps failing, after a bounded number of tries", async () => {
    const reply = await sendAndGetReply(deployment, "Hello?", streamUrl);
    const requests = recordingFetch();
    // Nothing listens on port 1: every fetch is refused.
    const failing = follow({ ...reply, streamUrl: "http://127.0.0.1:1/chat-stream", driven: true, fetch: requests.fetch, ...NO_TAKEOVER });
    await waitFor(() => !failing.driving, "the failed driver to fall back");
    expect(requests.statuses).to.deep.equal(Array(RETRY_DELAYS_MS.length + 1).fill("error"));
    follow({ ...reply, driven: true });

    const final = await finalBody(failing);
    expect(final.status).to.equal("done");
    expect(final.text.length).to.be.greaterThan(20);
  });

  it("falls back to the database when the driver's fetch is aborted mid-reply", async () => {
    const reply = await sendAndGetReply(deployment, "Explain streaming, please.", streamUrl);
    const cut = new AbortController();
    const cuttableFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.any([init!.signal!, cut.signal]) });
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

  it("gives up on a response that goes quiet and reads the database instead", async () => {
    const { stallingUrl } = await testBackend();
    const reply = await sendAndGetReply(deployment, "Is anyone there?", streamUrl);
    // The stalling route answers 200, sends a word and then holds the connection open for ever.
    const stalled = follow({ ...reply, streamUrl: `${stallingUrl}/chat-stream`, driven: true, idleTimeoutMs: 1_000, ...NO_TAKEOVER });
    const seen = record(stalled);
    await waitFor(() => seen.some((b) => b.driving && b.text === "Stalled"), "the stalled response's text");
    await waitFor(() => !stalled.driving, "the idle driver to fall back");

    // The visitor's other tab generates the reply; the stalled one follows it from the database.
    follow({ ...reply, driven: true });
    const final = await finalBody(stalled);
    expect(final.status).to.equal("done");
    const persisted = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(final).to.deep.equal(persisted);
  });

  it("a reader drives a reply nobody started (its tab closed before the POST)", async () => {
    const reply = await sendAndGetReply(deployment, "Did you get this?", streamUrl);
    const requests = recordingFetch();
    const reader = follow({ ...reply, driven: false, fetch: requests.fetch, takeoverAfterMs: 500 });
    const seen = record(reader);

    const final = await finalBody(reader);
    expect(final.status).to.equal("done");
    expect(final.text.length).to.be.greaterThan(20);
    expect(requests.statuses).to.deep.equal([200]);
    expect(seen.some((b) => b.driving && b.status === "streaming")).to.equal(true);
  });

  it("readers racing to start the same reply: exactly one generates it, the others read", async () => {
    const reply = await sendAndGetReply(deployment, "Who answers?", streamUrl);
    const racers = [recordingFetch(), recordingFetch(), recordingFetch()];
    const readers = racers.map((r) => follow({ ...reply, driven: false, fetch: r.fetch, takeoverAfterMs: 300 }));

    const finals = await Promise.all(readers.map(finalBody));
    expect(finals[1]).to.deep.equal(finals[0]);
    expect(finals[2]).to.deep.equal(finals[0]);
    const statuses = racers.flatMap((r) => r.statuses);
    expect(statuses.filter((status) => status === 200)).to.have.length(1);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 409)).to.equal(true);
  });
});
