// Every hostile payload through the markdown renderer alone, streamed in small pieces into a
// connected shadow root (where an <img> would load and a handler could fire): nothing unsafe appears
// in any intermediate state, and nothing runs or loads.
import { expect } from "@open-wc/testing";
import { HOSTILE_PAYLOADS, payloadText } from "../../../test/hostile-payloads.js";
import { watchForAttacks } from "../../../test/hostile-checks.js";
import { IncrementalMarkdown, MarkdownRenderer } from "./index.js";
import { OPEN_PARAGRAPH_LIMIT } from "./open-paragraph.js";

describe("markdown renderer with hostile content", () => {
  it(`renders all ${HOSTILE_PAYLOADS.length} payloads, streamed and whole, with nothing unsafe in any state`, async () => {
    expect(HOSTILE_PAYLOADS.length).to.be.at.least(100);
    const host = document.createElement("div");
    document.body.append(host);
    const root = host.attachShadow({ mode: "open" });
    const watch = watchForAttacks(root, ".content", [location.origin]);
    try {
      for (const payload of HOSTILE_PAYLOADS) {
        const text = payloadText(payload, location.origin);
        const content = document.createElement("div");
        content.className = "content";
        root.append(content);
        const renderer = new MarkdownRenderer();
        content.append(renderer.element);
        for (let end = 1; end < text.length; end += 5) renderer.update(text.slice(0, end), { streaming: true });
        renderer.update(text, { streaming: false });
        // Every payload is shown: its visible text is not empty (nothing swallowed whole).
        expect(renderer.element.textContent?.trim(), payload.id).to.not.equal("");
      }
      await watch.settle();
      const violations = watch.violations();
      expect(violations, violations.join("\n")).to.deep.equal([]);
      expect(root.querySelectorAll("a[href]").length).to.be.greaterThan(5); // safe links do render
    } finally {
      watch.stop();
      host.remove();
    }
  });

  it("renders every payload inside one long open paragraph (parsed in pieces while streamed) with nothing unsafe", async () => {
    const host = document.createElement("div");
    document.body.append(host);
    const root = host.attachShadow({ mode: "open" });
    const watch = watchForAttacks(root, ".content", [location.origin]);
    try {
      // No line break: the payloads' inline content is one paragraph, far past the length parsed whole.
      const text = "Text: " + HOSTILE_PAYLOADS.map((payload) => payloadText(payload, location.origin).replace(/\s*\n\s*/g, " ")).join(" ");
      expect(text.length).to.be.greaterThan(4 * OPEN_PARAGRAPH_LIMIT);
      const content = document.createElement("div");
      content.className = "content";
      root.append(content);
      const renderer = new MarkdownRenderer();
      content.append(renderer.element);
      const model = new IncrementalMarkdown();
      let inPieces = 0;
      for (let end = 1; end < text.length; end += 37) {
        renderer.update(text.slice(0, end), { streaming: true });
        if (model.update(text.slice(0, end), { streaming: true }).some((block) => block.t === "open-p")) inPieces += 1;
        await Promise.resolve(); // the watch checks each state (its MutationObserver runs now)
      }
      renderer.update(text, { streaming: false });
      expect(inPieces, "updates with a paragraph parsed in pieces").to.be.greaterThan(100);
      await watch.settle();
      const violations = watch.violations();
      expect(violations, violations.join("\n")).to.deep.equal([]);
    } finally {
      watch.stop();
      host.remove();
    }
  });
});
