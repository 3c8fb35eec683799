// The driver's HTTP body ends the same way whether the reply is done, failed or was stopped: the
// port must report a final status only once the server has stored it.
import { expect } from "@open-wc/testing";
import { freshVisitor, recordingFetch, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi, isFinal } from "./api.js";
import { getDeployment } from "./deployment.js";
import { finalBody, NO_TAKEOVER, record, sendAndGetReply, streamTracker } from "../../test/reply-test-helpers.js";

/** A backend whose AI provider is unreachable: every reply fails on the server. */
async function failingBackend(): Promise<{ url: string; siteUrl: string }> {
  return (await fetch("/__failing-backend.json")).json();
}

describe("ReplyStream final status", () => {
  const follow = streamTracker();
  beforeEach(freshVisitor);

  it("a failed reply whose HTTP body ended normally is never reported done: its first final status is the stored error", async () => {
    const backend = await failingBackend();
    const deployment = getDeployment(backend.url);
    deployment.auth.start(TEST_SITE_KEY);
    await waitFor(() => deployment.auth.state.value.status === "signed-in", "sign-in on the failing backend");
    const reply = await sendAndGetReply(deployment, "Will this fail?", `${backend.siteUrl}/chat-stream?site=${TEST_SITE_KEY}`);
    const requests = recordingFetch();
    const driver = follow({ ...reply, driven: true, fetch: requests.fetch, ...NO_TAKEOVER });
    const seen = record(driver);

    const final = await finalBody(driver);
    // The route claimed it and its body ended (200): only the database knows it failed.
    expect(requests.statuses).to.deep.equal([200]);
    expect(final.status).to.equal("error");
    expect(seen.find((body) => isFinal(body.status))?.status).to.equal("error");
    expect(seen.map((body) => body.status)).to.not.include("done");
    const stored = await deployment.client.query(chatApi.getStreamBody, { streamId: reply.streamId });
    expect(final).to.deep.equal(stored);
  });
});
