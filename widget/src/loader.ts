// Script-tag entry (dist/convex-chat.js): the loader. A page view costs a few kilobytes and nothing
// on the server until the visitor shows they want to chat. It draws the launcher at once (in the
// element's own shadow root: loader/launcher.ts), installs `window.ConvexChat` as a queue, and loads
// the widget (dist/convex-chat-widget.js, next to this file: embed.ts) on intent:
//   - pointer over, pointer down or focus on the launcher; a click (which then opens the panel);
//   - `ConvexChat.open()`, `toggle()`, `send()`, `prefill()` or `signOut()` (queued, then replayed);
//   - at idle, when the visitor has a conversation in progress (unread replies still show);
//   - at once with data-floating="false" (the page's own inline elements need the definition),
//     or when the page placed a <convex-chat> of its own (an inline chat is on screen at once).
// Until then: no WebSocket, no sign-in, no database write, no message download.
// The data attributes are embed.ts's; the loader copies them onto the element it inserts.
import { hasConversationInProgress } from "./core/visitor-activity.js";
import { drawLauncher, openChatLabel } from "./loader/launcher.js";
import { copyScriptAttributes } from "./script-attributes.js";

const TAG = "convex-chat";
const WIDGET_FILE = "convex-chat-widget.js";
const METHODS = ["open", "close", "toggle", "send", "newConversation", "prefill", "signOut"];
/** Calls that mean the visitor (or the page for them) wants the chat now. */
const INTENT = ["open", "toggle", "send", "prefill", "signOut"];

/** A queued call: embed.ts replays it and settles the promise the stub returned. */
type QueuedCall = [method: string, args: unknown[], resolve?: (value: unknown) => void, reject?: (reason: unknown) => void];
interface Stub {
  q: QueuedCall[];
  /** The loader's script tag, for embed.ts (which, imported as a module, has no currentScript). */
  script: HTMLScriptElement;
  readonly element: undefined;
  [method: string]: unknown;
}

// Read now: currentScript is only set while this script first runs.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>("script[data-convex-url]");
let loading = false;

/** Loads the widget from where this script came from, with the same query (a version, a cache buster). */
function load(): void {
  if (loading || !script) return;
  loading = true;
  const base = new URL(script.src, location.href);
  const url = new URL(WIDGET_FILE, base);
  url.search = base.search;
  // A dynamic import first: Trusted Types do not guard it, where a script element's src is a sink a
  // strict page refuses (demo/csp.html). A cross-origin host without CORS headers refuses the
  // import: then a classic script element, as the script tag itself was loaded.
  import(/* @vite-ignore */ url.href)
    .catch(() => {
      const tag = document.createElement("script");
      tag.src = url.href;
      tag.nonce = script.nonce;
      if (script.crossOrigin !== null) tag.crossOrigin = script.crossOrigin;
      document.head.append(tag);
    })
    .catch((error: unknown) => console.warn("convex-chat: could not load the chat.", error));
}

function installStub(): Stub {
  const previous = (window as { ConvexChat?: { q?: unknown } }).ConvexChat;
  const queued = previous && Array.isArray(previous.q) ? (previous.q as QueuedCall[]) : [];
  const stub = { q: queued.filter((entry) => Array.isArray(entry) && typeof entry[0] === "string"), script, element: undefined } as Stub;
  for (const method of METHODS) {
    stub[method] = (...args: unknown[]) => {
      // Called on a reference the page kept from before the widget loaded: pass it on.
      const current = (window as { ConvexChat?: Record<string, unknown> }).ConvexChat;
      if (current && current !== (stub as unknown) && typeof current[method] === "function") {
        return (current[method] as (...a: unknown[]) => unknown)(...args);
      }
      if (INTENT.includes(method)) load();
      return new Promise((resolve, reject) => stub.q.push([method, args, resolve, reject]));
    };
  }
  (window as { ConvexChat?: unknown }).ConvexChat = stub;
  if (stub.q.some(([method]) => INTENT.includes(method))) load();
  return stub;
}

/** Inserts the element the widget will upgrade, with its launcher drawn, and listens for intent. */
function placeLauncher(stub: Stub): void {
  const element = document.createElement(TAG);
  // data-loading: the element embed.ts takes over (data-embedded: the one chat of the script tag).
  element.dataset.embedded = "";
  element.dataset.loading = "";
  element.setAttribute("mode", "floating");
  copyScriptAttributes(script!, element);
  const lang = element.lang || document.documentElement.lang;
  const position = element.getAttribute("position");
  const rtl = position
    ? position === "left"
    : /^(ar|fa|he|ur)\b/i.test(lang) || getComputedStyle(document.documentElement).direction === "rtl";
  element.toggleAttribute("data-state-left", rtl);
  document.body.append(element);
  const launcher = drawLauncher(element, openChatLabel(lang));
  for (const type of ["pointerenter", "pointerdown", "focus"]) launcher.addEventListener(type, load, { once: true });
  launcher.addEventListener("click", () => {
    stub.q.push(["open", []]);
    load();
  });
  // The widget defines the element: its own launcher replaces this one, focused if this one was.
  void customElements.whenDefined(TAG).then(async () => {
    const focused = element.shadowRoot?.activeElement === launcher;
    launcher.remove();
    await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    if (focused && !element.hasAttribute("open")) element.shadowRoot?.querySelector<HTMLElement>("[part~=launcher]")?.focus();
  });
}

function start(stub: Stub): void {
  if (!script) return;
  const dataset = script.dataset;
  if (dataset.floating === "false" || customElements.get(TAG)) return load();
  if (!dataset.convexUrl) return console.warn("convex-chat: add data-convex-url to the script tag to embed the chat.");
  placeLauncher(stub);
  // A chat the page placed itself (inline, e.g. a CMS shortcode) is on screen already: it needs the
  // widget now, not on intent. The tag may run before the page's markup is parsed (async), so look
  // again once it is.
  const pagePlaced = () => document.querySelector(`${TAG}:not([data-embedded])`) !== null;
  if (pagePlaced()) return load();
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", () => pagePlaced() && load(), { once: true });
  const inProgress = hasConversationInProgress({ convexUrl: dataset.convexUrl, siteKey: dataset.siteKey ?? "", storage: dataset.storage });
  if (!inProgress) return;
  // After the page's own work: the visitor's replies matter, the page's first paint more.
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(load, { timeout: 2_000 }) : setTimeout(load, 200));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

// A second copy of the script (or of the widget) adds no second chat and keeps the first's API.
const existing = (window as { ConvexChat?: { script?: unknown; element?: unknown } }).ConvexChat;
if (!(existing && ("script" in existing || "element" in existing)) && !document.querySelector(`${TAG}[data-embedded]`)) {
  const stub = installStub();
  // An async script in <head> can run before <body> exists.
  if (document.body) start(stub);
  else document.addEventListener("DOMContentLoaded", () => start(stub), { once: true });
}
