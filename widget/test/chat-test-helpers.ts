// Helpers for the element's browser tests: read what a visitor sees, type like a visitor.
import { fixture, html } from "@open-wc/testing";
import { ifDefined } from "lit/directives/if-defined.js";
import { sendKeys } from "@web/test-runner-commands";
import "../src/define.js";
import { testBackend, TEST_SITE_KEY, waitFor } from "./test-helpers.js";
import type { ConvexChat } from "../src/convex-chat/convex-chat.js";

export interface ShownMessage {
  role: string;
  status: string;
  text: string;
}

function part<T extends Element>(chat: ConvexChat, selector: string): T {
  const element = chat.shadowRoot?.querySelector<T>(selector);
  if (!element) throw new Error(`<convex-chat> has no ${selector}`);
  return element;
}

export const input = (chat: ConvexChat) => part<HTMLTextAreaElement>(chat, "textarea");
export const sendButton = (chat: ConvexChat) => part<HTMLButtonElement>(chat, "button[type=submit]");
export const statusLine = (chat: ConvexChat) => part<HTMLElement>(chat, "[part=status]");

/** The messages as shown, oldest first. */
export function shownMessages(chat: ConvexChat): ShownMessage[] {
  return [...(chat.shadowRoot?.querySelectorAll<HTMLElement>("article.message") ?? [])].map((article) => ({
    role: article.classList.contains("user") ? "user" : "assistant",
    status: article.dataset.status ?? "",
    text: article.querySelector(".text")?.textContent ?? "",
  }));
}

/** Attributes a test may give its chat elements. */
export interface ChatOptions {
  conversationKey?: string;
  id?: string;
  /** The host's signed customer identity (JSON), for the `identity` attribute. */
  identity?: string;
  /** Another site than the run's `demo` (e.g. `limited`: small rate limits). */
  siteKey?: string;
  /** Where the session is kept: the `storage` attribute (local, session, memory). */
  storage?: string;
  /** Another backend than the run's (e.g. the failing one). */
  backend?: { url: string; siteUrl: string };
}

function chatTemplate({ url, siteUrl }: { url: string; siteUrl: string }, options: ChatOptions) {
  return html`<convex-chat convex-url=${url} site-url=${siteUrl} site-key=${options.siteKey ?? TEST_SITE_KEY}
    conversation-key=${ifDefined(options.conversationKey)} id=${ifDefined(options.id)}
    identity=${ifDefined(options.identity)} storage=${ifDefined(options.storage)}></convex-chat>`;
}

/** A chat element on the run's backend. */
export async function chatFixture(options: ChatOptions = {}): Promise<ConvexChat> {
  return fixture<ConvexChat>(chatTemplate(options.backend ?? (await testBackend()), options));
}

/** Several chat elements side by side on the run's backend, in the order given. */
export async function chatsFixture(list: ChatOptions[]): Promise<ConvexChat[]> {
  const backend = await testBackend();
  const container = await fixture<HTMLDivElement>(
    html`<div>${list.map((options) => chatTemplate(options.backend ?? backend, options))}</div>`,
  );
  return [...container.querySelectorAll("convex-chat")];
}

/** Waits until the visitor is signed in (the field takes text earlier: see the composer). */
export function waitUntilReady(chat: ConvexChat): Promise<true> {
  return waitFor(
    () => !input(chat).disabled && part<HTMLElement>(chat, "[part=composer]").dataset.session === "signed-in",
    "the visitor to be signed in",
  );
}

/** Types into the composer with the real keyboard and presses Enter. */
export async function typeAndSend(chat: ConvexChat, text: string): Promise<void> {
  input(chat).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: "Enter" });
}

/** Records every state of the newest assistant message (and the log's aria-busy then), on every DOM change. */
export function recordReply(chat: ConvexChat) {
  const seen: Array<ShownMessage & { logBusy: string | null }> = [];
  const snapshot = () => {
    const reply = shownMessages(chat)
      .filter((m) => m.role === "assistant")
      .at(-1);
    const logBusy = part(chat, "[part=log]").getAttribute("aria-busy");
    const last = seen.at(-1);
    if (reply && (reply.text !== last?.text || reply.status !== last?.status || logBusy !== last?.logBusy)) {
      seen.push({ ...reply, logBusy });
    }
  };
  const observer = new MutationObserver(snapshot);
  observer.observe(chat.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  return { seen, stop: () => observer.disconnect() };
}

/** Waits for the newest reply to be final and returns it. */
export function finalReply(chat: ConvexChat): Promise<ShownMessage> {
  return waitFor(
    () => {
      const reply = shownMessages(chat)
        .filter((m) => m.role === "assistant")
        .at(-1);
      return reply && ["done", "error", "timeout", "stopped"].includes(reply.status) && reply;
    },
    "a final reply",
    60_000,
  );
}

/** Distinct non-empty lengths the reply had while still streaming. */
export function lengthsWhileStreaming(seen: ShownMessage[]): number[] {
  return [...new Set(seen.filter((m) => m.status === "streaming" && m.text).map((m) => m.text.length))];
}
