// A driver's HTTP stream on a real broken network (the cutting proxy in front of the stream route),
// while its client reads the database directly: every failure ends in the stored reply, never an error.
import { expect } from "@open-wc/testing";
import { proxiedStreamUrl, proxy } from "../../test/proxy-test-helpers.js";
import { freshVisitor, recordingFetch, signedInDeployment, testStreamUrl, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import type { Deployment } from "./deployment.js";
import { finalBody, NO_TAKEOVER, record, sendAndGetReply, streamTracker } from "../../test/reply-test-helpers.js";

describe("ReplyStream on a broken network", () => {
  let deployment: Deployment;
  const follow = streamTracker();

  beforeEach(async () => {
    await freshVisitor();
    deployment = await signedInDeployment();
  });
  afterEach(() => proxy("reset"));

  it("a reply whose bytes stop arriving (nothing closes) is finished from the database after the idle timeout", async () => {
    const reply = await sendAndGetReply(deployment, "Please reply with 2000 characters.", await proxiedStreamUrl());
    const driver = follow({ ...reply, driven: true, idleTimeoutMs: 1_500, ...NO_TAKEOVER });
    const seen = record(driver);
    await waitFor(() => driver.body.value.text.length > 200, "the reply to start", 60_000);
    await proxy("mute");

    const final = await finalBody(driver);
    const persisted = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(final).to.deep.equal(persisted);
    expect(final).to.deep.include({ status: "done" });
    expect(final.text).to.have.length(2_000);
    expect(seen.filter((b) => b.status === "error" || b.status === "timeout")).to.deep.equal([]);
    for (const body of seen) expect(final.text.startsWith(body.text)).to.equal(true);
    expect(seen.at(-1)?.driving, "it read the database in the end").to.equal(false);
  });

  it("a driver that starts while the network is down keeps trying and generates the reply once it is back", async () => {
    const reply = await sendAndGetReply(deployment, "Are you reachable?", await testStreamUrl());
    await proxy("refuse");
    const requests = recordingFetch();
    const driver = follow({ ...reply, streamUrl: await proxiedStreamUrl(), driven: true, fetch: requests.fetch, ...NO_TAKEOVER });
    await waitFor(() => requests.statuses.length >= 1, "a refused attempt");
    await proxy("accept");

    const final = await finalBody(driver);
    expect(final.status).to.equal("done");
    expect(requests.statuses[0]).to.equal("error");
    expect(requests.statuses.at(-1)).to.equal(200);
    expect(final).to.deep.equal(await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId }));
  });
});
