import { expect, fixture, html } from "@open-wc/testing";
import { emulateMedia, resetMouse, sendMouse } from "@web/test-runner-commands";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { finalReply, input, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { floatingChat, focused, isShown, launcher, panel, shellPart } from "../../test/shell-test-helpers.js";

/** Loads the hostile page CSS (demo/hostile.css) into this page; resolves once applied. */
async function loadHostileCss(): Promise<HTMLLinkElement> {
  const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: "/demo/hostile.css" });
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener("load", resolve);
    link.addEventListener("error", reject);
  });
  document.head.append(link);
  await loaded;
  return link;
}

/** Where the chat's parts are and how its text is set: should not change with the page's CSS. */
function layout(chat: ConvexChat) {
  const box = (element: Element) => {
    const { left, top, width, height } = element.getBoundingClientRect();
    return [left, top, width, height].map(Math.round).join(",");
  };
  const text = getComputedStyle(input(chat));
  return {
    launcher: box(launcher(chat)),
    panel: box(panel(chat)),
    input: box(input(chat)),
    title: box(shellPart(chat, "[part=title]")),
    font: `${text.fontStyle} ${text.fontWeight} ${text.fontSize}/${text.lineHeight} ${text.fontFamily} ${text.letterSpacing} ${text.textTransform}`,
  };
}

const center = (element: Element): [number, number] => {
  const { left, top, width, height } = element.getBoundingClientRect();
  return [Math.round(left + width / 2), Math.round(top + height / 2)];
};

describe("<convex-chat> on a hostile host page", () => {
  let hostile: HTMLLinkElement | undefined;
  beforeEach(async () => {
    await freshVisitor();
    // Layouts are compared: no transition may be half-way when they are measured.
    await emulateMedia({ reducedMotion: "reduce" });
  });
  afterEach(async () => {
    hostile?.remove();
    await emulateMedia({ reducedMotion: "no-preference" });
    await resetMouse();
  });

  it("looks and works the same under global resets, unset buttons, padding on every div and huge z-indexes", async () => {
    const globalsBefore = new Set(Object.keys(window));
    const headBefore = document.head.children.length;
    await fixture(html`<div>
      <div class="sticky">sticky header</div>
      <div class="cookie-bar">cookie bar</div>
    </div>`);
    const chat = await floatingChat();
    await waitUntilReady(chat);
    chat.open();
    await waitFor(() => isShown(panel(chat)), "the panel");
    const clean = layout(chat);
    chat.close();
    await waitFor(() => !isShown(panel(chat)), "the panel to close");

    hostile = await loadHostileCss();
    expect(getComputedStyle(document.body).textTransform, "the hostile CSS applies").to.equal("uppercase");
    // The launcher is on top of the page's cookie bar and takes a real click.
    const [x, y] = center(launcher(chat));
    expect(document.elementFromPoint(x, y)).to.equal(chat);
    await sendMouse({ type: "click", position: [x, y] });
    await waitFor(() => chat.isOpen && isShown(panel(chat)), "the panel to open from a click");
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    await sendMouse({ type: "move", position: [1, 1] }); // no hover effect on the launcher
    expect(layout(chat)).to.deep.equal(clean);

    await typeAndSend(chat, "Does this page break you?");
    const reply = await finalReply(chat);
    expect(reply.status).to.equal("done");
    expect(shownMessages(chat)[0].text).to.equal("Does this page break you?");
    const [replyX, replyY] = center(chat.shadowRoot!.querySelector("article.assistant")!);
    expect(document.elementFromPoint(replyX, replyY), "the open panel is on top").to.equal(chat);

    // Nothing was added to the page: no globals, no style or script tags.
    expect([...Object.keys(window)].filter((key) => !globalsBefore.has(key))).to.deep.equal([]);
    expect(document.head.children.length).to.equal(headBefore + 1); // the test's own <link>
  });
});
