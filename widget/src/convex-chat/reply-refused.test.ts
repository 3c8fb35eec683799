// A reply the stream route refuses for good (here: the site was turned off between sending and the
// reply's request) ends with the server's reason, is reported, and frees the composer, rather than
// showing a caret for ever.
import { expect, oneEvent } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { freshVisitor, testBackend, waitFor } from "../../test/test-helpers.js";
import type { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import { chatFixture, finalReply, sendButton, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";

const SITE = "switchable"; // seeded by web-test-runner.config.mjs; the only site `update-site` may change
const updateSite = (enabled: boolean) => executeServerCommand("update-site", { key: SITE, enabled });

describe("<convex-chat> replies the stream route refuses", () => {
  beforeEach(freshVisitor);
  afterEach(async () => {
    await proxy("reset");
    await updateSite(true);
  });

  it("a site turned off before its reply starts: the server's reason shows, convex-chat-error fires, Send is back", async function () {
    this.timeout(120_000);
    const { url } = await testBackend();
    // Sync direct, the stream route through the proxy: the test holds back the reply's request.
    const chat = await chatFixture({ siteKey: SITE, backend: { url, siteUrl: (await proxyUrls()).siteUrl } });
    await waitUntilReady(chat);
    // A first reply streams, so the page's CORS preflight is cached, as for a visitor who has chatted.
    await typeAndSend(chat, "Hello");
    expect((await finalReply(chat)).status).to.equal("done");

    // Sending checks the site as well: the message is accepted first, then the operator turns it off.
    await proxy("refuse");
    await proxy("cut");
    const sent = oneEvent(chat, "convex-chat-send");
    const reported = oneEvent<ConvexChatErrorEvent>(chat, "convex-chat-error");
    await typeAndSend(chat, "Are you still there?");
    await sent;
    await updateSite(false);
    await proxy("accept");

    const event = await reported;
    expect([event.source, event.code, event.message]).to.deep.equal([
      "reply",
      "SITE_DISABLED",
      "This chat has been turned off by the site's operator.",
    ]);
    const reply = () => chat.shadowRoot!.querySelectorAll("article.assistant")[1];
    const reason = await waitFor(() => reply()?.querySelector("[part~=reply-error]"), "the reason under the reply");
    expect(reason.textContent?.trim()).to.equal("This chat has been turned off by the site's operator.");
    expect(reply().querySelector("[part~=caret]"), "no caret").to.equal(null);
    expect(reply().getAttribute("aria-busy")).to.equal("false");
    // The composer is free again: Send is back (not Stop).
    await waitFor(() => chat.shadowRoot!.querySelector("[part~=stop-button]") === null, "Stop to go");
    expect(sendButton(chat).getAttribute("part")).to.equal("send-button");
  });

  it("a page the site does not allow: sending works, the reply's request is refused, and it ends as failed", async function () {
    this.timeout(120_000);
    // The browser hides the route's 403 (its CORS preflight is refused): only after every try
    // (the driver's retries, then the readers' takeovers, ~30 s) may the chat call it failed.
    const chat = await chatFixture({ siteKey: "elsewhere" });
    await waitUntilReady(chat);
    const reported = oneEvent<ConvexChatErrorEvent>(chat, "convex-chat-error");
    await typeAndSend(chat, "Can you hear me?");
    const event = await reported;
    expect([event.source, event.message]).to.deep.equal(["reply", "The chat server could not be reached for this reply."]);
    const reason = await waitFor(
      () => chat.shadowRoot!.querySelector("article.assistant [part~=reply-error]"),
      "the reason under the reply",
    );
    expect(reason.textContent?.trim()).to.equal("The reply failed.");
    expect(chat.shadowRoot!.querySelector("article.assistant [part~=caret]"), "no caret").to.equal(null);
    await waitFor(() => chat.shadowRoot!.querySelector("[part~=stop-button]") === null, "Stop to go");
  });
});
