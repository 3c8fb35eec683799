// The sources under a reply, as links through the markdown renderer's link policy plus one more
// rule: only http(s) (a source is a web page; mailto: and the rest show as plain titles).
// Framework-free.
import { safeUrl } from "./markdown/url.js";

/** A source as the reply shows it: its title, and the href to open (undefined: shown as text). */
export interface SourceLink {
  title: string;
  href: string | undefined;
}

/** Most sources shown under one reply; titles are cut to a readable length. */
const MAX_SOURCES = 5;
const MAX_TITLE = 120;

/** The links for a reply's stored sources (titles trimmed and cut; unsafe URLs dropped to text). */
export function sourceLinks(sources: readonly { title: string; url?: string }[]): SourceLink[] {
  return sources.slice(0, MAX_SOURCES).map(({ title, url }) => {
    const href = url === undefined ? null : safeUrl(url);
    const clean = title.trim() || url || "";
    return {
      title: clean.length > MAX_TITLE ? `${clean.slice(0, MAX_TITLE - 1)}…` : clean,
      href: href !== null && /^https?:/i.test(href) ? href : undefined,
    };
  });
}
