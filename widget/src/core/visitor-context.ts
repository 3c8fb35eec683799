// Where the visitor is, sent with the message that starts a conversation (`chat:sendMessage`'s
// `context`) so the site's operators see it: the page's origin and path (never its query or
// fragment, which can carry tokens) and the language of the page. Framework-free.

/** The page's origin + path and language, as far as they are known. */
export function visitorContext(): { pageUrl?: string; language?: string } {
  const context: { pageUrl?: string; language?: string } = {};
  const location = globalThis.location;
  if (location?.origin && location.origin !== "null") context.pageUrl = `${location.origin}${location.pathname}`.slice(0, 500);
  const language = globalThis.document?.documentElement.lang || globalThis.navigator?.language;
  if (language) context.language = language.slice(0, 35);
  return context;
}
