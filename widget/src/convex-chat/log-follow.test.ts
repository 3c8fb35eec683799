// The log follows a streaming reply without forcing a layout on any update (reading layout right
// after writing the DOM makes the browser lay the page out there and then, once per token), and
// still follows exactly as before: to the end while the visitor is there, not once they scroll up.
import { expect } from "@open-wc/testing";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const log = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part~=log]")!;
const replyText = (chat: ConvexChat) => shownMessages(chat).filter((m) => m.role === "assistant").at(-1)?.text ?? "";
const distanceToEnd = (element: HTMLElement) => element.scrollHeight - element.scrollTop - element.clientHeight;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** What needs the page laid out to answer (reads) or to apply (scrolling). */
const LAYOUT_PROPERTIES: Array<[object, string[]]> = [
  [Element.prototype, ["scrollTop", "scrollLeft", "scrollHeight", "scrollWidth", "clientHeight", "clientWidth", "clientTop", "clientLeft"]],
  [HTMLElement.prototype, ["offsetHeight", "offsetWidth", "offsetTop", "offsetLeft", "offsetParent", "innerText"]],
];
const LAYOUT_METHODS: Array<[object, string[]]> = [
  [Element.prototype, ["getBoundingClientRect", "getClientRects", "scrollIntoView", "scrollTo", "scrollBy"]],
  [window, ["getComputedStyle"]],
];

/**
 * Records every layout-dependent call made while `chat` updates (inside its Lit update: render and
 * every controller's hostUpdated), and how many updates there were. Calls outside an update (the
 * observers' callbacks, after the browser's own layout; scroll events) are not counted.
 */
function watchLayoutInUpdates(chat: ConvexChat) {
  const calls: string[] = [];
  let updates = 0;
  let inUpdate = false;
  const restore: Array<() => void> = [];
  for (const [target, names] of LAYOUT_PROPERTIES) {
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name)!;
      Object.defineProperty(target, name, {
        ...descriptor,
        get(this: Element) {
          if (inUpdate) calls.push(`get ${name}`);
          return descriptor.get!.call(this);
        },
        set: descriptor.set && function (this: Element, value: unknown) {
          if (inUpdate) calls.push(`set ${name}`);
          descriptor.set!.call(this, value);
        },
      });
      restore.push(() => Object.defineProperty(target, name, descriptor));
    }
  }
  for (const [target, names] of LAYOUT_METHODS) {
    for (const name of names) {
      const record = target as Record<string, (...args: unknown[]) => unknown>;
      const original = record[name];
      record[name] = function (this: unknown, ...args: unknown[]) {
        if (inUpdate) calls.push(`${name}()`);
        return original.apply(this, args);
      };
      restore.push(() => (record[name] = original));
    }
  }
  const host = chat as unknown as { performUpdate(): void };
  const performUpdate = host.performUpdate;
  host.performUpdate = function (this: ConvexChat) {
    inUpdate = true;
    updates += 1;
    try {
      performUpdate.call(this);
    } finally {
      inUpdate = false;
    }
  };
  restore.push(() => delete (host as Partial<typeof host>).performUpdate);
  return {
    calls,
    get updates() {
      return updates;
    },
    stop: () => restore.forEach((undo) => undo()),
  };
}

describe("<convex-chat> log while a reply streams", () => {
  beforeEach(freshVisitor);

  it("reads no layout in any update (neither the log's follow nor the composer's height)", async () => {
    const chat = await chatFixture();
    chat.style.height = "360px";
    await waitUntilReady(chat);
    await typeAndSend(chat, "Tell me everything; reply with 3000 characters.");
    const watch = watchLayoutInUpdates(chat);
    try {
      await finalReply(chat);
    } finally {
      watch.stop();
    }
    expect(replyText(chat).length).to.be.greaterThan(2000);
    expect(watch.updates, "updates while the reply streamed").to.be.greaterThan(20);
    const counts = [...new Set(watch.calls)].map((call) => `${call} ×${watch.calls.filter((c) => c === call).length}`);
    expect(counts, `layout calls in ${watch.updates} updates`).to.deep.equal([]);
    // And it did follow the reply to its end.
    await nextFrame();
    expect(log(chat).scrollHeight).to.be.greaterThan(log(chat).clientHeight * 2);
    expect(distanceToEnd(log(chat))).to.be.below(2);
  });

  it("follows a growing reply while the visitor is at the end, and stays put once they scroll up", async () => {
    const chat = await chatFixture();
    chat.style.height = "360px";
    await waitUntilReady(chat);
    await typeAndSend(chat, "Tell me everything at length; reply with 8000 characters.");
    const element = log(chat);
    await waitFor(() => element.scrollHeight > element.clientHeight + 300, "the reply to overflow the log");

    // Right after each time the reply grows (this observer runs after the widget's, in the same frame).
    const distances: number[] = [];
    let record = true;
    const growth = new ResizeObserver(() => record && distances.push(distanceToEnd(element)));
    const reply = () => [...element.querySelectorAll("article.message")].at(-1)!;
    growth.observe(reply());
    try {
      await waitFor(() => distances.length >= 10, "the reply to grow ten times");
      expect(Math.max(...distances), "distance to the end after each growth").to.be.below(2);

      // The visitor scrolls up: the log stays where they put it while the reply goes on growing.
      record = false;
      element.scrollTop = 40;
      await nextFrame();
      const length = replyText(chat).length;
      await waitFor(() => replyText(chat).length > length + 400, "the reply to grow on");
      await nextFrame();
      expect(element.scrollTop).to.equal(40);
      expect(distanceToEnd(element)).to.be.greaterThan(300);

      // Back at the end: following again.
      element.scrollTop = element.scrollHeight;
      await nextFrame();
      distances.length = 0;
      record = true;
      await waitFor(() => distances.length >= 5, "the reply to grow five more times");
      expect(Math.max(...distances), "distance to the end after each growth, following again").to.be.below(2);
    } finally {
      growth.disconnect();
    }
    await finalReply(chat);
    await nextFrame();
    expect(distanceToEnd(element)).to.be.below(2);
  });
});
