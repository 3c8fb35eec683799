// The visitor's side of human handoff, against the real backend: asking for a person, waiting with
// nobody online (the email ask), a person joining, typing (hidden by the clock) and replying, who
// wrote what, and sending with no AI reply. Operators act through their own signed-in clients.
import { expect } from "@open-wc/testing";
import { chatFixture, input, sendButton, waitUntilReady } from "../../test/chat-test-helpers.js";
import { freshConsole, newOperator, SITE_A } from "../../test/console-test-helpers.js";
import { waitFor } from "../../test/test-helpers.js";
import { inboxApi } from "../core/operator-api.js";
import type { ConvexChat } from "./convex-chat.js";

const shadow = (chat: ConvexChat) => chat.shadowRoot!;
const find = <T extends Element = HTMLElement>(chat: ConvexChat, selector: string) => shadow(chat).querySelector<T>(selector);
const text = (chat: ConvexChat, selector: string) => find(chat, selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

async function typeAndSend(chat: ConvexChat, message: string) {
  const field = input(chat);
  field.value = message;
  field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
  await chat.updateComplete;
  sendButton(chat).click();
}

describe("<convex-chat> human handoff", function () {
  this.timeout(60_000);
  beforeEach(freshConsole);

  it("asks for a person with no conversation yet; with nobody online it says so and keeps a valid email", async () => {
    const chat = await chatFixture({ siteKey: SITE_A, storage: "memory" });
    const ask = await waitFor(() => find<HTMLButtonElement>(chat, "[part=handoff-button]"), "Talk to a person");
    expect(ask.textContent?.trim()).to.equal("Talk to a person");
    await waitUntilReady(chat);
    ask.click();
    await waitFor(() => find(chat, "[part=handoff-status]"), "the waiting notice");
    expect(text(chat, ".handoff-title")).to.equal("Waiting for a person");
    await waitFor(() => text(chat, ".handoff-body").startsWith("Nobody from the team is online"), "nobody online");
    expect(find(chat, "[part=handoff-button]"), "no second ask").to.equal(null);
    await expect(chat, "waiting with the email ask").to.be.accessible();

    const email = find<HTMLInputElement>(chat, "[part=email-input]")!;
    email.value = "not an email";
    email.dispatchEvent(new InputEvent("input"));
    find<HTMLButtonElement>(chat, "[part=email-save-button]")!.click();
    await chat.updateComplete;
    expect(text(chat, "[part=email-error]")).to.equal("Enter an email address like name@example.com.");
    expect(email.getAttribute("aria-invalid")).to.equal("true");
    email.value = "Visitor@Example.com";
    email.dispatchEvent(new InputEvent("input"));
    find<HTMLButtonElement>(chat, "[part=email-save-button]")!.click();
    await waitFor(() => text(chat, "[part=email-kept]").includes("visitor@example.com"), "the email kept");
  });

  it("offers no person, before any conversation, on a site that turned handoff off", async () => {
    const chat = await chatFixture({ siteKey: "no-handoff", storage: "memory" });
    await waitFor(() => !input(chat).disabled, "signed in");
    // The site's profile has arrived once its greeting shows: it says whether a person is offered.
    await waitFor(() => text(chat, "[part=greeting]") === "Only the AI answers here.", "the site's greeting");
    await chat.updateComplete;
    expect(find(chat, "[part=handoff-button]"), "no Talk to a person").to.equal(null);
  });

  it("shows who answers: the AI labelled, a person joining, typing that expires by itself, their reply live, no AI reply", async () => {
    const operator = await newOperator(SITE_A, "Alex");
    const chat = await chatFixture({ siteKey: SITE_A, storage: "memory" });
    await waitUntilReady(chat);
    await typeAndSend(chat, "Hello there");
    await waitFor(() => find(chat, "article.assistant[data-status=done]"), "the AI's reply");
    expect(text(chat, "article.assistant [part=author-name]")).to.equal("AI");
    expect(text(chat, "article.assistant .visually-hidden")).to.equal("AI assistant:");

    const conversationId = await waitFor(
      () => (chat as unknown as { conversation: { id: string | null } }).conversation.id,
      "the conversation id",
    );
    await operator.client.mutation(inboxApi.takeOver, { conversationId });
    await waitFor(() => text(chat, "[part=system-line]") === "Alex joined", "the joined line");
    expect(find(chat, "[part=system-line]")!.tagName).to.equal("P");
    await waitFor(() => text(chat, "[part=handoff-status]") === "Alex is answering.", "who answers");
    expect(find(chat, "[part=handoff-button]")).to.equal(null);

    // Typing: shown, then hidden by the clock (~5 s after the write) though no update arrives.
    await operator.client.mutation(inboxApi.setTyping, { conversationId, typing: true });
    await waitFor(() => text(chat, "[part=typing-indicator]") === "Alex is typing…", "the typing indicator");
    await expect(chat, "a person typing").to.be.accessible();
    await waitFor(() => !find(chat, "[part=typing-indicator]"), "the indicator gone by itself", 9_000);

    await operator.client.mutation(inboxApi.reply, { conversationId, text: "Hi, **Alex** here." });
    const reply = await waitFor(() => find(chat, "article.operator"), "the person's reply");
    expect(text(chat, "article.operator [part=avatar]")).to.equal("A");
    expect(text(chat, "article.operator [part=author-name]")).to.equal("Alex");
    expect(reply.querySelector(".text")!.textContent).to.equal("Hi, **Alex** here.");
    expect(reply.nextElementSibling?.matches("[part=reply-actions]") ?? false, "no Copy/Retry under a person's message").to.equal(false);
    await waitFor(
      () => shadow(chat).querySelector("[aria-live=polite] p:last-child")?.textContent === "Alex: Hi, **Alex** here.".replace(/\*/g, ""),
      "read aloud",
    );

    // A person answers: the visitor's message gets no AI reply and Send comes back at once.
    const replies = () => shadow(chat).querySelectorAll("article.assistant").length;
    const before = replies();
    await typeAndSend(chat, "Thanks!");
    await waitFor(
      () =>
        [...shadow(chat).querySelectorAll("article.user")].some(
          (a) => a.textContent?.includes("Thanks!") && a.getAttribute("aria-busy") === "false",
        ),
      "sent",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies()).to.equal(before);
    expect(find(chat, "[part=stop-button]")).to.equal(null);
    await expect(chat, "a person answering").to.be.accessible();

    await operator.client.mutation(inboxApi.resolve, { conversationId });
    await waitFor(
      () => [...shadow(chat).querySelectorAll("[part=system-line]")].some((l) => l.textContent === "Resolved"),
      "resolved line",
    );
  });
});
