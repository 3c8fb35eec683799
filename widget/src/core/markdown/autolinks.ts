// Links written as URLs: `<scheme:…>` and `<address@host>` (CommonMark), and bare `https://…` and
// `www.…` (GFM's extended autolinks). Their hrefs go through the same link policy as any link.
import type { Inline } from "./ast.js";
import { safeUrl } from "./url.js";
import { countWork } from "./work.js";

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\u0000-\u001f]*)>/y;
const EMAIL_AUTOLINK =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<\]]*/iy;

const TRAILING_PUNCTUATION = new Set("?!.,:*_~'\";");

/**
 * `url` without its trailing punctuation and unbalanced closing parentheses (GFM), one character at
 * a time from the end with the parentheses counted once: a URL ending in thousands of `)` stays linear.
 */
function withoutTrailingPunctuation(url: string): string {
  let opens = 0;
  let closes = 0;
  for (const ch of url) {
    if (ch === "(") opens += 1;
    else if (ch === ")") closes += 1;
  }
  let end = url.length;
  for (;;) {
    countWork();
    while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1])) end -= 1;
    if (end === 0 || url[end - 1] !== ")" || opens >= closes) break;
    end -= 1;
    closes -= 1;
  }
  countWork(url.length);
  return url.slice(0, end);
}

const link = (href: string | null, text: string): Inline => ({ t: "link", href, title: "", c: [{ t: "text", v: text }] });

/** An angle-bracket autolink at `pos`, and where it ends; null when there is none. */
export function angleAutolink(src: string, pos: number): { node: Inline; end: number } | null {
  for (const [pattern, prefix] of [
    [AUTOLINK, ""],
    [EMAIL_AUTOLINK, "mailto:"],
  ] as const) {
    pattern.lastIndex = pos;
    const match = pattern.exec(src);
    if (match) return { node: link(safeUrl(prefix + match[1]), match[1]), end: pattern.lastIndex };
  }
  return null;
}

/**
 * The bare URL at `pos` without trailing punctuation (or an unbalanced closing parenthesis), as a
 * link when it is an allowed URL with a real host, else as text. Always consumes at least one character.
 */
export function bareUrl(src: string, pos: number): { node: Inline; end: number } {
  BARE_URL.lastIndex = pos;
  const url = withoutTrailingPunctuation(BARE_URL.exec(src)?.[0] ?? "");
  if (!url) return { node: { t: "text", v: src[pos] }, end: pos + 1 };
  const href = safeUrl(/^www\./i.test(url) ? `http://${url}` : url);
  const hasHost = /[.:]\w/.test(url.replace(/^\w+:\/\//, "x"));
  return { node: href && hasHost ? link(href, url) : { t: "text", v: url }, end: pos + url.length };
}
