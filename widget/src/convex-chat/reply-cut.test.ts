// A reply cut at its token limit says so and offers to continue. The `short-replies` site
// (web-test-runner.config.mjs) allows 150 tokens (600 characters) a reply; the offline responder is asked for more.
import { expect } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const $$ = (chat: ConvexChat, selector: string) => [...chat.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const assistantArticles = (chat: ConvexChat) => $$(chat, "article.assistant");

describe("<convex-chat> a reply cut at its length limit", () => {
  beforeEach(freshVisitor);

  it("says it was cut, and Continue sends a follow-up whose reply is answered below", async () => {
    const chat = await chatFixture({ siteKey: "short-replies" });
    await waitUntilReady(chat);
    await typeAndSend(chat, "Tell me everything; reply with 3000 characters.");
    const cut = await finalReply(chat);
    expect(cut.status).to.equal("done");
    expect(cut.text.length).to.be.greaterThan(0).and.at.most(600);

    const note = await waitFor(() => assistantArticles(chat)[0]?.querySelector<HTMLElement>("[part~=reply-cut]"), "the cut note");
    expect(note.textContent?.trim()).to.equal("The reply was cut at its length limit.");
    expect(note.checkVisibility()).to.equal(true);
    const continueButton = await waitFor(() => $$(chat, "[part~=continue-reply-button]")[0] as HTMLButtonElement | undefined, "Continue");
    expect(continueButton.textContent?.trim()).to.equal("Continue");
    await waitFor(() => !continueButton.disabled, "Continue to be enabled");

    continueButton.click();
    await waitFor(() => shownMessages(chat).length === 4, "the follow-up and its reply");
    expect(shownMessages(chat)[2]).to.deep.include({ role: "user", text: "Please continue." });
    expect((await finalReply(chat)).status).to.equal("done");
    // A short answer to "Please continue." is whole: no note, no Continue under it; the older cut
    // reply keeps its note but no longer offers to continue.
    await waitFor(() => $$(chat, "[part~=continue-reply-button]").length === 0, "Continue gone");
    expect(assistantArticles(chat)[1].querySelector("[part~=reply-cut]")).to.equal(null);
    expect(assistantArticles(chat)[0].querySelector("[part~=reply-cut]")).to.not.equal(null);
  });

  it("a whole reply has no note and no Continue", async () => {
    const chat = await chatFixture({ siteKey: "short-replies" });
    await waitUntilReady(chat);
    await typeAndSend(chat, "Hi");
    expect((await finalReply(chat)).status).to.equal("done");
    await waitFor(() => $$(chat, "[part~=copy-button]").length === 1, "the reply's actions");
    expect($$(chat, "[part~=reply-cut]")).to.have.length(0);
    expect($$(chat, "[part~=continue-reply-button]")).to.have.length(0);
  });
});
