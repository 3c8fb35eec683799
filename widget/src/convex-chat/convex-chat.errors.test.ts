import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { getDeployment } from "../core/deployment.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
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
import type { ConvexChat } from "./convex-chat.js";
import type { ConvexChatErrorEvent } from "../events/convex-chat-error.js";

describe("<convex-chat> errors, safety and accessibility", () => {
  beforeEach(freshVisitor);

  it("an over-length message is refused before it is sent: the reason is shown and the draft kept", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const tooLong = "a".repeat(4_001);
    input(chat).value = tooLong;
    input(chat).dispatchEvent(new InputEvent("input"));
    await chat.updateComplete;
    expect(sendButton(chat).disabled).to.equal(true);
    sendButton(chat).click();
    await chat.updateComplete;
    expect(statusLine(chat).textContent).to.contain("over the limit of 4000");
    expect(input(chat).value).to.equal(tooLong);
    expect(shownMessages(chat)).to.deep.equal([]);
  });

  it("renders message text as text, never as markup", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    const markup = `<img src=x onerror="window.__pwned = true"><b>bold</b>`;
    await typeAndSend(chat, markup);
    await finalReply(chat);
    expect(shownMessages(chat)[0].text).to.equal(markup);
    expect(chat.shadowRoot!.querySelector("article img, article b")).to.equal(null);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it("shows a connection error with a Retry that signs in again", async () => {
    const { silentUrl } = await testBackend();
    getDeployment(silentUrl, { authTimeoutMs: 1_000 });
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${silentUrl} site-key=${TEST_SITE_KEY}></convex-chat>`);
    const failed = await oneEvent<ConvexChatErrorEvent>(chat, "convex-chat-error");
    expect(failed.source).to.equal("auth");
    await chat.updateComplete;
    const banner = chat.shadowRoot!.querySelector("[part=error]")!;
    expect(banner.getAttribute("role")).to.equal("alert");
    expect(banner.textContent).to.contain("Could not connect").and.contain("timed out");
    expect(input(chat).disabled).to.equal(true);

    banner.querySelector("button")!.click();
    await waitFor(() => statusLine(chat).textContent?.includes("Signing in"), "signing in again");
    expect(chat.shadowRoot!.querySelector("[part=error]")).to.equal(null);
  });

  it("explains a missing convex-url", async () => {
    const chat = await fixture<ConvexChat>(html`<convex-chat></convex-chat>`);
    expect(chat.shadowRoot!.querySelector("[part=error]")?.textContent).to.contain("convex-url");
  });

  it("is accessible, empty and with a conversation", async () => {
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await expect(chat).to.be.accessible();
    await typeAndSend(chat, "Hi!");
    await finalReply(chat);
    await expect(chat).to.be.accessible();
    const log = chat.shadowRoot!.querySelector("[part=log]")!;
    expect(log.getAttribute("role")).to.equal("log");
    // The log would read every token: it stays silent and a polite region reads whole sentences
    // (convex-chat.a11y.test.ts).
    expect(log.getAttribute("aria-live")).to.equal("off");
    expect(chat.shadowRoot!.querySelector("[aria-live=polite]")).to.not.equal(null);
    expect(chat.shadowRoot!.querySelector("label[for=input]")?.textContent).to.equal("Message");
  });
});
