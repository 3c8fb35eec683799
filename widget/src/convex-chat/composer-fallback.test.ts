// Where the browser cannot size a field to its content in CSS (no `field-sizing`: Firefox, older
// Safari), the composer measures its field: when its text changes, never on the updates of a
// streaming reply. Chromium is told here that it lacks `field-sizing` (before any composer asks).
import { expect } from "@open-wc/testing";
import { freshVisitor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, input, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import { watchLayoutInUpdates } from "../../test/layout-watch.js";

const supports = CSS.supports.bind(CSS);
CSS.supports = (property: string, value?: string) =>
  property === "field-sizing" ? false : value === undefined ? supports(property) : supports(property, value);

describe("<convex-chat> composer without field-sizing", () => {
  beforeEach(freshVisitor);
  after(() => (CSS.supports = supports));

  it("measures its field when the text changes, and reads no layout while a reply streams", async () => {
    const chat = await chatFixture();
    chat.style.height = "420px";
    await waitUntilReady(chat);
    const field = input(chat);
    field.value = "one\ntwo\nthree";
    field.dispatchEvent(new InputEvent("input"));
    await chat.updateComplete;
    const threeLines = field.offsetHeight;
    expect(field.style.height, "measured, set inline").to.equal(`${threeLines}px`);
    field.value = "one";
    field.dispatchEvent(new InputEvent("input"));
    await chat.updateComplete;
    expect(field.offsetHeight).to.be.below(threeLines);

    field.value = "";
    field.dispatchEvent(new InputEvent("input"));
    await typeAndSend(chat, "Tell me everything; reply with 2000 characters.");
    await chat.updateComplete;
    const watch = watchLayoutInUpdates(chat);
    try {
      await finalReply(chat);
    } finally {
      watch.stop();
    }
    expect(watch.updates, "updates while the reply streamed").to.be.greaterThan(20);
    expect([...new Set(watch.calls)], `layout calls in ${watch.updates} updates`).to.deep.equal([]);
  });
});
