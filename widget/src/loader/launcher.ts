// The launcher the script-tag loader draws before the widget is loaded: the same round button, in
// the same corner and colours, as the element's own (convex-chat.layout.styles.ts,
// convex-chat.theme.styles.ts, launcher-view.ts), in the element's shadow root, so the widget's
// upgrade replaces it in place. Plain DOM and a constructed style sheet: no Lit, a few hundred bytes,
// and nothing a strict CSP refuses (no inline style, no HTML parsing). launcher.test.ts compares
// it with the element's launcher, property by property, in every theme and corner.

// The host rules are !important for the same reason as the element's: a page's global resets
// must not unpin or restyle it (demo/hostile.html).
const HOST_RULES = [
  "position:fixed",
  "inset:auto calc(var(--_o) + env(safe-area-inset-right,0px)) calc(var(--_o) + env(safe-area-inset-bottom,0px)) auto",
  "width:var(--_s)",
  "height:var(--_s)",
  "min-width:0",
  "max-width:none",
  "min-height:0",
  "max-height:none",
  "margin:0",
  "padding:0",
  "border:0",
  "box-sizing:content-box",
  "z-index:var(--convex-chat-z-index,2147483000)",
  "transform:none",
  "filter:none",
  "opacity:1",
  "visibility:visible",
  "overflow:visible",
  "clip-path:none",
  "contain:none",
  "transition:none",
  "animation:none",
]
  .map((rule) => `${rule}!important`)
  .join(";");

const dark = "--_a:var(--convex-chat-accent,#5e5ce6)";

// No display override (as the element): a page may still hide the chat with display: none.
const STYLES = `:host{display:block}:host{--_a:var(--convex-chat-accent,#4f46e5);--_s:var(--convex-chat-launcher-size,56px);--_o:var(--convex-chat-offset,20px);${HOST_RULES}}
:host([data-state-left]){inset:auto auto calc(var(--_o) + env(safe-area-inset-bottom,0px)) calc(var(--_o) + env(safe-area-inset-left,0px))!important}
:host([hidden]){display:none!important}:host([theme=dark]){${dark}}@media(prefers-color-scheme:dark){:host([theme=auto]){${dark}}}
button{all:initial;box-sizing:border-box;position:relative;display:grid;place-items:center;width:100%;height:100%;border-radius:50%;color:var(--convex-chat-accent-text,#fff);background:var(--_a);box-shadow:var(--convex-chat-shadow,0 16px 40px -12px rgb(15 23 42/.3),0 2px 8px rgb(15 23 42/.08));cursor:pointer;transition:transform 150ms ease}
button:hover{transform:scale(1.06)}button:focus-visible{outline:3px solid var(--_a);outline-offset:3px}svg{width:46%;height:46%}
@media(prefers-reduced-motion:reduce){button{transition:none}button:hover{transform:none}}`;

const SVG = "http://www.w3.org/2000/svg";
// The element's chat icon (launcher-view.ts).
const ICON = "M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-8l-5 4v-4H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";

// Only the one string the loader needs, not the tables (they would be most of its 3 KB); the
// launcher test checks each against the element's own name.
const OPEN_CHAT: Record<string, string> = {
  en: "Open chat",
  fr: "Ouvrir la discussion",
  de: "Chat öffnen",
  es: "Abrir el chat",
  ar: "فتح المحادثة",
  he: "פתיחת הצ׳אט",
  iw: "פתיחת הצ׳אט",
};

/** The launcher's name in the page's language (the element's `openChat` string: core/strings/). */
export function openChatLabel(lang: string): string {
  return OPEN_CHAT[lang.toLowerCase().split("-")[0]] ?? OPEN_CHAT.en;
}

/**
 * Draws the launcher into `host`'s (new, open) shadow root and returns its button. `host` carries
 * the attributes the element will have (`theme`, `data-state-left`), which the rules read.
 */
export function drawLauncher(host: HTMLElement, label: string): HTMLButtonElement {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // A constructed sheet: a page's `style-src` does not apply to it (as for Lit's adopted sheets).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement("button");
  button.type = "button";
  button.part.add("launcher");
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("part", "launcher-icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("fill", "currentColor");
  const path = svg.appendChild(document.createElementNS(SVG, "path"));
  path.setAttribute("d", ICON);
  button.append(svg);
  // First an empty comment: Lit renders before the first child of a shadow root it finds already
  // there, so that child must outlive the button (which the loader removes once Lit has taken over).
  root.append(document.createComment(""), button);
  return button;
}
