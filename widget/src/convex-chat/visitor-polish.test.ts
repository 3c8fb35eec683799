// The rough edges: the rate-limit notice counts down live while the composer keeps the text; the
// host page's console stays quiet (no Convex log lines, no console.error per refused send); on a
// touch-only device no Shift+Enter hint and no keyboard popping up as the panel opens.
import { expect } from "@open-wc/testing";
import { TOUCH_ONLY_QUERY } from "../core/input-mode.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, input, statusLine, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import { floatingChat, focused, launcher } from "../../test/shell-test-helpers.js";

/** Everything written to the console from now on. */
function recordConsole() {
  const lines: string[] = [];
  const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  for (const method of Object.keys(originals) as (keyof typeof originals)[]) {
    console[method] = (...args: unknown[]) => {
      lines.push(`${method}: ${args.map(String).join(" ")}`);
      originals[method](...args);
    };
  }
  return { lines, stop: () => Object.assign(console, originals) };
}

const waitSeconds = (chat: HTMLElement & { shadowRoot: ShadowRoot | null }) =>
  Number(/Try again in (\d+) s/.exec(statusLine(chat as never).textContent ?? "")?.[1] ?? NaN);

describe("<convex-chat> rough edges", () => {
  beforeEach(freshVisitor);
  afterEach(freshVisitor);

  it("a rate-limit refusal counts down live, keeps the text, and writes nothing to the console", async () => {
    const chat = await chatFixture({ siteKey: "limited" });
    await waitUntilReady(chat);
    const consoleLines = recordConsole();
    try {
      await typeAndSend(chat, "The one message allowed");
      await finalReply(chat);
      await typeAndSend(chat, "One too many");
      const first = await waitFor(() => waitSeconds(chat) || false, "the refusal with its wait");
      await waitFor(() => waitSeconds(chat) <= first - 2, "the wait to count down without any other change", 5_000);
      expect(input(chat).value).to.equal("One too many");
    } finally {
      consoleLines.stop();
    }
    expect(consoleLines.lines.filter((line) => !line.includes("Lit is in dev mode"))).to.deep.equal([]);
  });

  describe("on a touch-only device", () => {
    // web-test-runner cannot emulate the pointer media features: answer the one query the chat asks.
    const realMatchMedia = window.matchMedia;
    beforeEach(() => {
      window.matchMedia = (query: string) =>
        query === TOUCH_ONLY_QUERY
          ? { ...realMatchMedia.call(window, "all"), matches: true, media: query }
          : realMatchMedia.call(window, query);
    });
    afterEach(() => {
      window.matchMedia = realMatchMedia;
    });

    it("no Shift+Enter hint, and opening the panel does not focus the field (no keyboard pops up)", async () => {
      const chat = await floatingChat();
      await waitUntilReady(chat);
      launcher(chat).click();
      await waitFor(() => chat.isOpen, "open");
      await chat.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(focused(chat)).to.not.equal(input(chat));
      expect(focused(chat)?.getAttribute("part")).to.equal("panel");
      expect(statusLine(chat).textContent).to.not.contain("Shift+Enter");
      expect(statusLine(chat).textContent).to.equal("Type a message to send.");
      input(chat).value = "Hi";
      input(chat).dispatchEvent(new InputEvent("input"));
      await chat.updateComplete;
      expect(statusLine(chat).textContent).to.equal("Tap Send to send.");
    });
  });
});
