// The script-tag entry on a page that queued calls before it loaded: the README's stub snippet,
// then the script (imported here, as the bundle would run it), then the API it leaves on window.
import { expect } from "@open-wc/testing";
import type { ConvexChat } from "./convex-chat/convex-chat.js";
import { finalReply, input, shownMessages, waitUntilReady } from "../test/chat-test-helpers.js";
import type { ConvexChatGlobal } from "./embed.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../test/test-helpers.js";

/** The snippet the README tells hosts to paste before the script tag (kept verbatim). */
function pasteStubSnippet(): void {
  // prettier-ignore
  {
  // @ts-expect-error The snippet is plain browser JavaScript, as pasted.
  window.ConvexChat=window.ConvexChat||{q:[]};"open close toggle send newConversation prefill".split(" ").forEach(function(m){ConvexChat[m]=ConvexChat[m]||function(){ConvexChat.q.push([m,[].slice.call(arguments)])}});
  }
}

describe("script-tag embed (window.ConvexChat)", () => {
  before(freshVisitor);

  it("replays calls queued before it loaded on the chat it inserts, then drives it directly", async () => {
    const { url, siteUrl } = await testBackend();
    pasteStubSnippet();
    const stub = window.ConvexChat as unknown as ConvexChatGlobal & { q: unknown[] };
    stub.open();
    stub.prefill("Queued before the script loaded");
    stub.send("Sent before the script loaded");
    expect(stub.q).to.have.length(3);

    // The script tag: only its data attributes matter (the module is imported below).
    const tag = Object.assign(document.createElement("script"), { type: "text/plain" });
    Object.assign(tag.dataset, { convexUrl: url, siteUrl, siteKey: TEST_SITE_KEY });
    document.head.append(tag);
    await import("./embed.js");

    const api = window.ConvexChat as ConvexChatGlobal;
    const chat = await waitFor(() => document.querySelector<ConvexChat>("convex-chat[data-embedded]"), "the inserted chat");
    expect(api.element).to.equal(chat);
    expect(chat.mode).to.equal("floating");
    expect(chat.isOpen).to.equal(true);
    expect(input(chat).value).to.equal("Queued before the script loaded");
    await waitFor(() => shownMessages(chat)[0]?.text === "Sent before the script loaded", "the queued message");
    expect((await finalReply(chat)).status).to.equal("done");

    api.close();
    expect(chat.isOpen).to.equal(false);
    api.toggle();
    expect(chat.isOpen).to.equal(true);
    api.newConversation();
    await waitFor(() => shownMessages(chat).length === 0, "a new conversation");
    await waitUntilReady(chat);
    await api.send("Sent through the loaded API");
    await waitFor(() => shownMessages(chat)[0]?.text === "Sent through the loaded API", "the message");
    await finalReply(chat);
    await api.prefill("Prefilled directly");
    expect(input(chat).value).to.equal("Prefilled directly");
    expect(document.querySelectorAll("convex-chat")).to.have.length(1);
  });
});
