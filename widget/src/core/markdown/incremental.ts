// Parses a growing reply: blocks the splitter has closed are parsed once and kept; each update
// re-parses only the open last block (and reuses the finished items of a list still being written;
// of a long paragraph still being written, only its last piece: open-paragraph.ts).
import type { Block } from "./ast.js";
import { ItemMemo, parseSegment } from "./blocks.js";
import { OPEN_PARAGRAPH_LIMIT, OpenParagraph } from "./open-paragraph.js";
import { BlockSplitter } from "./splitter.js";

/** Characters before the open block, and at the start, compared to tell an append from an edit. */
const CHECKED_WINDOW = 256;

/**
 * @example
 * const doc = new IncrementalMarkdown();
 * doc.update("# Title\n\nSome");      // [heading, paragraph "Some"]
 * doc.update("# Title\n\nSome text"); // the same heading object, a new paragraph
 */
export class IncrementalMarkdown {
  private source = "";
  private splitter = new BlockSplitter();
  private closed: Block[] = [];
  private memo = new ItemMemo();
  private openParagraph = new OpenParagraph();
  private blocks: Block[] = [];
  private streaming = false;

  /**
   * The blocks of `text`. When `text` extends the previous text (a streaming reply) the work is
   * proportional to the open block; any other change starts over. With `streaming` (more text will
   * come), a paragraph still open past OPEN_PARAGRAPH_LIMIT characters is parsed in pieces, bounding
   * the work per update; without, every block is parsed whole.
   */
  update(text: string, { streaming = false }: { streaming?: boolean } = {}): Block[] {
    if (text === this.source && streaming === this.streaming && this.blocks.length) return this.blocks;
    if (!this.extendsSource(text)) {
      this.splitter = new BlockSplitter();
      this.closed = [];
      this.memo = new ItemMemo();
      this.openParagraph = new OpenParagraph();
    }
    this.source = text;
    this.streaming = streaming;
    this.splitter.feed(text);
    const segments = this.splitter.closed;
    for (let i = this.closed.length; i < segments.length; i++) {
      const { start, end, kind } = segments[i];
      this.closed.push(parseSegment(text.slice(start, end), kind, this.memo, start));
    }
    const tail = this.splitter
      .tail(text)
      .map(({ start, end, kind }) =>
        streaming && kind === "para" && end - start > OPEN_PARAGRAPH_LIMIT
          ? this.openParagraph.parse(text, start, end)
          : parseSegment(text.slice(start, end), kind, this.memo, start),
      );
    this.memo.rotate();
    this.blocks = tail.length ? this.closed.concat(tail) : this.closed.slice();
    return this.blocks;
  }

  /**
   * Whether `text` is the previous text with more appended. Comparing it all would make every
   * update cost the whole reply, so this checks the open tail (re-parsed anyway), a window before
   * it and the start: replies only ever grow, and a reply replaced by another differs there.
   */
  private extendsSource(text: string): boolean {
    const { source } = this;
    if (text.length < source.length) return false;
    const from = Math.max(0, this.splitter.tailStart - CHECKED_WINDOW);
    return text.startsWith(source.slice(from), from) && text.startsWith(source.slice(0, Math.min(CHECKED_WINDOW, from)));
  }
}
