// How a reply's end reaches the visitor and the host page: only the stored final status is shown
// (never a "done" guessed from the end of the HTTP body), and every reply-start gets its reply-end,
// also when the visitor switched conversation mid-reply.
import { expect } from "@open-wc/testing";
import { chatApi } from "../core/api.js";
import { findDeployment } from "../core/deployment.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import type { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import type { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";
import { chatFixture, finalReply, recordReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

/** A backend whose AI provider is unreachable: every reply fails on the server. */
async function failingBackend(): Promise<{ url: string; siteUrl: string }> {
  return (await fetch("/__failing-backend.json")).json();
}

function recordEvents(chat: ConvexChat) {
  const starts: ConvexChatReplyStartEvent[] = [];
  const ends: ConvexChatReplyEndEvent[] = [];
  chat.addEventListener("convex-chat-reply-start", (event) => starts.push(event));
  chat.addEventListener("convex-chat-reply-end", (event) => ends.push(event));
  return { starts, ends };
}

const newestReply = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "assistant")
    .at(-1);

describe("<convex-chat> reply endings", () => {
  beforeEach(freshVisitor);

  it("a failed reply is never shown as done: its first final status is the stored error", async () => {
    const chat = await chatFixture({ backend: await failingBackend() });
    await waitUntilReady(chat);
    const { ends } = recordEvents(chat);
    const { seen, stop } = recordReply(chat);
    await typeAndSend(chat, "Will this one fail?");

    const reply = await finalReply(chat);
    stop();
    expect(reply.status).to.equal("error");
    expect(seen.map((m) => m.status)).to.not.include("done");
    await waitFor(() => ends.length === 1, "reply-end");
    expect(ends[0].status).to.equal("error");
  });

  it("a stopped reply is never shown as done, and keeps the text streamed so far on screen", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const { seen, stop } = recordReply(chat);
    await typeAndSend(chat, "Write a long answer; reply with 20000 characters.");
    await waitFor(() => (newestReply(chat)?.text.length ?? 0) > 200, "the reply to be under way");

    chat.shadowRoot!.querySelector<HTMLButtonElement>("[part~=stop-button]")!.click();
    const reply = await finalReply(chat);
    stop();
    expect(reply.status).to.equal("stopped");
    expect(seen.map((m) => m.status)).to.not.include("done");
    // Never a flicker back to shorter text while waiting for the stored status.
    const streaming = seen.filter((m) => m.status === "streaming");
    streaming.forEach((m, i) => i > 0 && expect(m.text.length).to.be.at.least(streaming[i - 1].text.length));
  });

  it("a reply left mid-way (the visitor switched conversation) still ends: one reply-end with the stored text", async () => {
    const { url } = await testBackend();
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const { starts, ends } = recordEvents(chat);
    await typeAndSend(chat, "Tell me about Convex; reply with 3000 characters.");
    await waitFor(() => starts.length === 1 && (newestReply(chat)?.text.length ?? 0) > 100, "the reply to be under way");
    const store = findDeployment(url)!.conversation(TEST_SITE_KEY);
    const left = store.value!;

    chat.newConversation();
    await waitFor(() => shownMessages(chat).length === 0, "the new, empty conversation");
    expect(ends, "not ended yet").to.have.length(0);
    await waitFor(() => ends.length === 1, "reply-end for the reply left", 45_000);
    const stored = await findDeployment(url)!.client.query(chatApi.listMessages, { conversationId: left });
    const reply = stored.find((m) => m._id === starts[0].messageId)!;
    expect(ends[0].messageId).to.equal(reply._id);
    expect(ends[0].status).to.equal("done");
    expect(ends[0].text).to.equal(reply.content);
    expect(ends[0].text).to.have.length.greaterThan(100);

    // Back in that conversation: the ended reply neither starts nor ends again.
    store.set(left);
    await waitFor(() => newestReply(chat)?.status === "done", "the conversation shown again");
    await chat.updateComplete;
    expect([starts.length, ends.length]).to.deep.equal([1, 1]);
  });
});
