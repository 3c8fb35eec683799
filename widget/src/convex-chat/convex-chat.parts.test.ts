// The element's documented parts (@csspart in convex-chat.ts) against the parts it renders, across
// the states that show them: a floating chat with a markdown reply, a stopped reply, an unread
// badge and the conversation list; a failed reply; a reply cut at its length limit; a chat that
// cannot connect.
import { expect, fixture, html } from "@open-wc/testing";
import { getDeployment } from "../core/deployment.js";
import { freshVisitor, TEST_SITE_KEY, testBackend, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { documented, floatingChat } from "../../test/shell-test-helpers.js";
import { newOperator, SITE_A } from "../../test/console-test-helpers.js";
import { inboxApi } from "../core/operator-api.js";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { revokeStoredSession } from "../../test/session-test-helpers.js";
import { closeAllDeployments } from "../core/deployment.js";
import { executeServerCommand } from "@web/test-runner-commands";

/** A reply (the offline responder's echo mode) holding every markdown construct that has a part. */
const MARKDOWN =
  "echo:> A quote with `inline code`, a [link](https://example.com/docs) and ![a picture](https://example.com/p.png).\n\n" +
  "| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nconsole.log(1);\n```\n";

/** Adds every part name rendered in `chat` from now on, transient ones included; returns a stop function. */
function recordParts(chat: ConvexChat, into: Set<string>): () => void {
  const collect = () => {
    for (const node of chat.shadowRoot!.querySelectorAll("[part]")) {
      for (const name of node.getAttribute("part")!.split(/\s+/)) if (name) into.add(name);
    }
  };
  collect();
  const observer = new MutationObserver(collect);
  observer.observe(chat.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ["part"] });
  return () => (collect(), observer.disconnect());
}

const query = <T extends Element = HTMLElement>(chat: ConvexChat, part: string) => chat.shadowRoot!.querySelector<T>(`[part~=${part}]`);
const newestReply = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "assistant")
    .at(-1);

/** A backend whose AI provider is unreachable: every reply fails on the server. */
async function failingBackend(): Promise<{ url: string; siteUrl: string }> {
  return (await fetch("/__failing-backend.json")).json();
}

describe("<convex-chat> parts", () => {
  beforeEach(freshVisitor);

  it("renders every part it documents, in some state, and documents every part it renders", async function () {
    this.timeout(240_000);
    const rendered = new Set<string>();
    const stops: Array<() => void> = [];

    // Floating and open; a markdown reply: messages, sending, caret, Stop, markdown, reply actions.
    const chat = await floatingChat();
    stops.push(recordParts(chat, rendered));
    await waitUntilReady(chat);
    chat.open();
    await chat.send(MARKDOWN);
    expect((await finalReply(chat)).status).to.equal("done");
    // A reply the visitor stops.
    await chat.send("Write a long answer; reply with 20000 characters.");
    await waitFor(() => (newestReply(chat)?.text.length ?? 0) > 100, "the long reply under way");
    query<HTMLButtonElement>(chat, "stop-button")!.click();
    await waitFor(() => newestReply(chat)?.status === "stopped", "the reply stopped");
    // A reply that lands while the panel is closed: the badge.
    await chat.send("Tell me about tea; reply with 2000 characters.");
    await waitFor(() => newestReply(chat)?.status === "streaming", "the third reply to start");
    chat.close();
    await finalReply(chat);
    await waitFor(() => query(chat, "badge"), "the unread badge");
    chat.open();
    // The list of past conversations.
    query<HTMLButtonElement>(chat, "conversations-button")!.click();
    await waitFor(() => query(chat, "conversation"), "a listed conversation");

    // A failed reply: its reason and Retry.
    const failing = await chatFixture({ backend: await failingBackend() });
    stops.push(recordParts(failing, rendered));
    await waitUntilReady(failing);
    await failing.send("Will this fail?");
    await waitFor(() => query(failing, "retry-reply-button"), "Retry under the failed reply", 90_000);

    // Human handoff: waiting with nobody online (the email and its refusal, then kept), a person
    // joining, typing and replying.
    const handoff = await chatFixture({ siteKey: SITE_A, storage: "memory" });
    stops.push(recordParts(handoff, rendered));
    await waitUntilReady(handoff);
    query<HTMLButtonElement>(handoff, "handoff-button")!.click();
    const email = await waitFor(() => query<HTMLInputElement>(handoff, "email-input"), "the email ask");
    email.value = "nope";
    email.dispatchEvent(new InputEvent("input"));
    query<HTMLButtonElement>(handoff, "email-save-button")!.click();
    await waitFor(() => query(handoff, "email-error"), "the email refused");
    email.value = "me@example.com";
    email.dispatchEvent(new InputEvent("input"));
    query<HTMLButtonElement>(handoff, "email-save-button")!.click();
    await waitFor(() => query(handoff, "email-change-button"), "the email kept");
    const operator = await newOperator(SITE_A, "Sam");
    const conversationId = (handoff as unknown as { conversation: { id: string } }).conversation.id;
    await operator.client.mutation(inboxApi.reply, { conversationId, text: "Hello" });
    await operator.client.mutation(inboxApi.setTyping, { conversationId, typing: true });
    await waitFor(
      () => query(handoff, "avatar") && query(handoff, "system-line") && query(handoff, "typing-indicator"),
      "a person's reply, joined line and typing",
    );

    // The backend going away (the proxy refuses and cuts): a reply waiting for the connection, then
    // a message queued until it is back.
    const cut = await chatFixture({ backend: await proxyUrls(), conversationKey: "parts-cut" });
    stops.push(recordParts(cut, rendered));
    await waitUntilReady(cut);
    try {
      await cut.send("Please reply with 3000 characters.");
      await waitFor(() => (newestReply(cut)?.text.length ?? 0) > 100, "the proxied reply under way");
      await proxy("refuse");
      await proxy("cut");
      await waitFor(() => query(cut, "reply-waiting"), "the reply waiting for the connection");
      await proxy("accept");
      window.dispatchEvent(new Event("online"));
      await finalReply(cut);
      await proxy("refuse");
      await proxy("cut");
      void cut.send("Queued.").catch(() => undefined);
      await waitFor(() => query(cut, "reply-queued"), "the queued message");
    } finally {
      await proxy("reset");
    }

    // A site that suggests questions (the `switchable` site, the one tests may change).
    await executeServerCommand("update-site", { key: "switchable", suggestedQuestions: ["Do you ship to Canada?"] });
    try {
      const suggesting = await chatFixture({ siteKey: "switchable", conversationKey: "parts-suggest" });
      stops.push(recordParts(suggesting, rendered));
      await waitFor(() => query(suggesting, "suggestion"), "a suggested question");
      suggesting.remove();
    } finally {
      await executeServerCommand("update-site", { key: "switchable", clear: ["suggestedQuestions"] });
    }

    // A returning visitor whose session the server refuses: the notice that they continue as new.
    for (const element of [chat, failing, handoff, cut]) element.remove();
    await closeAllDeployments();
    await revokeStoredSession();
    const renewed = await chatFixture();
    stops.push(recordParts(renewed, rendered));
    await waitFor(() => query(renewed, "session-notice"), "the new-visitor notice");

    // A chat that cannot connect (a server that never answers): the banner and its Retry.
    const { silentUrl } = await testBackend();
    getDeployment(silentUrl, { authTimeoutMs: 1_000 });
    const offline = await fixture<ConvexChat>(html`<convex-chat convex-url=${silentUrl} site-key=${TEST_SITE_KEY}></convex-chat>`);
    stops.push(recordParts(offline, rendered));
    await waitFor(() => query(offline, "retry-button"), "the connection banner's Retry");

    // A reply cut at its length limit (the `short-replies` site): its note and Continue. Last, in
    // memory: elements of one deployment and storage share one visitor, of one site.
    const short = await chatFixture({ siteKey: "short-replies", storage: "memory" });
    stops.push(recordParts(short, rendered));
    await waitUntilReady(short);
    await short.send("Tell me everything; reply with 3000 characters.");
    await waitFor(() => query(short, "reply-cut") && query(short, "continue-reply-button"), "the cut note and Continue");
    short.remove();

    stops.forEach((stop) => stop());
    const docs = await documented("csspart");
    expect(docs.size).to.be.greaterThan(30);
    expect(
      [...rendered].filter((name) => !docs.has(name)),
      "rendered but not documented",
    ).to.deep.equal([]);
    expect(
      [...docs].filter((name) => !rendered.has(name)),
      "documented but never rendered",
    ).to.deep.equal([]);
  });
});
