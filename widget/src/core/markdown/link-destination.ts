// The `(destination "title")` part of an inline link or image.
import { decodeText, isAsciiPunctuation } from "./entities.js";
import { MAX_URL_LENGTH } from "./url.js";
import { countWork } from "./work.js";

export interface LinkTail {
  destination: string;
  title: string;
  end: number;
}

/** Spaces and tabs, and at most one line break. */
function skipSpace(src: string, i: number): number {
  let newline = false;
  while (i < src.length && (src[i] === " " || src[i] === "\t" || (src[i] === "\n" && !newline))) {
    if (src[i] === "\n") newline = true;
    i += 1;
  }
  return i;
}

const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/** Parses from just after `(`; null when it is not a link tail (the brackets are then plain text). */
export function parseLinkTail(src: string, start: number): LinkTail | null {
  let i = skipSpace(src, start);
  let destination: string;
  if (src[i] === "<") {
    const end = /<((?:[^<>\n\\]|\\.){0,4096})>/y;
    end.lastIndex = i;
    const match = end.exec(src);
    if (!match) return null;
    destination = match[1];
    i = end.lastIndex;
  } else {
    const begin = i;
    let depth = 0;
    for (; i < src.length && i - begin <= MAX_URL_LENGTH; i++) {
      const ch = src[i];
      if (ch === "\\" && isAsciiPunctuation(src[i + 1])) i += 1;
      else if (ch === "(" && ++depth > 32)
        return null; // CommonMark allows the limit; it bounds the work
      else if (ch === ")" && depth-- === 0) break;
      else if (CONTROL_OR_SPACE.test(ch)) break;
    }
    countWork(i - begin);
    if (depth > 0 || i - begin > MAX_URL_LENGTH) return null;
    destination = src.slice(begin, i);
  }
  const afterDestination = i;
  i = skipSpace(src, i);
  let title = "";
  const quote = src[i];
  if (i > afterDestination && (quote === '"' || quote === "'" || quote === "(")) {
    const close = quote === "(" ? ")" : quote;
    let j = i + 1;
    while (j < src.length && src[j] !== close) j += src[j] === "\\" ? 2 : 1;
    countWork(j - i);
    if (j >= src.length) return null;
    title = decodeText(src.slice(i + 1, j));
    i = skipSpace(src, j + 1);
  }
  if (src[i] !== ")") return null;
  return { destination: decodeText(destination), title, end: i + 1 };
}
