import { expect } from "@open-wc/testing";
import { freshVisitor, recordingFetch, signedInDeployment, testStreamUrl, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import type { Deployment } from "./deployment.js";
import { finalBody, growthWhileStreaming, NO_TAKEOVER, record, sendAndGetReply, streamTracker } from "../../test/reply-test-helpers.js";

describe("ReplyStream (port of useStream)", () => {
  let deployment: Deployment;
  let streamUrl: string;
  const follow = streamTracker();

  beforeEach(async () => {
    await freshVisitor();
    deployment = await signedInDeployment();
    streamUrl = await testStreamUrl();
  });

  it("drives: reads the HTTP body as it grows, then settles on the persisted final text", async () => {
    const reply = await sendAndGetReply(deployment, "What can you do?", streamUrl);
    const requests = recordingFetch();
    const driver = follow({ ...reply, driven: true, fetch: requests.fetch });
    const seen = record(driver);
    const final = await finalBody(driver);

    expect(final.status).to.equal("done");
    expect(requests.statuses).to.deep.equal([200]);
    expect(growthWhileStreaming(seen).length).to.be.greaterThan(3);
    expect(seen.filter((b) => b.status === "streaming").every((b) => b.driving)).to.equal(true);
    // Text only ever grows: no flicker back to a shorter persisted prefix.
    seen.forEach((b, i) => i > 0 && expect(b.text.startsWith(seen[i - 1].text)).to.equal(true));
    const persisted = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(persisted).to.deep.equal({ text: final.text, status: "done" });
  });

  it("reads: another viewer follows the same reply from the database and never generates it", async () => {
    // Long enough for several persisted pieces (the timed policy flushes every 400 characters).
    const reply = await sendAndGetReply(deployment, "Tell me about Convex; reply with 3000 characters.", streamUrl);
    const readerRequests = recordingFetch();
    const reader = follow({ ...reply, driven: false, fetch: readerRequests.fetch });
    const seen = record(reader);
    const driverRequests = recordingFetch();
    const driver = follow({ ...reply, driven: true, fetch: driverRequests.fetch });

    const [read, driven] = await Promise.all([finalBody(reader), finalBody(driver)]);
    expect(read).to.deep.equal(driven);
    expect(driverRequests.statuses).to.deep.equal([200]);
    // A reader may ask once if the reply looks unstarted for a while, but is then refused.
    expect(readerRequests.statuses.every((status) => status === 409)).to.equal(true);
    expect(seen.some((b) => b.status === "streaming" && b.text.length > 0 && b.text.length < read.text.length)).to.equal(true);
    expect(seen.some((b) => b.driving && b.status === "streaming")).to.equal(false);
  });

  it("a second driver is refused (409) and shows the same text once, from the database", async () => {
    const reply = await sendAndGetReply(deployment, "Count to three.", streamUrl);
    const first = follow({ ...reply, driven: true });
    const seenFirst = record(first);
    await waitFor(() => first.body.value.status === "streaming", "first driver streaming");
    const secondRequests = recordingFetch();
    const second = follow({ ...reply, driven: true, fetch: secondRequests.fetch, ...NO_TAKEOVER });
    const seenSecond = record(second);

    const [a, b] = await Promise.all([finalBody(first), finalBody(second)]);
    expect(b).to.deep.equal(a);
    expect(secondRequests.statuses).to.deep.equal([409]);
    expect(seenSecond.some((body) => body.driving && body.status === "streaming")).to.equal(false);
    expect(seenFirst.some((body) => body.driving && body.status === "streaming")).to.equal(true);
  });
});
