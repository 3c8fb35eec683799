// The floating corner on browsers without custom states (Safari < 17.4, Firefox < 126) or with only
// the legacy dashed form (Chrome < 125): the chat must still render, in the right corner.
import { expect, fixture, html } from "@open-wc/testing";
import { freshVisitor, TEST_SITE_KEY, testBackend, waitFor } from "../../test/test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { isShown, launcher, panel } from "../../test/shell-test-helpers.js";

const original = Object.getOwnPropertyDescriptor(ElementInternals.prototype, "states")!;

/** Replaces `ElementInternals#states` (what older browsers have instead) for one test. */
function emulateStates(states: () => unknown): void {
  Object.defineProperty(ElementInternals.prototype, "states", { configurable: true, get: states });
}

/** What Chrome < 125 had: a set that takes only `--name` and throws on anything else. */
class LegacyStateSet extends Set<string> {
  override add(value: string): this {
    if (!value.startsWith("--")) throw new DOMException(`Failed to execute 'add': '${value}' is not a valid state`, "SyntaxError");
    return super.add(value);
  }
}

async function leftChat(): Promise<ConvexChat> {
  const { url, siteUrl } = await testBackend();
  return fixture<ConvexChat>(
    html`<convex-chat mode="floating" position="left" convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>`,
  );
}

async function expectLeftCorner(chat: ConvexChat): Promise<void> {
  expect(launcher(chat).getBoundingClientRect().left).to.be.within(10, 40);
  chat.open();
  await waitFor(() => isShown(panel(chat)), "the panel");
  expect(panel(chat).getBoundingClientRect().left).to.be.within(10, 40);
}

describe("<convex-chat> corner without custom states", () => {
  beforeEach(freshVisitor);
  afterEach(() => Object.defineProperty(ElementInternals.prototype, "states", original));

  it("renders in the left corner where ElementInternals has no states", async () => {
    emulateStates(() => undefined);
    const chat = await leftChat();
    await expectLeftCorner(chat);
    expect(chat.hasAttribute("data-state-left")).to.equal(true);
  });

  it("uses the dashed form where only that is accepted, and goes back right", async () => {
    const legacy = new WeakMap<object, LegacyStateSet>();
    const created: LegacyStateSet[] = [];
    emulateStates(function (this: object) {
      if (!legacy.has(this)) legacy.set(this, created[created.push(new LegacyStateSet()) - 1]);
      return legacy.get(this);
    });
    const chat = await leftChat();
    await expectLeftCorner(chat);
    const sets = () => created.flatMap((set) => [...set]);
    expect(sets()).to.deep.equal(["--left"]);
    chat.position = "right";
    await chat.updateComplete;
    expect(chat.hasAttribute("data-state-left")).to.equal(false);
    expect(sets()).to.deep.equal([]);
    expect(innerWidth - launcher(chat).getBoundingClientRect().right).to.be.within(10, 40);
  });
});
