// The stream route's refusals as the driver reads them: a 429 is tried again after its Retry-After,
// a few times at most; one too long to wait for, or a refusal for good (403), ends the reply as
// failed with the server's reason. The real route answers 429 only when today's budget ran out
// between a send and its request (too slow a state to build here), so the first answers come from
// a fetch that speaks the route's error format; the rest go to the real route.
import { expect } from "@open-wc/testing";
import { freshVisitor, signedInDeployment, testStreamUrl } from "../../test/test-helpers.js";
import type { Deployment } from "./deployment.js";
import { retryAfter } from "./stream-route-request.js";
import { RETRY_DELAYS_MS, type StreamRefusal } from "./reply-stream.js";
import { finalBody, NO_TAKEOVER, sendAndGetReply, streamTracker } from "../../test/reply-test-helpers.js";

const BUDGET_SPENT = "This chat has used up its replies for today.";

function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Answers the first `count` requests with `answer()`, the others from the real route; records the statuses. */
function refusingFirst(count: number, answer: () => Response) {
  const statuses: number[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const response = statuses.length < count ? answer() : await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  return { fetch: fetcher, statuses };
}

describe("ReplyStream refused by the stream route", () => {
  let deployment: Deployment;
  let streamUrl: string;
  const follow = streamTracker();

  beforeEach(async () => {
    await freshVisitor();
    deployment = await signedInDeployment();
    streamUrl = await testStreamUrl();
  });

  it("tries a 429 again after its Retry-After, and the reply then streams", async () => {
    const reply = await sendAndGetReply(deployment, "Are you busy?", streamUrl);
    const route = refusingFirst(2, () => refusal(429, "RATE_LIMITED", BUDGET_SPENT, { "Retry-After": "1" }));
    const driver = follow({ ...reply, driven: true, fetch: route.fetch, ...NO_TAKEOVER });
    expect((await finalBody(driver)).status).to.equal("done");
    expect(route.statuses).to.deep.equal([429, 429, 200]);
  });

  it("a 429 that keeps coming is tried a few times, then shown with the server's reason", async () => {
    const reply = await sendAndGetReply(deployment, "Still busy?", streamUrl);
    const route = refusingFirst(Infinity, () => refusal(429, "RATE_LIMITED", BUDGET_SPENT, { "Retry-After": "0" }));
    const refusals: StreamRefusal[] = [];
    const driver = follow({ ...reply, driven: true, fetch: route.fetch, onRefused: (r) => refusals.push(r), ...NO_TAKEOVER });
    expect(await finalBody(driver)).to.deep.equal({ text: "", status: "error", error: BUDGET_SPENT, code: "RATE_LIMITED" });
    expect(route.statuses).to.deep.equal(Array(RETRY_DELAYS_MS.length + 1).fill(429));
    expect(refusals).to.deep.equal([{ status: 429, code: "RATE_LIMITED", message: BUDGET_SPENT }]);
  });

  it("a 429 asking for longer than is worth waiting, and a 403, are shown at once", async () => {
    for (const answer of [
      () => refusal(429, "RATE_LIMITED", BUDGET_SPENT, { "Retry-After": "3600" }),
      () => refusal(403, "SITE_DISABLED", "This chat has been turned off by the site's operator."),
    ]) {
      const reply = await sendAndGetReply(deployment, "Hello?", streamUrl);
      const route = refusingFirst(Infinity, answer);
      const driver = follow({ ...reply, driven: true, fetch: route.fetch, ...NO_TAKEOVER });
      const { status, error } = await finalBody(driver);
      expect([status, error]).to.deep.equal(["error", (await answer().json()).error.message]);
      expect(route.statuses).to.have.length(1);
    }
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfter("120")).to.equal(120_000);
    expect(retryAfter(null)).to.equal(undefined);
    expect(retryAfter("soon")).to.equal(undefined);
    const inAMinute = retryAfter(new Date(Date.now() + 60_000).toUTCString())!;
    expect(inAMinute).to.be.within(58_000, 60_000);
    expect(retryAfter(new Date(0).toUTCString())).to.equal(0);
  });
});
