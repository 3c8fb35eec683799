// The link policy: only absolute http:, https: and mailto: URLs ever reach an href. The check runs on
// the URL the browser would use (the WHATWG parser's result), after removing what can hide a scheme.

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Control characters, soft hyphens, zero-width and bidi formatting characters. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** Longer destinations are shown as text: no real link needs more, and it bounds the work. */
export const MAX_URL_LENGTH = 4096;

/**
 * The href to use for a link destination (entities and escapes already decoded), or null when it is
 * not an absolute http(s) or mailto URL. Relative and protocol-relative URLs are refused too: they
 * would resolve against the host page.
 */
export function safeUrl(destination: string): string | null {
  const cleaned = destination.replace(INVISIBLE, "").trim();
  if (!cleaned || cleaned.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}
