// The widget's script-tag entry (dist/convex-chat-widget.js): loaded by the loader (loader.ts, the
// script tag's dist/convex-chat.js) on the visitor's intent, or by a tag of its own. Defines
// <convex-chat>, appends one floating chat to the page (or takes over the one the loader drew),
// configured from the tag's data attributes, and exposes `window.ConvexChat` to drive it:
//   <script src=".../convex-chat.js" data-convex-url="https://NAME.convex.cloud" data-site-key="KEY" async></script>
// Optional: data-site-url, data-stream-path, data-lang, data-theme, data-position, data-title,
// data-storage, data-identity-url. data-floating="false" only defines the element (for inline
// <convex-chat> elements the page places itself, e.g. the WordPress plugin's shortcode).
//
// Calls made before this script has run are queued by the stub snippet (README) or the loader in
// `window.ConvexChat.q` as `[method, args]` (the loader adds the resolve and reject of the promise
// it returned) and replayed, in order, once the chat is on the page.
// This module exports types only: the IIFE must add no global but `window.ConvexChat`.
import { tagName } from "./define.js";
import type { ConvexChat } from "./convex-chat/convex-chat.js";
import { copyScriptAttributes } from "./script-attributes.js";

/** The calls `window.ConvexChat` takes; each acts on the chat this script inserted. */
const METHODS = ["open", "close", "toggle", "send", "newConversation", "prefill", "signOut"] as const;
type Method = (typeof METHODS)[number];
type QueuedCall = [method: string, args: unknown[], resolve?: (value: unknown) => void, reject?: (reason: unknown) => void];

/** `window.ConvexChat` once the script has loaded. */
export interface ConvexChatGlobal {
  open(): void;
  close(): void;
  toggle(): void;
  /** Sends `text` as the visitor; resolves when the server accepted it (rejects with the reason). */
  send(text: string): Promise<void>;
  newConversation(): void;
  prefill(text: string): Promise<void>;
  /**
   * Ends the visitor's session and starts a new anonymous one (e.g. when the host's user logs out);
   * `{ erase: true }` erases the visitor's data on the server first.
   */
  signOut(options?: { erase?: boolean }): Promise<void>;
  /** The inserted element (undefined until the page's body exists). */
  readonly element: ConvexChat | undefined;
}

declare global {
  interface Window {
    ConvexChat?: ConvexChatGlobal | { q?: QueuedCall[]; script?: HTMLScriptElement };
  }
}

// Read now: currentScript is only set while this script first runs (also for async scripts). The
// loader imports this file as a module (no currentScript) and hands its own tag over; a tag manager
// that injects the script may leave it null: fall back to the tag itself.
const stub = window.ConvexChat;
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  (stub && "script" in stub ? stub.script : undefined) ??
  document.querySelector<HTMLScriptElement>("script[data-convex-url]");

let chat: ConvexChat | undefined;
// Calls that arrived before the element existed: the stub's queue, then any made since.
const pending: QueuedCall[] = [];

/** Runs one call on the chat, reporting (not throwing) what fails: the host page must not break. */
function call(method: string, args: unknown[]): unknown {
  if (!chat) return void pending.push([method, args]);
  if (!(METHODS as readonly string[]).includes(method)) {
    console.warn(`convex-chat: window.ConvexChat has no method "${method}".`);
    return undefined;
  }
  const result = (chat[method as Method] as (...a: unknown[]) => unknown)(...args);
  return result;
}

function installGlobal(): void {
  const existing = window.ConvexChat;
  // A second copy of the script keeps the first one's API (and its chat).
  if (existing && !("q" in existing) && "element" in existing) return;
  const queued = existing && "q" in existing && Array.isArray(existing.q) ? existing.q : [];
  pending.push(...queued.filter((entry) => Array.isArray(entry) && typeof entry[0] === "string"));
  const api = Object.fromEntries(METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));
  window.ConvexChat = Object.defineProperty(api, "element", { get: () => chat, enumerable: true });
}

function embed(): void {
  if (script?.dataset.floating === "false") return;
  // The loader's element, its attributes set and its launcher drawn: now upgraded, it is the chat.
  const drawn = document.querySelector<ConvexChat>(`${tagName}[data-embedded][data-loading]`);
  if (drawn) {
    drawn.removeAttribute("data-loading");
    chat = drawn;
    return replay();
  }
  const convexUrl = script?.dataset.convexUrl;
  if (!script || !convexUrl) {
    console.warn(`convex-chat: add data-convex-url to the script tag to embed the chat.`);
    return;
  }
  // A second copy of the script tag must not add a second chat.
  if (document.querySelector(`${tagName}[data-embedded]`)) return;
  const element = document.createElement(tagName);
  element.dataset.embedded = "";
  element.setAttribute("mode", "floating");
  copyScriptAttributes(script, element);
  document.body.append(element);
  chat = element;
  replay();
}

// Replays what the page asked for before the chat existed. A queued send that fails is shown in
// the chat (and fired as convex-chat-error); it must not become an unhandled rejection, unless the
// loader handed out a promise for it, which then settles as the call does.
function replay(): void {
  for (const [method, args, resolve, reject] of pending.splice(0)) {
    const result = call(method, args);
    if (resolve && reject) Promise.resolve(result).then(resolve, reject);
    else if (result instanceof Promise) result.catch(() => undefined);
  }
}

installGlobal();
// An async script in <head> can run before <body> exists.
if (document.body) embed();
else document.addEventListener("DOMContentLoaded", embed, { once: true });
