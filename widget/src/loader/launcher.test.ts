// The loader's launcher (drawn before the widget loads) looks and sits exactly like the element's
// own, so the swap on load is invisible: compared property by property in the real browser.
import { expect, fixture, html } from "@open-wc/testing";
import "../define.js";
import type { ConvexChat } from "../convex-chat/convex-chat.js";
import { drawLauncher, openChatLabel } from "./launcher.js";
import { resolveStrings } from "../core/strings/index.js";

const BUTTON = ["background-color", "color", "border-radius", "box-shadow", "cursor", "width", "height", "display", "transition"];
const HOST = ["position", "z-index", "display", "top", "right", "bottom", "left", "width", "height"];

function styleOf(element: Element, names: string[]): Record<string, string | undefined> {
  const style = getComputedStyle(element);
  return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
}

function rectOf(element: Element) {
  const { x, y, width, height } = element.getBoundingClientRect();
  return { x, y, width, height };
}

/** The element's launcher and the loader's, on hosts with the same attributes, one at a time. */
async function compare(attributes: Record<string, string>) {
  const real = await fixture<ConvexChat>(html`<convex-chat mode="floating"></convex-chat>`);
  for (const [name, value] of Object.entries(attributes)) real.setAttribute(name, value);
  await real.updateComplete;
  const realButton = real.shadowRoot!.querySelector("[part~=launcher]")!;
  const realIcon = real.shadowRoot!.querySelector("[part~=launcher-icon]")!;
  const seen = {
    host: { ...styleOf(real, HOST), rect: rectOf(real) },
    button: { ...styleOf(realButton, BUTTON), rect: rectOf(realButton), label: realButton.getAttribute("aria-label") },
    icon: { rect: rectOf(realIcon), path: realIcon.innerHTML.replace(/<!--[^>]*-->/g, "").trim() },
  };
  real.remove();

  const drawn = await fixture<HTMLElement>(html`<div></div>`);
  for (const [name, value] of Object.entries(attributes)) drawn.setAttribute(name, value);
  // What the loader sets from the page (the shell's corner: data-state-left).
  drawn.toggleAttribute("data-state-left", attributes.position === "left");
  const button = drawLauncher(drawn, openChatLabel(document.documentElement.lang));
  const icon = button.querySelector("svg")!;
  const shown = {
    host: { ...styleOf(drawn, HOST), rect: rectOf(drawn) },
    button: { ...styleOf(button, BUTTON), rect: rectOf(button), label: button.getAttribute("aria-label") },
    icon: { rect: rectOf(icon), path: icon.innerHTML.trim() },
  };
  drawn.remove();
  return { seen, shown };
}

describe("the loader's launcher", () => {
  const cases: Record<string, string>[] = [{}, { theme: "dark" }, { position: "left" }, { theme: "auto", position: "right" }];
  for (const attributes of cases) {
    it(`matches the element's launcher: ${JSON.stringify(attributes)}`, async () => {
      const { seen, shown } = await compare(attributes);
      expect(shown).to.deep.equal(seen);
    });
  }

  it("follows the page's --convex-chat-* properties like the element", async () => {
    const style = document.createElement("style");
    style.textContent = ":root { --convex-chat-accent: rgb(10, 120, 40); --convex-chat-launcher-size: 64px; --convex-chat-offset: 32px; }";
    document.head.append(style);
    try {
      const { seen, shown } = await compare({});
      expect((shown.button as Record<string, unknown>)["background-color"]).to.equal("rgb(10, 120, 40)");
      expect(shown).to.deep.equal(seen);
    } finally {
      style.remove();
    }
  });

  it("is named in the page's language as the element names it", () => {
    for (const lang of ["en", "fr", "fr-CA", "de", "de-AT", "es", "ar", "he", "iw", "pt"]) {
      expect(openChatLabel(lang)).to.equal(resolveStrings(lang).openChat);
    }
  });
});
