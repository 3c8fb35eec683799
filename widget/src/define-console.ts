// Registers <convex-chat-console>. Guarded like define.ts: a second copy keeps the first definition.
import { ConvexChatConsole } from "./console/convex-chat-console.js";

export const consoleTagName = "convex-chat-console";

const existing = customElements.get(consoleTagName);
if (!existing) {
  customElements.define(consoleTagName, ConvexChatConsole);
} else if (existing !== ConvexChatConsole) {
  console.warn(`<${consoleTagName}> is already defined by another copy of the console; using that one.`);
}

export { ConvexChatConsole };
