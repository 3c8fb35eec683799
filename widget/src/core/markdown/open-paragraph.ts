// A long paragraph still being written, parsed in pieces: the pieces before the last are parsed once
// and kept, so each streamed update parses at most about OPEN_PARAGRAPH_LIMIT characters however
// long the paragraph grows (re-parsing all of it made a long reply of emphasis markers quadratic).
// Inline syntax cannot span two pieces while the paragraph is open; once it closes (a blank line, or
// the reply's last update) it is parsed whole, exactly as before.
import type { Block, Inline } from "./ast.js";
import { parseInline } from "./inline.js";

/** An open paragraph longer than this (in characters of source) is parsed in pieces. */
export const OPEN_PARAGRAPH_LIMIT = 2048;

/** A kept piece ends in the middle half of the text past the last piece: preferably after a line break, else after a space. */
const PIECE_MIN = OPEN_PARAGRAPH_LIMIT / 4;
const PIECE_MAX = (OPEN_PARAGRAPH_LIMIT * 3) / 4;

type OpenParagraphBlock = Extract<Block, { t: "open-p" }>;

/**
 * @example
 * const open = new OpenParagraph();
 * open.parse(text, start, text.length); // { t: "open-p", parts: [...kept pieces, the rest] }
 */
export class OpenParagraph {
  private start = -1;
  /** Where each kept piece ends (document offsets). */
  private readonly cuts: number[] = [];
  private readonly parts: Inline[][] = [];

  /** The paragraph `text.slice(start, end)` as kept pieces and its last piece, parsed now. */
  parse(text: string, start: number, end: number): OpenParagraphBlock {
    if (start !== this.start) {
      this.start = start;
      this.cuts.length = 0;
      this.parts.length = 0;
    }
    let from = this.cuts[this.cuts.length - 1] ?? start;
    while (end - from > OPEN_PARAGRAPH_LIMIT) {
      const cut = cutAt(text, from);
      this.parts.push(parseInline(pieceText(text.slice(from, cut), from === start || text[from - 1] === "\n", false)));
      this.cuts.push(cut);
      from = cut;
    }
    const rest = text.slice(from, text[end - 1] === "\n" ? end - 1 : end);
    return { t: "open-p", parts: [...this.parts, parseInline(pieceText(rest, from === start || text[from - 1] === "\n", true))] };
  }
}

/** Where the piece starting at `from` ends: after a line break, else after a space, else mid-text. */
function cutAt(text: string, from: number): number {
  const [min, max] = [from + PIECE_MIN, from + PIECE_MAX];
  const lineBreak = text.lastIndexOf("\n", max - 1);
  if (lineBreak >= min) return lineBreak + 1;
  for (let i = max - 1; i >= min; i--) if (text[i] === " " || text[i] === "\t") return i + 1;
  // Never between the two halves of a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max + 1 : max;
}

/**
 * A piece's text as a paragraph's: each line's leading whitespace dropped (the first line's only if
 * it starts a line: a piece may start mid-line), and trailing whitespace only at the very end.
 */
function pieceText(source: string, atLineStart: boolean, last: boolean): string {
  const text = source
    .split("\n")
    .map((line, i) => {
      const stripped = line.endsWith("\r") ? line.slice(0, -1) : line;
      return i === 0 && !atLineStart ? stripped : stripped.replace(/^[ \t]+/, "");
    })
    .join("\n");
  if (!last) return text;
  // From the end, not with `/[ \t]+$/`, which retries at every space of a long run of them.
  let end = text.length;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end -= 1;
  return text.slice(0, end);
}
