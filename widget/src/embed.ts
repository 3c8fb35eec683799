// Script-tag entry (the IIFE build): defines <convex-chat> and appends one to the page, configured
// from the tag's data attributes:
//   <script src=".../convex-chat.js" data-convex-url="https://NAME.convex.cloud" async></script>
// Optional: data-site-url, data-stream-path.
import { tagName } from "./define.js";

// Read now: currentScript is only set while this script first runs (also for async scripts).
// A loader that injects the script may leave it null; fall back to the tag itself.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>("script[data-convex-url]");

function embed(): void {
  const convexUrl = script?.dataset.convexUrl;
  if (!script || !convexUrl) {
    console.warn(`convex-chat: add data-convex-url to the script tag to embed the chat.`);
    return;
  }
  // A second copy of the script tag must not add a second chat.
  if (document.querySelector(`${tagName}[data-embedded]`)) return;
  const chat = document.createElement(tagName);
  chat.dataset.embedded = "";
  chat.setAttribute("convex-url", convexUrl);
  if (script.dataset.siteUrl) chat.setAttribute("site-url", script.dataset.siteUrl);
  if (script.dataset.streamPath) chat.setAttribute("stream-path", script.dataset.streamPath);
  document.body.append(chat);
}

// An async script in <head> can run before <body> exists.
if (document.body) embed();
else document.addEventListener("DOMContentLoaded", embed, { once: true });
