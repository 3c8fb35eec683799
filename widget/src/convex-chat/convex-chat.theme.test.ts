import { expect, fixture, html } from "@open-wc/testing";
import { emulateMedia } from "@web/test-runner-commands";
import { freshVisitor, TEST_SITE_KEY, testBackend } from "../../test/test-helpers.js";
import { chatFixture, sendButton } from "../../test/chat-test-helpers.js";
import { ConvexChat } from "./convex-chat.js";
import { background, documented, panel, shellPart } from "../../test/shell-test-helpers.js";

const WHITE = "rgb(255, 255, 255)";
const DARK_SURFACE = "rgb(23, 24, 29)";

/** The --convex-chat-* properties the element's style sheets read. */
function usedProperties(): Set<string> {
  const css = ConvexChat.elementStyles.map((style) => ("cssText" in style ? style.cssText : "")).join("\n");
  return new Set(css.match(/--convex-chat-[a-z-]+/g) ?? []);
}

describe("<convex-chat> theming", () => {
  beforeEach(freshVisitor);
  afterEach(() => emulateMedia({ colorScheme: "light" }));

  it("documents every --convex-chat-* property it uses, and uses every one it documents", async () => {
    const used = usedProperties();
    const docs = await documented("cssprop");
    expect(used.size).to.be.greaterThan(10);
    expect(
      [...used].filter((name) => !docs.has(name)),
      "used but not documented",
    ).to.deep.equal([]);
    expect(
      [...docs].filter((name) => !used.has(name)),
      "documented but not used",
    ).to.deep.equal([]);
  });

  // Parts: convex-chat.parts.test.ts renders each documented one.

  it("maps public properties once: a page value wins over both themes", async () => {
    const { url, siteUrl } = await testBackend();
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY} theme="dark"
      style="--convex-chat-surface: rgb(1, 2, 3); --convex-chat-accent: rgb(200, 10, 20); --convex-chat-radius: 3px"></convex-chat>`);
    expect(background(panel(chat))).to.equal("rgb(1, 2, 3)");
    expect(background(sendButton(chat))).to.equal("rgb(200, 10, 20)");
    expect(getComputedStyle(panel(chat)).borderTopLeftRadius).to.equal("3px");
  });

  it("is light by default, dark with theme=dark, and follows the visitor's preference with theme=auto", async () => {
    const chat = await chatFixture();
    expect(chat.theme).to.equal("light");
    expect(background(panel(chat))).to.equal(WHITE);
    chat.theme = "dark";
    await chat.updateComplete;
    expect(background(panel(chat))).to.equal(DARK_SURFACE);
    expect(getComputedStyle(shellPart(chat, ".root")).colorScheme).to.equal("dark");

    chat.theme = "auto";
    await chat.updateComplete;
    expect(background(panel(chat))).to.equal(WHITE);
    await emulateMedia({ colorScheme: "dark" });
    expect(background(panel(chat))).to.equal(DARK_SURFACE);
    chat.theme = "light";
    await chat.updateComplete;
    expect(background(panel(chat)), "light stays light for a dark-mode visitor").to.equal(WHITE);
  });
});
