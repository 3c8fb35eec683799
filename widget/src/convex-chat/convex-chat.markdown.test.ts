// Replies render as markdown (core/markdown) in the element, against the local backend: the
// offline responder's echo mode makes the model output of the test's choosing.
import { expect } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const CODE = Array.from({ length: 30 }, (_, i) => `console.log("line ${i}", ${"x".repeat(i % 7)});`).join("\n");
const REPLY =
  "# Setup\n\nRun **this** once, then read [the docs](https://docs.example.com/setup).\n\n- one\n- two\n\n" +
  "```js\n" +
  CODE +
  "\n// a very long line: " +
  "y".repeat(400) +
  "\n```\n\nDone.";

function lastReply(chat: ConvexChat): HTMLElement {
  const replies = chat.shadowRoot?.querySelectorAll<HTMLElement>("article.assistant .text");
  const reply = replies?.[replies.length - 1];
  if (!reply) throw new Error("no reply shown");
  return reply;
}

describe("<convex-chat> replies as markdown", () => {
  beforeEach(freshVisitor);

  it("renders a reply as markdown while it streams and once done; the visitor's message stays plain text", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const streamingStates: Array<{ heading: boolean; openCode: string | null }> = [];
    const observer = new MutationObserver(() => {
      const article = chat.shadowRoot?.querySelector<HTMLElement>("article.assistant:last-of-type");
      if (article?.dataset.status !== "streaming") return;
      streamingStates.push({
        heading: !!article.querySelector("h1"),
        openCode: article.querySelector(".code-block.open code")?.textContent ?? null,
      });
    });
    observer.observe(chat.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    await chat.send(`echo:${REPLY}`);
    const final = await finalReply(chat);
    observer.disconnect();
    expect(final.status).to.equal("done");

    // While streaming: the heading was already markdown, and the code block showed partial code, growing.
    expect(streamingStates.some((s) => s.heading)).to.equal(true);
    const partialCode = [...new Set(streamingStates.map((s) => s.openCode).filter((c): c is string => !!c))];
    expect(partialCode.length).to.be.greaterThan(2);
    partialCode.forEach((code, i) => i > 0 && expect(code.startsWith(partialCode[i - 1])).to.equal(true));

    const reply = lastReply(chat);
    expect(reply.querySelector("h1")?.textContent).to.equal("Setup");
    expect(reply.querySelector("strong")?.textContent).to.equal("this");
    const link = reply.querySelector("a");
    expect(link?.getAttribute("href")).to.equal("https://docs.example.com/setup");
    expect(link?.target).to.equal("_blank");
    expect(link?.rel).to.equal("noopener noreferrer");
    expect([...reply.querySelectorAll("li")].map((li) => li.textContent)).to.deep.equal(["one", "two"]);
    expect(reply.querySelector(".code-block:not(.open) pre code")?.textContent).to.equal(
      `${CODE}\n// a very long line: ${"y".repeat(400)}`,
    );
    expect(reply.querySelector(".caret")).to.equal(null);

    const user = chat.shadowRoot?.querySelector<HTMLElement>("article.user .text");
    expect(user?.textContent).to.equal(`echo:${REPLY}`);
    expect(user?.children.length).to.equal(0);
    expect(shownMessages(chat)).to.have.length(2);
  });

  it("code blocks have a visible copy button that copies and shows Copied; both are styleable parts", async () => {
    const style = document.createElement("style");
    style.textContent = `convex-chat::part(code-block) { outline: 3px solid rgb(255, 0, 0); }
      convex-chat::part(code-copy-button) { outline: 2px dashed rgb(0, 128, 0); }`;
    document.head.append(style);
    try {
      const chat = await chatFixture();
      await waitUntilReady(chat);
      await chat.send("echo:Try:\n\n```sh\nnpm install convex-chat\n```");
      await finalReply(chat);
      const reply = lastReply(chat);
      const block = reply.querySelector<HTMLElement>("[part=code-block]");
      const button = reply.querySelector<HTMLButtonElement>("[part=code-copy-button]");
      if (!block || !button) throw new Error("no code block or copy button");
      expect(getComputedStyle(block).outlineColor).to.equal("rgb(255, 0, 0)");
      expect(getComputedStyle(button).outlineColor).to.equal("rgb(0, 128, 0)");
      const label = () => getComputedStyle(button, "::before").content;
      expect(label()).to.equal('"Copy"');
      expect(button.getBoundingClientRect().width).to.be.greaterThan(20);
      button.focus();
      button.click();
      await waitFor(() => label() === '"Copied"', "the Copied state");
      expect(await navigator.clipboard.readText()).to.equal("npm install convex-chat");
      expect(button.getAttribute("aria-label")).to.equal("Copied");
    } finally {
      style.remove();
    }
  });

  it("a long code line scrolls inside its block: the message list does not grow wider than the panel", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await chat.send(`echo:${REPLY}`);
    await finalReply(chat);
    const log = chat.shadowRoot?.querySelector<HTMLElement>("[part=log]");
    const pre = lastReply(chat).querySelector("pre");
    if (!log || !pre) throw new Error("no log or code");
    expect(log.scrollWidth).to.be.at.most(log.clientWidth + 1);
    expect(pre.scrollWidth).to.be.greaterThan(pre.clientWidth);
    expect(pre.getBoundingClientRect().right).to.be.at.most(log.getBoundingClientRect().right);
  });
});
