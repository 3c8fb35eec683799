import { expect, oneEvent } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, chatsFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import type { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import { COPIED_FOR_MS } from "./reply-actions-controller.js";

const parts = (chat: ConvexChat, part: string) => [...chat.shadowRoot!.querySelectorAll<HTMLButtonElement>(`[part~=${part}]`)];
const newestReply = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "assistant")
    .at(-1);

/** A backend whose AI provider is unreachable: every reply fails on the server. */
async function failingBackend(): Promise<{ url: string; siteUrl: string }> {
  return (await fetch("/__failing-backend.json")).json();
}

describe("<convex-chat> reply actions", () => {
  beforeEach(freshVisitor);

  it("Stop ends the reply on the server: the partial text stays, marked stopped, for every viewer", async () => {
    const [sender, viewer] = await chatsFixture([{ conversationKey: "stop" }, { conversationKey: "stop" }]);
    await Promise.all([waitUntilReady(sender), waitUntilReady(viewer)]);
    const ended = oneEvent<ConvexChatReplyEndEvent>(sender, "convex-chat-reply-end");
    await typeAndSend(sender, "Write a long answer; reply with 20000 characters.");
    await waitFor(() => (newestReply(sender)?.text.length ?? 0) > 200, "the reply to be under way");

    parts(sender, "stop-button")[0].click();
    await sender.updateComplete;
    expect(parts(sender, "stop-button")[0]?.disabled ?? true, "Stop is disabled once asked").to.equal(true);
    const { status, text } = await ended;
    expect(status).to.equal("stopped");
    expect(text.length).to.be.greaterThan(200).and.lessThan(20_000);
    const stopped = await finalReply(sender);
    expect(stopped.status).to.equal("stopped");
    // The viewer reads the same stored partial text.
    await waitFor(() => newestReply(viewer)?.status === "stopped", "the viewer to see it stopped");
    expect(newestReply(viewer)!.text).to.equal(stopped.text);
    // Both see why it ended short.
    for (const chat of [sender, viewer]) {
      const note = chat.shadowRoot!.querySelectorAll("article.assistant")[0]?.querySelector("[part~=reply-stopped]");
      expect(note?.textContent?.trim()).to.equal("The reply was stopped.");
      expect(note!.checkVisibility()).to.equal(true);
    }
    expect(parts(sender, "stop-button")).to.have.length(0);
    expect(parts(sender, "copy-button")).to.have.length(1);
  });

  it("Stop right after sending, before the reply is listed, stops that reply", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const sent = oneEvent(chat, "convex-chat-send");
    await typeAndSend(chat, "Write a long answer; reply with 20000 characters.");
    await sent;
    await chat.updateComplete;
    // A new conversation's messages need a round trip to load: the reply is not shown yet.
    expect(
      shownMessages(chat).filter((m) => m.role === "assistant"),
      "no reply shown yet",
    ).to.have.length(0);
    parts(chat, "stop-button")[0].click();
    await chat.updateComplete;
    expect(parts(chat, "stop-button")[0]?.disabled ?? true, "Stop is disabled once asked").to.equal(true);

    const reply = await finalReply(chat);
    expect(reply.status).to.equal("stopped");
    expect(reply.text.length).to.be.lessThan(20_000);
    expect(chat.shadowRoot!.querySelector("[part~=reply-stopped]")?.textContent?.trim()).to.equal("The reply was stopped.");
  });

  it("Copy puts the reply's text on the clipboard and says so", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const ended = oneEvent<ConvexChatReplyEndEvent>(chat, "convex-chat-reply-end");
    await typeAndSend(chat, "Say something I can copy.");
    const { text } = await ended;
    const copy = await waitFor(() => parts(chat, "copy-button")[0], "the Copy button");
    expect(copy.textContent?.trim()).to.equal("Copy");
    await navigator.clipboard.writeText("something else");

    copy.click();
    await waitFor(() => copy.textContent?.trim() === "Copied", "Copied");
    expect(await navigator.clipboard.readText()).to.equal(text);
    expect(chat.shadowRoot!.querySelector(".reply-actions [role=status]")?.textContent).to.equal("Copied");
    await waitFor(() => copy.textContent?.trim() === "Copy", "Copy again", COPIED_FOR_MS * 10);
  });

  it("Retry on a failed reply answers the same question again, below it, without showing the question twice", async () => {
    const chat = await chatFixture({ backend: await failingBackend() });
    await waitUntilReady(chat);
    await typeAndSend(chat, "Will this one fail?");
    // The stored status: the driver's body ends before the failure is read back.
    await waitFor(() => newestReply(chat)?.status === "error", "the reply to fail", 60_000);

    const retry = await waitFor(() => parts(chat, "retry-reply-button")[0], "the Retry button");
    expect(retry.textContent?.trim()).to.equal("Retry");
    retry.click();
    await waitFor(() => shownMessages(chat).length === 3, "a new reply");
    await waitFor(() => shownMessages(chat)[2]?.status === "error", "the second reply to fail", 60_000);
    expect(shownMessages(chat).map((m) => m.role)).to.deep.equal(["user", "assistant", "assistant"]);
    expect(
      shownMessages(chat)
        .filter((m) => m.role === "user")
        .map((m) => m.text),
    ).to.deep.equal(["Will this one fail?"]);
    // Only the newest failed reply offers Retry.
    await waitFor(() => parts(chat, "retry-reply-button").length === 1, "one Retry button");
    const articles = [...chat.shadowRoot!.querySelectorAll("article.assistant")];
    expect(articles.at(-1)!.nextElementSibling?.querySelector("[part~=retry-reply-button]")).to.not.equal(null);
  });

  it("Regenerate on a stopped reply answers the question again below it", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await typeAndSend(chat, "Write a long answer; reply with 20000 characters.");
    await waitFor(() => (newestReply(chat)?.text.length ?? 0) > 200, "the reply to be under way");
    parts(chat, "stop-button")[0].click();
    await waitFor(() => newestReply(chat)?.status === "stopped", "the reply to be stopped");

    const regenerate = await waitFor(() => parts(chat, "regenerate-reply-button")[0], "the Regenerate button");
    expect(regenerate.textContent?.trim()).to.equal("Regenerate");
    await waitFor(() => !regenerate.disabled, "Regenerate to be enabled");
    regenerate.click();
    await waitFor(() => shownMessages(chat).length === 3 && shownMessages(chat)[2].text.length > 200, "the new reply to be written");
    expect(shownMessages(chat).filter((m) => m.role === "user")).to.have.length(1);
    expect(shownMessages(chat)[1].status).to.equal("stopped");
    // Stopped again, the new reply offers Regenerate; the older one no longer does.
    parts(chat, "stop-button")[0].click();
    await waitFor(() => shownMessages(chat)[2]?.status === "stopped", "the new reply to be stopped");
    await waitFor(() => parts(chat, "regenerate-reply-button").length === 1, "one Regenerate button");
    const articles = [...chat.shadowRoot!.querySelectorAll("article.assistant")];
    expect(articles.at(-1)!.nextElementSibling?.querySelector("[part~=regenerate-reply-button]")).to.not.equal(null);
  });
});
