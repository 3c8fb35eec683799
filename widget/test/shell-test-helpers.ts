// Helpers for the tests of the chat's shell (modes, launcher, theming, text): find its parts, wait.
import { fixture, html } from "@open-wc/testing";
import { readFile } from "@web/test-runner-commands";
import { TEST_SITE_KEY, testBackend } from "./test-helpers.js";
import "../src/define.js";
import type { ConvexChat } from "../src/convex-chat/convex-chat.js";

/** A shadow-root node of `chat`; throws (naming it) when missing. */
export function shellPart<T extends Element = HTMLElement>(chat: ConvexChat, selector: string): T {
  const element = chat.shadowRoot?.querySelector<T>(selector);
  if (!element) throw new Error(`<convex-chat> has no ${selector}`);
  return element;
}

export const launcher = (chat: ConvexChat) => shellPart<HTMLButtonElement>(chat, "[part=launcher]");
export const panel = (chat: ConvexChat) => shellPart(chat, "[part=panel]");
export const badge = (chat: ConvexChat) => chat.shadowRoot?.querySelector<HTMLElement>("[part=badge]") ?? null;

/** The element inside the shadow root that has focus (null when focus is elsewhere). */
export const focused = (chat: ConvexChat) => chat.shadowRoot?.activeElement ?? null;

/** Whether a visitor can see `element` (rendered, visible, not transparent). */
export function isShown(element: Element): boolean {
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return style.visibility === "visible" && Number(style.opacity) > 0.9 && box.width > 0 && box.height > 0;
}

/** A chat on the run's backend in floating mode (closed). */
export async function floatingChat(): Promise<ConvexChat> {
  const { url, siteUrl } = await testBackend();
  return fixture<ConvexChat>(
    html`<convex-chat mode="floating" convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>`,
  );
}

/** The background colour a visitor sees on `element`, as `rgb(r, g, b)`. */
export const background = (element: Element) => getComputedStyle(element).backgroundColor;

/**
 * `@tag name` entries of the element's JSDoc, read from the source (the served module has no
 * comments). For tests in src/convex-chat/: the path is relative to the running test file.
 */
export async function documented(tag: "cssprop" | "csspart"): Promise<Set<string>> {
  const source = await readFile({ path: "./convex-chat.ts" });
  if (!source) throw new Error("could not read convex-chat.ts");
  return new Set([...source.matchAll(new RegExp(`^ \\* @${tag} (\\S+)`, "gm"))].map((match) => match[1]));
}
