// Registers <convex-chat>. Guarded: a page that loads the widget twice (two script tags, or the
// script plus the module) keeps the first definition and warns instead of throwing.
import { ConvexChat } from "./convex-chat/convex-chat.js";

export const tagName = "convex-chat";

const existing = customElements.get(tagName);
if (!existing) {
  customElements.define(tagName, ConvexChat);
} else if (existing !== ConvexChat) {
  console.warn(`<${tagName}> is already defined by another copy of the widget; using that one.`);
}

export { ConvexChat };
