// The script tag's data-* settings the chat element takes as attributes: one list for the loader
// (which draws the element) and the widget's own script tag (embed.ts, which draws it when loaded
// alone). A few bytes, in both bundles.

/** `dataset` key → the element's attribute. */
const SCRIPT_ATTRIBUTES: Record<string, string> = {
  convexUrl: "convex-url",
  siteUrl: "site-url",
  streamPath: "stream-path",
  siteKey: "site-key",
  lang: "lang",
  theme: "theme",
  position: "position",
  title: "title",
  storage: "storage",
  identityUrl: "identity-url",
};

/** Gives `element` the settings the script tag carries. */
export function copyScriptAttributes(script: HTMLScriptElement, element: HTMLElement): void {
  for (const [key, attribute] of Object.entries(SCRIPT_ATTRIBUTES)) {
    const value = script.dataset[key];
    if (value) element.setAttribute(attribute, value);
  }
}
