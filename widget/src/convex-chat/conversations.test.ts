import { expect } from "@open-wc/testing";
import { closeAllDeployments } from "../core/deployment.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, chatsFixture, finalReply, input, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const shadow = (chat: ConvexChat) => chat.shadowRoot!;
const button = (chat: ConvexChat, part: string) => {
  const found = shadow(chat).querySelector<HTMLButtonElement>(`[part~=${part}]`);
  if (!found) throw new Error(`no ${part}`);
  return found;
};
/** The listed conversations as shown: title and whether it is the current one. */
const listed = (chat: ConvexChat) =>
  [...shadow(chat).querySelectorAll<HTMLButtonElement>("[part~=conversation]")].map((item) => ({
    title: item.querySelector(".conversation-title")?.textContent ?? "",
    current: item.getAttribute("aria-current") === "true",
  }));
const userTexts = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "user")
    .map((m) => m.text);

async function chatAbout(chat: ConvexChat, question: string): Promise<void> {
  await typeAndSend(chat, question);
  await waitFor(() => userTexts(chat).includes(question), `"${question}" in the log`);
  await finalReply(chat);
}

describe("<convex-chat> conversations", () => {
  beforeEach(freshVisitor);

  it("lists dates on a page whose lang Intl cannot parse as written (en_US) or at all", async () => {
    const pageLang = document.documentElement.lang;
    try {
      document.documentElement.lang = "en_US";
      const chat = await chatFixture();
      await waitUntilReady(chat);
      await chatAbout(chat, "Dated topic");
      button(chat, "conversations-button").click();
      await waitFor(() => listed(chat).length === 1, "the listed conversation");
      const time = () => shadow(chat).querySelector("[part~=conversation] time")!;
      const format = (lang: string | undefined) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
      expect(time().textContent).to.equal(format("en-US").format(new Date(time().getAttribute("datetime")!)));

      chat.lang = "not a language!";
      await chat.updateComplete;
      expect(listed(chat)).to.deep.equal([{ title: "Dated topic", current: true }]);
      // Not a tag at all: the browser's default locale.
      expect(time().textContent).to.equal(format(undefined).format(new Date(time().getAttribute("datetime")!)));
    } finally {
      document.documentElement.lang = pageLang;
    }
  });

  it("starts a new conversation, lists past ones by their first message and switches between them", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await chatAbout(chat, "First topic: green tea");

    button(chat, "new-conversation-button").click();
    await waitFor(() => shownMessages(chat).length === 0, "an empty conversation");
    expect(shadow(chat).activeElement).to.equal(input(chat));
    await chatAbout(chat, "Second topic: shipping");
    await chatAbout(chat, "And a follow-up in the same conversation");

    const toggle = button(chat, "conversations-button");
    expect(toggle.getAttribute("aria-expanded")).to.equal("false");
    toggle.click();
    await waitFor(() => listed(chat).length === 2, "two listed conversations");
    expect(toggle.getAttribute("aria-expanded")).to.equal("true");
    expect(listed(chat)).to.deep.equal([
      { title: "Second topic: shipping", current: true },
      { title: "First topic: green tea", current: false },
    ]);
    expect(shadow(chat).querySelector("[part~=conversations]")?.getAttribute("aria-label")).to.equal("Past conversations");

    shadow(chat).querySelectorAll<HTMLButtonElement>("[part~=conversation]")[1].click();
    await waitFor(() => userTexts(chat).join() === "First topic: green tea", "the first conversation").catch((error) =>
      Promise.reject(new Error(`${error.message}; shown: ${JSON.stringify(shownMessages(chat))}`)),
    );
    expect(shadow(chat).querySelector("[part~=conversations]")).to.equal(null);
    expect(toggle.getAttribute("aria-expanded")).to.equal("false");

    // The conversation picked is the current one after a reload.
    chat.remove();
    await closeAllDeployments();
    const reloaded = await chatFixture();
    await waitFor(() => userTexts(reloaded).join() === "First topic: green tea", "the picked conversation after a reload");
    expect(shownMessages(reloaded)[1]).to.include({ role: "assistant", status: "done" });
  });

  it("a send confirmed after the visitor switched conversations leaves them where they went", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await chatAbout(chat, "First topic: returns");
    button(chat, "new-conversation-button").click();
    await waitFor(() => shownMessages(chat).length === 0, "an empty conversation");

    // A slow server: the new conversation's first message is stored, its confirmation held back.
    type Send = (text: string, conversationId: string | null) => Promise<unknown>;
    const outbox = (chat as unknown as { sender: { outbox: { send: Send } } }).sender.outbox;
    const send = outbox.send.bind(outbox);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    outbox.send = async (text, conversationId) => {
      const result = await send(text, conversationId);
      await held;
      return result;
    };
    await typeAndSend(chat, "Second topic: sizes");
    button(chat, "conversations-button").click();
    const first = await waitFor(
      () =>
        [...shadow(chat).querySelectorAll<HTMLButtonElement>("[part~=conversation]")].find((item) =>
          item.textContent?.includes("First topic: returns"),
        ),
      "the first conversation listed",
    );
    first.click();
    await waitFor(() => userTexts(chat).join() === "First topic: returns", "the first conversation shown");

    release();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await chat.updateComplete;
    expect(userTexts(chat).join(), "still the conversation the visitor picked").to.equal("First topic: returns");
  });

  it("elements with different conversation keys keep their own conversations, over one WebSocket", async () => {
    const NativeWebSocket = window.WebSocket;
    const opened: string[] = [];
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(String(url));
      }
    };
    try {
      // One names its key; the other falls back to its id.
      const [sales, support] = await chatsFixture([{ conversationKey: "sales" }, { id: "support-chat" }]);
      await Promise.all([waitUntilReady(sales), waitUntilReady(support)]);
      await chatAbout(sales, "Do you sell gift cards?");
      await chatAbout(support, "My order has not arrived.");
      expect(userTexts(sales)).to.deep.equal(["Do you sell gift cards?"]);
      expect(userTexts(support)).to.deep.equal(["My order has not arrived."]);
      expect(opened).to.have.length(1);

      // Both keep theirs across a reload.
      sales.remove();
      support.remove();
      await closeAllDeployments();
      const [salesAgain, supportAgain, unnamed] = await chatsFixture([{ conversationKey: "sales" }, { id: "support-chat" }, {}]);
      await waitFor(() => userTexts(salesAgain).length === 1 && userTexts(supportAgain).length === 1, "both conversations");
      expect(userTexts(salesAgain)).to.deep.equal(["Do you sell gift cards?"]);
      expect(userTexts(supportAgain)).to.deep.equal(["My order has not arrived."]);
      await waitUntilReady(unnamed);
      expect(shownMessages(unnamed)).to.deep.equal([]); // the default key has no conversation yet
      expect(opened).to.have.length(2); // one per page load
    } finally {
      window.WebSocket = NativeWebSocket;
    }
  });

  it("elements with the same key show the same conversation and follow each other's switches", async () => {
    const [first, second] = await chatsFixture([{ conversationKey: "shared" }, { conversationKey: "shared" }]);
    await Promise.all([waitUntilReady(first), waitUntilReady(second)]);
    await chatAbout(first, "Seen in both?");
    await waitFor(() => userTexts(second).join() === "Seen in both?", "the other element to show it");
    button(second, "new-conversation-button").click();
    await waitFor(() => shownMessages(first).length === 0, "the first element to follow");
  });
});
