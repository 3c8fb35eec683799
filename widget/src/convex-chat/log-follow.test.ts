// The log follows a streaming reply without forcing a layout on any update (reading layout right
// after writing the DOM makes the browser lay the page out there and then, once per token), and
// still follows exactly as before: to the end while the visitor is there, not once they scroll up. A fast
// stream is painted at a paced rate (controllers/reply-streams-controller.ts), not once per token.
import { expect } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import { watchLayoutInUpdates } from "../../test/layout-watch.js";
import { STREAM_PAINT_INTERVAL_MS } from "../controllers/reply-streams-controller.js";
import type { ConvexChat } from "./convex-chat.js";

const log = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part~=log]")!;
const replyText = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "assistant")
    .at(-1)?.text ?? "";
const distanceToEnd = (element: HTMLElement) => element.scrollHeight - element.scrollTop - element.clientHeight;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe("<convex-chat> log while a reply streams", () => {
  beforeEach(freshVisitor);

  it("paints a streaming reply at a paced rate and reads no layout in any update (neither the log's follow nor the composer's height)", async () => {
    const chat = await chatFixture();
    chat.style.height = "360px";
    await waitUntilReady(chat);
    await typeAndSend(chat, "Tell me everything; reply with 3000 characters.");
    const watch = watchLayoutInUpdates(chat);
    const start = performance.now();
    try {
      await finalReply(chat);
    } finally {
      watch.stop();
    }
    const elapsed = performance.now() - start;
    expect(replyText(chat).length).to.be.greaterThan(2000);
    expect(watch.updates, "updates while the reply streamed").to.be.greaterThan(20);
    // Paced: a paint per STREAM_PAINT_INTERVAL_MS at most, plus the few the message list's own changes make
    // (unpaced, it was one per token: 531 updates for this reply).
    expect(watch.updates, `updates in ${Math.round(elapsed)} ms`).to.be.at.most(elapsed / STREAM_PAINT_INTERVAL_MS + 15);
    const counts = [...new Set(watch.calls)].map((call) => `${call} ×${watch.calls.filter((c) => c === call).length}`);
    expect(counts, `layout calls in ${watch.updates} updates`).to.deep.equal([]);
    // And it did follow the reply to its end.
    await nextFrame();
    expect(log(chat).scrollHeight).to.be.greaterThan(log(chat).clientHeight * 2);
    expect(distanceToEnd(log(chat))).to.be.below(2);
  });

  it("follows a growing reply while the visitor is at the end, and stays put once they scroll up", async () => {
    const chat = await chatFixture();
    chat.style.height = "360px";
    await waitUntilReady(chat);
    await typeAndSend(chat, "Tell me everything at length; reply with 8000 characters.");
    const element = log(chat);
    await waitFor(() => element.scrollHeight > element.clientHeight + 300, "the reply to overflow the log");

    // Right after each time the reply grows (this observer runs after the widget's, in the same frame).
    const distances: number[] = [];
    let record = true;
    const growth = new ResizeObserver(() => record && distances.push(distanceToEnd(element)));
    const reply = () => [...element.querySelectorAll("article.message")].at(-1)!;
    growth.observe(reply());
    try {
      await waitFor(() => distances.length >= 10, "the reply to grow ten times");
      expect(Math.max(...distances), "distance to the end after each growth").to.be.below(2);

      // The visitor scrolls up: the log stays where they put it while the reply goes on growing.
      record = false;
      element.scrollTop = 40;
      await nextFrame();
      const length = replyText(chat).length;
      await waitFor(() => replyText(chat).length > length + 400, "the reply to grow on");
      await nextFrame();
      expect(element.scrollTop).to.equal(40);
      expect(distanceToEnd(element)).to.be.greaterThan(300);

      // Back at the end: following again.
      element.scrollTop = element.scrollHeight;
      await nextFrame();
      distances.length = 0;
      record = true;
      await waitFor(() => distances.length >= 5, "the reply to grow five more times");
      expect(Math.max(...distances), "distance to the end after each growth, following again").to.be.below(2);
    } finally {
      growth.disconnect();
    }
    await finalReply(chat);
    await nextFrame();
    expect(distanceToEnd(element)).to.be.below(2);
  });
});
