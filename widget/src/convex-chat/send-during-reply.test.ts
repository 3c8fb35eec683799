// A visitor writes on while a reply streams (people write in several short messages): each message
// goes at once and shows in order, the current reply is not disturbed, and ONE next reply, driven
// by this tab as soon as the server creates it, streams below them and answers them all.
import { expect } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import {
  chatFixture,
  finalReply,
  input,
  lengthsWhileStreaming,
  recordReply,
  shownMessages,
  typeAndSend,
  waitUntilReady,
} from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const LONG = "Tell me everything; reply with 3000 characters.";
const replies = (chat: ConvexChat) => shownMessages(chat).filter((m) => m.role === "assistant");
const stopButton = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>("[part~=stop-button]");

describe("<convex-chat> sending while a reply streams", () => {
  beforeEach(freshVisitor);

  it("sends at once, shows the messages in order, and streams one next reply that answers them", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await typeAndSend(chat, LONG);
    await waitFor(() => replies(chat)[0]?.status === "streaming" && replies(chat)[0].text.length > 50, "the reply to stream");

    await typeAndSend(chat, "My name is Ada.");
    // Shown at once, below the reply being written, and the field is free for the next one.
    expect(shownMessages(chat).map((m) => m.role)).to.deep.equal(["user", "assistant", "user"]);
    expect(shownMessages(chat)[2].text).to.equal("My name is Ada.");
    expect(input(chat).value).to.equal("");
    await waitFor(() => shownMessages(chat)[2]?.status === "done", "the first message to be confirmed");
    await typeAndSend(chat, "I need a bigger teapot.");
    expect(shownMessages(chat).map((m) => [m.role, m.text.slice(0, 23)])).to.deep.equal([
      ["user", LONG.slice(0, 23)],
      ["assistant", replies(chat)[0].text.slice(0, 23)],
      ["user", "My name is Ada."],
      ["user", "I need a bigger teapot."],
    ]);
    expect(replies(chat)[0].status, "the first reply still streams").to.equal("streaming");
    expect(stopButton(chat), "Stop stays available").to.not.equal(null);

    // The first reply finishes in full; then one next reply streams, token by token.
    await waitFor(() => replies(chat)[0].status === "done", "the first reply to end", 60_000);
    expect(replies(chat)[0].text).to.have.length(3000);
    const next = recordReply(chat); // the newest reply's states: from now on, the next one's
    await waitFor(() => replies(chat).length === 2, "the next reply to be listed");
    const listedAt = performance.now();
    await waitFor(() => replies(chat)[1].text.length > 0, "the next reply's first words");
    // Driven by this tab as soon as it was listed: not after a reader's 5 s takeover, nor the server's 10 s.
    expect(performance.now() - listedAt).to.be.lessThan(4_000);
    const final = await finalReply(chat);
    next.stop();
    expect(lengthsWhileStreaming(next.seen).length).to.be.greaterThan(3);

    expect(final.status).to.equal("done");
    expect(final.text).to.contain("My name is Ada. I need a bigger teapot.");
    // Nothing twice, nothing lost: three messages, two replies, in order.
    expect(shownMessages(chat).map((m) => [m.role, m.status])).to.deep.equal([
      ["user", "done"],
      ["assistant", "done"],
      ["user", "done"],
      ["user", "done"],
      ["assistant", "done"],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies(chat)).to.have.length(2);
    expect(stopButton(chat)).to.equal(null);
  });
});
