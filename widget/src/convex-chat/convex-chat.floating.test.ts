import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { freshVisitor, TEST_SITE_KEY, testBackend, waitFor } from "../../test/test-helpers.js";
import { finalReply, input, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { badge, floatingChat, focused, isShown, launcher, panel } from "../../test/shell-test-helpers.js";

describe("<convex-chat mode=floating>", () => {
  beforeEach(freshVisitor);
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: "no-preference" });
  });

  it("is a launcher in the bottom-right corner; clicking opens the panel with focus in the composer", async () => {
    const chat = await floatingChat();
    await waitUntilReady(chat);
    expect(isShown(launcher(chat))).to.equal(true);
    expect(isShown(panel(chat))).to.equal(false);
    expect(panel(chat).inert).to.equal(true);
    expect(launcher(chat).getAttribute("aria-expanded")).to.equal("false");
    const box = launcher(chat).getBoundingClientRect();
    expect(innerWidth - box.right).to.be.within(10, 40);
    expect(innerHeight - box.bottom).to.be.within(10, 40);

    const opened = oneEvent(chat, "convex-chat-open");
    launcher(chat).click();
    const event = await opened;
    expect(event.bubbles && event.composed).to.equal(true);
    await waitFor(() => isShown(panel(chat)), "the panel to show");
    expect(chat.isOpen).to.equal(true);
    expect(chat.hasAttribute("open")).to.equal(true);
    expect(launcher(chat).getAttribute("aria-expanded")).to.equal("true");
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    // The panel sits above the launcher, inside the viewport.
    const shown = panel(chat).getBoundingClientRect();
    expect(shown.bottom).to.be.at.most(box.top);
    expect(shown.top).to.be.at.least(0);
  });

  it("Escape closes the panel and returns focus to the launcher; the close button too", async () => {
    const chat = await floatingChat();
    await waitUntilReady(chat);
    chat.open();
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    const closed = oneEvent(chat, "convex-chat-close");
    await sendKeys({ press: "Escape" });
    await closed;
    expect(chat.isOpen).to.equal(false);
    await waitFor(() => focused(chat) === launcher(chat), "focus back on the launcher");
    await waitFor(() => !isShown(panel(chat)), "the panel to hide");

    await sendKeys({ press: "Enter" }); // the launcher has focus: the keyboard opens it again
    await waitFor(() => chat.isOpen && focused(chat) === input(chat), "reopened from the keyboard");
    chat.shadowRoot!.querySelector<HTMLButtonElement>("[part=close-button]")!.click();
    await waitFor(() => !chat.isOpen && focused(chat) === launcher(chat), "closed by the close button");
  });

  it("open(), close() and toggle() work from the page, fire once each, and close() does not steal focus", async () => {
    const chat = await floatingChat();
    const outside = await fixture<HTMLInputElement>(html`<input aria-label="page field" />`);
    const events: string[] = [];
    chat.addEventListener("convex-chat-open", () => events.push("open"));
    chat.addEventListener("convex-chat-close", () => events.push("close"));
    chat.toggle();
    chat.open(); // already open: nothing
    await chat.updateComplete;
    outside.focus();
    chat.close();
    chat.close();
    chat.toggle();
    chat.toggle();
    await chat.updateComplete;
    expect(events).to.deep.equal(["open", "close", "open", "close"]);
    expect(document.activeElement).to.equal(outside);
  });

  it("sits in the bottom-left corner with position=left, and mirrors in a right-to-left page", async () => {
    const { url, siteUrl } = await testBackend();
    const left = await fixture<ConvexChat>(
      html`<convex-chat mode="floating" position="left" convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>`,
    );
    expect(launcher(left).getBoundingClientRect().left).to.be.within(10, 40);
    left.open();
    await waitFor(() => isShown(panel(left)), "the panel");
    expect(panel(left).getBoundingClientRect().left).to.be.within(10, 40);

    const rtl = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><convex-chat mode="floating" convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat></div>`,
    );
    const mirrored = rtl.querySelector("convex-chat")!;
    await mirrored.updateComplete;
    expect(launcher(mirrored).getBoundingClientRect().left).to.be.within(10, 40);
    mirrored.position = "right";
    await mirrored.updateComplete;
    expect(innerWidth - launcher(mirrored).getBoundingClientRect().right).to.be.within(10, 40);
  });

  it("counts replies that land while closed on a badge the launcher's name includes; opening clears it", async () => {
    const chat = await floatingChat();
    await waitUntilReady(chat);
    chat.open();
    await typeAndSend(chat, "Tell me about tea; reply with 3000 characters.");
    await waitFor(() => shownMessages(chat).some((m) => m.role === "assistant" && m.status === "streaming"), "the reply to start");
    chat.close();
    expect(badge(chat)).to.equal(null);
    await finalReply(chat);
    await waitFor(() => badge(chat)?.textContent?.trim() === "1", "a badge of 1");
    expect(launcher(chat).getAttribute("aria-label")).to.equal("Open chat (1 new reply)");
    chat.open();
    await chat.updateComplete;
    expect(badge(chat)).to.equal(null);
    expect(launcher(chat).getAttribute("aria-label")).to.equal("Close chat");
  });

  it("does not animate under prefers-reduced-motion", async () => {
    const chat = await floatingChat();
    const duration = () => getComputedStyle(panel(chat)).transitionDuration.split(",").map(parseFloat);
    expect(Math.max(...duration())).to.be.greaterThan(0);
    await emulateMedia({ reducedMotion: "reduce" });
    expect(Math.max(...duration())).to.equal(0);
  });

  it("on a phone-sized screen the open panel fills the visible viewport and the input font is 16px or more", async () => {
    await setViewport({ width: 390, height: 844 });
    const chat = await floatingChat();
    await waitUntilReady(chat);
    chat.open();
    const fullScreen = () => {
      const box = panel(chat).getBoundingClientRect();
      return [box.left, box.top, box.width, box.height].join(" ") === "0 0 390 844";
    };
    await waitFor(() => isShown(panel(chat)) && fullScreen(), "the panel to fill the screen");
    expect(parseFloat(getComputedStyle(input(chat)).fontSize)).to.be.at.least(16);
    expect(isShown(launcher(chat))).to.equal(false);
    // The on-screen keyboard shrinks the visual viewport: the panel follows it.
    await setViewport({ width: 390, height: 500 });
    await waitFor(() => panel(chat).getBoundingClientRect().height === visualViewport!.height, "the panel to follow the visual viewport");
    expect(panel(chat).style.getPropertyValue("--_viewport-height")).to.equal(`${visualViewport!.height}px`);
    expect(input(chat).getBoundingClientRect().bottom).to.be.at.most(500);
  });

  it("inline mode has no launcher and fills the element's box", async () => {
    const { url, siteUrl } = await testBackend();
    const chat = await fixture<ConvexChat>(
      html`<convex-chat style="width: 333px; height: 444px" convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>`,
    );
    expect(chat.mode).to.equal("inline");
    expect(chat.shadowRoot!.querySelector("[part=launcher]")).to.equal(null);
    const box = panel(chat).getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([333, 444]);
    chat.open();
    expect(chat.isOpen).to.equal(false);
    expect(isShown(panel(chat))).to.equal(true);
  });
});
