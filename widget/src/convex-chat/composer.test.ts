import { expect } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { MAX_MESSAGE_LENGTH } from "../core/api.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import {
  chatFixture,
  finalReply,
  input,
  sendButton,
  shownMessages,
  statusLine,
  typeAndSend,
  waitUntilReady,
} from "../../test/chat-test-helpers.js";
import { COUNTER_FROM } from "./composer-controller.js";
import type { ConvexChat } from "./convex-chat.js";

const counter = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part~=counter]")!;
const stopButton = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>("[part~=stop-button]");
const sendButtonOrNull = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>("[part~=send-button]");

/** Puts `text` in the field as typing would (one input event). */
async function setDraft(chat: ConvexChat, text: string): Promise<void> {
  input(chat).value = text;
  input(chat).dispatchEvent(new InputEvent("input"));
  await chat.updateComplete;
}

describe("<convex-chat> composer", () => {
  beforeEach(freshVisitor);

  it("grows with its text up to a maximum height, then scrolls", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const field = input(chat);
    const oneLine = field.offsetHeight;

    input(chat).focus();
    await sendKeys({ type: "first" });
    for (const line of ["second", "third"]) {
      await sendKeys({ press: "Shift+Enter" });
      await sendKeys({ type: line });
    }
    await chat.updateComplete;
    const threeLines = field.offsetHeight;
    expect(threeLines).to.be.greaterThan(oneLine);
    expect(field.scrollHeight).to.be.at.most(field.clientHeight + 1); // everything visible

    await setDraft(chat, Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n"));
    const capped = field.offsetHeight;
    expect(capped).to.be.greaterThan(threeLines);
    expect(field.scrollHeight).to.be.greaterThan(field.clientHeight); // scrolls instead
    await setDraft(chat, Array.from({ length: 80 }, (_, i) => `line ${i}`).join("\n"));
    expect(field.offsetHeight).to.equal(capped);

    await setDraft(chat, "short again");
    expect(field.offsetHeight).to.equal(oneLine);
  });

  it("shows a counter near the limit and refuses an over-long draft with the reason, keeping it", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    let sends = 0;
    chat.addEventListener("convex-chat-send", () => sends++);

    await setDraft(chat, "a".repeat(COUNTER_FROM - 1));
    expect(counter(chat).hidden).to.equal(true);
    await setDraft(chat, "a".repeat(COUNTER_FROM));
    expect(counter(chat).hidden).to.equal(false);
    expect(counter(chat).textContent).to.contain(`${COUNTER_FROM} / ${MAX_MESSAGE_LENGTH}`);
    expect(sendButton(chat).disabled).to.equal(false);

    const tooLong = "a".repeat(MAX_MESSAGE_LENGTH + 1);
    await setDraft(chat, tooLong);
    expect(sendButton(chat).disabled).to.equal(true);
    expect(statusLine(chat).textContent).to.contain("1 character over the limit of 4000");
    expect(counter(chat).classList.contains("over")).to.equal(true);
    expect(input(chat).getAttribute("aria-invalid")).to.equal("true");
    input(chat).focus();
    await sendKeys({ press: "Enter" });
    await chat.updateComplete;
    expect(input(chat).value).to.equal(tooLong);
    expect(sends).to.equal(0);
    expect(shownMessages(chat)).to.deep.equal([]);

    // Surrounding whitespace is not counted: the server trims it too.
    await setDraft(chat, ` ${"a".repeat(MAX_MESSAGE_LENGTH)}\n`);
    expect(sendButton(chat).disabled).to.equal(false);
  });

  it("says why Send is disabled while empty, and offers Stop beside Send while a reply is written", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    expect(sendButton(chat).disabled).to.equal(true);
    expect(statusLine(chat).textContent).to.contain("Type a message to send");
    await setDraft(chat, "   \n ");
    expect(sendButton(chat).disabled).to.equal(true);

    await setDraft(chat, "");
    await typeAndSend(chat, "Tell me everything; reply with 3000 characters.");
    const stop = await waitFor(() => stopButton(chat), "the Stop button");
    // Both reachable, each named for what it does; Send waits only for text.
    expect(stop.getAttribute("aria-label")).to.equal("Stop the reply");
    expect(stop.textContent?.trim()).to.equal("Stop");
    expect(sendButtonOrNull(chat)?.textContent?.trim()).to.equal("Send");
    // Side by side in the composer, neither cut off nor covering the other.
    const form = chat.shadowRoot!.querySelector("[part=composer]")!.getBoundingClientRect();
    const [stopBox, sendBox] = [stop, sendButton(chat)].map((button) => button.getBoundingClientRect());
    for (const box of [stopBox, sendBox]) expect(box.left >= form.left && box.right <= form.right && box.width > 0).to.equal(true);
    expect(stopBox.right).to.be.at.most(sendBox.left);
    expect(sendButton(chat).disabled).to.equal(true);
    expect(statusLine(chat).textContent).to.contain("Type a message to send");
    await sendKeys({ type: "Next question" });
    await chat.updateComplete;
    expect(sendButton(chat).disabled).to.equal(false);
    expect(statusLine(chat).textContent).to.contain("Enter to send");

    expect((await finalReply(chat)).status).to.equal("done");
    await waitFor(() => stopButton(chat) === null, "Stop to go");
    expect(sendButton(chat).disabled).to.equal(false);
    expect(input(chat).value).to.equal("Next question");
  });
});
