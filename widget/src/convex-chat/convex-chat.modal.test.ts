import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys, setViewport } from "@web/test-runner-commands";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { input, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { floatingChat, focused, launcher, panel, shellPart } from "../../test/shell-test-helpers.js";

/** A floating chat between two page buttons, signed in and open with focus in the composer. */
async function openChatOnPage(): Promise<{ chat: ConvexChat; after: HTMLButtonElement }> {
  await fixture(html`<button>before the chat</button>`);
  const chat = await floatingChat();
  const after = await fixture<HTMLButtonElement>(html`<button>after the chat</button>`);
  await waitUntilReady(chat);
  chat.open();
  await waitFor(() => focused(chat) === input(chat), "focus in the composer");
  return { chat, after };
}

const tab = (shift = false) => sendKeys({ press: shift ? "Shift+Tab" : "Tab" });
const insidePanel = (chat: ConvexChat) => {
  const element = focused(chat);
  return element !== null && panel(chat).contains(element);
};

describe("<convex-chat mode=floating> as a dialog", () => {
  beforeEach(freshVisitor);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it("on a narrow screen the open panel is modal: Tab and Shift+Tab cycle inside it, Escape returns to the launcher", async () => {
    await setViewport({ width: 390, height: 844 });
    const { chat, after } = await openChatOnPage();
    expect(panel(chat).getAttribute("role")).to.equal("dialog");
    expect(panel(chat).getAttribute("aria-modal")).to.equal("true");

    // The composer is the last control (Send is disabled while the draft is empty): Tab wraps to
    // the header's first button instead of leaving for the page.
    await tab();
    expect(focused(chat)).to.equal(shellPart(chat, "[part=conversations-button]"));
    const visited = [focused(chat)];
    for (let i = 0; i < 8; i += 1) {
      await tab();
      expect(insidePanel(chat), `Tab ${i + 1} stays in the panel`).to.equal(true);
      visited.push(focused(chat));
    }
    expect(document.activeElement).not.to.equal(after);
    expect(visited).to.include.members([shellPart(chat, "[part=close-button]"), shellPart(chat, "[part=log]"), input(chat)]);

    // Backwards from the first control goes to the last.
    shellPart(chat, "[part=conversations-button]").focus();
    await tab(true);
    expect(focused(chat)).to.equal(input(chat));
    // A control that becomes enabled joins the cycle: with a draft, Send is the last one.
    await sendKeys({ type: "Hello" });
    await tab();
    expect(focused(chat)).to.equal(shellPart(chat, "[part=send-button]"));
    await tab();
    expect(focused(chat)).to.equal(shellPart(chat, "[part=conversations-button]"));

    await sendKeys({ press: "Escape" });
    await waitFor(() => !chat.isOpen && focused(chat) === launcher(chat), "closed with focus on the launcher");
    expect(panel(chat).hasAttribute("aria-modal")).to.equal(false);
  });

  it("on a wide screen the panel is not modal: Tab moves on to the page; resizing while open switches", async () => {
    const { chat, after } = await openChatOnPage();
    expect(panel(chat).getAttribute("role")).to.equal("dialog");
    expect(panel(chat).hasAttribute("aria-modal")).to.equal(false);
    await tab();
    expect(document.activeElement).to.equal(after);

    input(chat).focus();
    await setViewport({ width: 390, height: 844 });
    await waitFor(() => panel(chat).getAttribute("aria-modal") === "true", "modal once the screen is narrow");
    await tab();
    expect(insidePanel(chat)).to.equal(true);
    await setViewport({ width: 800, height: 600 });
    await waitFor(() => !panel(chat).hasAttribute("aria-modal"), "non-modal again on a wide screen");
  });
});
