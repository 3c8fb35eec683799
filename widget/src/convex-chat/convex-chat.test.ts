import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { closeAllDeployments } from "../core/deployment.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import {
  chatFixture,
  finalReply,
  input,
  lengthsWhileStreaming,
  recordReply,
  sendButton,
  shownMessages,
  statusLine,
  typeAndSend,
  waitUntilReady,
} from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import type { ConvexChatSendEvent } from "../events/convex-chat-send.js";
import type { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import type { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";

describe("<convex-chat>", () => {
  beforeEach(freshVisitor);

  it("signs in, saying so until then; the field already takes text, Send waits for a message", async () => {
    const chat = await chatFixture();
    expect(input(chat).disabled).to.equal(false);
    expect(sendButton(chat).disabled).to.equal(true);
    expect(statusLine(chat).textContent).to.contain("Signing in");
    await oneEvent(chat, "convex-chat-ready");
    await waitUntilReady(chat);
    expect(statusLine(chat).textContent).to.not.contain("Signing in");
  });

  it("sends with Enter (Shift+Enter is a new line) and the reply grows in the DOM before it completes", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    input(chat).focus();
    await sendKeys({ type: "Hello" });
    await sendKeys({ press: "Shift+Enter" });
    await sendKeys({ type: "what can you do?" });
    expect(input(chat).value).to.equal("Hello\nwhat can you do?");
    const reply = recordReply(chat);
    const sent = oneEvent<ConvexChatSendEvent>(chat, "convex-chat-send");
    const started = oneEvent<ConvexChatReplyStartEvent>(chat, "convex-chat-reply-start");
    const replied = oneEvent<ConvexChatReplyEndEvent>(chat, "convex-chat-reply-end");
    await sendKeys({ press: "Enter" });
    const { streamId } = await sent;
    expect(streamId).to.be.a("string");
    expect((await started).streamId).to.equal(streamId);

    const final = await finalReply(chat);
    reply.stop();
    expect(input(chat).value).to.equal("");
    expect(shownMessages(chat)).to.have.length(2);
    expect(shownMessages(chat)[0]).to.deep.equal({ role: "user", status: "done", text: "Hello\nwhat can you do?" });
    expect(final.status).to.equal("done");
    expect(await replied).to.include({ status: "done", text: final.text });
    expect(lengthsWhileStreaming(reply.seen).length).to.be.greaterThan(3);
    // The live region is busy while the reply streams, so it is announced once, complete.
    expect(reply.seen.filter((m) => m.status === "streaming").every((m) => m.logBusy === "true")).to.equal(true);
    expect(reply.seen.at(-1)).to.include({ status: "done", logBusy: "false" });
    // Never shrinks or repeats: each state extends the previous one.
    reply.seen.forEach((m, i) => i > 0 && expect(m.text.startsWith(reply.seen[i - 1].text)).to.equal(true));
    expect(chat.shadowRoot!.querySelector(".caret")).to.equal(null);
  });

  it("a second element (another viewer) sees the same reply grow from the database", async () => {
    const { url, siteUrl } = await testBackend();
    const container = await fixture<HTMLDivElement>(html`<div>
      <convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>
      <convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>
    </div>`);
    const [sender, viewer] = [...container.querySelectorAll("convex-chat")] as ConvexChat[];
    await Promise.all([waitUntilReady(sender), waitUntilReady(viewer)]);
    const watched = recordReply(viewer);

    // Long enough for several persisted pieces (the timed policy flushes every 400 characters).
    await typeAndSend(sender, "Tell me a few things; reply with 3000 characters.");
    const [sent, seen] = await Promise.all([finalReply(sender), finalReply(viewer)]);
    watched.stop();

    expect(seen).to.deep.equal(sent);
    expect(shownMessages(viewer)).to.deep.equal(shownMessages(sender));
    expect(lengthsWhileStreaming(watched.seen).length).to.be.greaterThan(1);
  });

  it("after a reload (fresh element, same storage) the conversation and its completed reply are there", async () => {
    const first = await chatFixture();
    await waitUntilReady(first);
    await typeAndSend(first, "Remember me?");
    await finalReply(first);
    const before = shownMessages(first);
    first.remove();
    await closeAllDeployments(); // what unloading the page does; storage stays

    const reloaded = await chatFixture();
    await waitFor(() => shownMessages(reloaded).length === 2, "the stored conversation");
    expect(shownMessages(reloaded)).to.deep.equal(before);
    expect(before[1]).to.include({ role: "assistant", status: "done" });
    expect(before[1].text.length).to.be.greaterThan(20);
  });
});
