import { expect, oneEvent } from "@open-wc/testing";
import { MAX_MESSAGE_LENGTH } from "../core/api.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, input, shownMessages, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import type { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import type { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";
import type { ConvexChatSendEvent } from "../events/convex-chat-send.js";

/** What `promise` rejected with (fails if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a rejection");
}

describe("<convex-chat> host page API", () => {
  beforeEach(freshVisitor);

  it("send(text) waits for the sign-in, sends as the visitor and reports the reply's start and end", async () => {
    const chat = await chatFixture();
    const sent = oneEvent<ConvexChatSendEvent>(chat, "convex-chat-send");
    const started = oneEvent<ConvexChatReplyStartEvent>(document, "convex-chat-reply-start");
    const ended = oneEvent<ConvexChatReplyEndEvent>(document, "convex-chat-reply-end");
    // Called at once: the visitor is not signed in yet.
    await chat.send("Sent by the host page");

    const { streamId } = await sent;
    const start = await started;
    expect(start.streamId).to.equal(streamId);
    expect(start).to.include({ bubbles: true, composed: true });
    const end = await ended;
    expect(end).to.include({ messageId: start.messageId, status: "done", bubbles: true, composed: true });
    const shown = await finalReply(chat);
    expect(end.text.length).to.be.greaterThan(20);
    expect(shown.status).to.equal("done");
    expect(shownMessages(chat)[0]).to.deep.equal({ role: "user", status: "done", text: "Sent by the host page" });
    expect(input(chat).value).to.equal(""); // the composer was not involved
  });

  it("send(text) refuses bad input with a reason and a code, sending nothing; a send while a reply is written goes", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const errors: ConvexChatErrorEvent[] = [];
    chat.addEventListener("convex-chat-error", (event) => errors.push(event));

    expect(await rejection(chat.send("  \n "))).to.include({ code: "EMPTY_MESSAGE" });
    const tooLong = await rejection(chat.send("a".repeat(MAX_MESSAGE_LENGTH + 1)));
    expect(tooLong).to.include({ code: "MESSAGE_TOO_LONG" });
    expect(tooLong.message).to.contain("over the limit of 4000");
    expect(shownMessages(chat)).to.deep.equal([]);

    await chat.send("Reply with 3000 characters, please.");
    // At once, before the conversation even lists the reply: accepted, answered by the next reply.
    await chat.send("Not too soon");
    expect(errors.map((e) => [e.source, e.code])).to.deep.equal([
      ["send", "EMPTY_MESSAGE"],
      ["send", "MESSAGE_TOO_LONG"],
    ]);
    await waitFor(() => shownMessages(chat).filter((m) => m.role === "assistant").length === 2, "the next reply");
    await finalReply(chat);
    expect(shownMessages(chat).map((m) => [m.role, m.status])).to.deep.equal([
      ["user", "done"],
      ["assistant", "done"],
      ["user", "done"],
      ["assistant", "done"],
    ]);
    expect(shownMessages(chat)[2].text).to.equal("Not too soon");
    expect(shownMessages(chat)[3].text).to.contain("Not too soon");
  });

  it("prefill(text) fills the composer, opens the floating panel and focuses the field, sending nothing", async () => {
    const chat = await chatFixture();
    chat.mode = "floating";
    await waitUntilReady(chat);
    expect(chat.isOpen).to.equal(false);
    let sends = 0;
    chat.addEventListener("convex-chat-send", () => sends++);

    await chat.prefill("I have a question about my order");
    expect(chat.isOpen).to.equal(true);
    expect(input(chat).value).to.equal("I have a question about my order");
    await waitFor(() => chat.shadowRoot!.activeElement === input(chat), "focus in the field");
    expect(input(chat).selectionStart).to.equal("I have a question about my order".length);
    expect(sends).to.equal(0);
    expect(shownMessages(chat)).to.deep.equal([]);
  });

  it("newConversation() starts afresh: the next message goes to a new conversation", async () => {
    const chat = await chatFixture();
    const first = oneEvent<ConvexChatSendEvent>(chat, "convex-chat-send");
    await chat.send("In the first conversation");
    const { conversationId } = await first;
    await finalReply(chat);

    chat.newConversation();
    await waitFor(() => shownMessages(chat).length === 0, "an empty conversation");
    const second = oneEvent<ConvexChatSendEvent>(chat, "convex-chat-send");
    await chat.send("In the second conversation");
    expect((await second).conversationId).to.not.equal(conversationId);
    await waitFor(() => shownMessages(chat)[0]?.text === "In the second conversation", "the new conversation");
    expect(shownMessages(chat).filter((m) => m.role === "user")).to.have.length(1);
  });
});
