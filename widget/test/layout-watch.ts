// Counts what makes the browser lay the page out (reading layout, or scrolling) inside an element's
// Lit updates: done right after the update's DOM writes, each of those forces a layout there and then.
import type { ConvexChat } from "../src/convex-chat/convex-chat.js";

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
export function watchLayoutInUpdates(chat: ConvexChat) {
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
        set:
          descriptor.set &&
          function (this: Element, value: unknown) {
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
