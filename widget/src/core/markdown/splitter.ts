// Splits markdown into top-level blocks one complete line at a time. Its decision about a line depends
// only on the lines before it, so a block it has closed never changes as more text arrives: the
// incremental parser parses each closed block once and only re-parses what `tail()` returns.
import {
  fenceCloses,
  fenceOpen,
  indentOf,
  interruptsParagraph,
  isBlank,
  isQuote,
  isThematicBreak,
  listItem,
  setextLevel,
  stripQuote,
  tableCells,
  tableDelimiter,
  atxHeading,
  type Fence,
} from "./lines.js";

export type SegmentKind = "fence" | "heading" | "hr" | "para" | "setext" | "table" | "quote" | "list";

/** A block's kind and its source range `[start, end)`. */
export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
}

type OpenBlock =
  | { kind: "fence"; start: number; fence: Fence }
  /** `lastLine` and `lastStart`: a table's header row may be a paragraph's last line. */
  | { kind: "para"; start: number; lastLine: string; lastStart: number }
  | { kind: "table"; start: number }
  | { kind: "quote"; start: number; lastBlank: boolean }
  | { kind: "list"; start: number; ordered: boolean; marker: string; contentIndent: number; blankPending: boolean; lastEnd: number };

export class BlockSplitter {
  /** Closed blocks, in order. Only ever appended to. */
  readonly closed: Segment[] = [];
  private open: OpenBlock | null = null;
  /** Offset of the first line not yet processed (the one still being written). */
  private next = 0;

  /** Where the text that may still change starts: the open block, or the line being written. */
  get tailStart(): number {
    return this.open?.start ?? this.next;
  }

  /** Processes the complete lines of `text` not seen yet. `text` must extend the text fed before. */
  feed(text: string): void {
    for (let nl = text.indexOf("\n", this.next); nl >= 0; nl = text.indexOf("\n", this.next)) {
      this.line(text.slice(this.next, nl), this.next, nl + 1);
      this.next = nl + 1;
    }
  }

  /** The blocks after the closed ones if the text ended here: the open block and the line being written. */
  tail(text: string): Segment[] {
    const rest = new BlockSplitter();
    rest.open = this.open && { ...this.open };
    if (this.next < text.length) rest.line(text.slice(this.next), this.next, text.length);
    rest.finish(text.length);
    return rest.closed;
  }

  private line(raw: string, start: number, end: number): void {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const open = this.open;
    switch (open?.kind) {
      case "fence":
        if (fenceCloses(line, open.fence)) this.close("fence", open.start, end);
        return;
      case "para": {
        if (isBlank(line)) return this.close("para", open.start, start);
        if (setextLevel(line)) return this.close("setext", open.start, end);
        const delimiter = tableDelimiter(line);
        if (delimiter && open.lastLine.includes("|") && delimiter.length === tableCells(open.lastLine).length) {
          // GFM: the paragraph's last line is the table's header row; lines before it stay a paragraph.
          if (open.lastStart > open.start) this.close("para", open.start, open.lastStart);
          this.open = { kind: "table", start: open.lastStart };
          return;
        }
        if (!interruptsParagraph(line)) {
          open.lastLine = line;
          open.lastStart = start;
          return;
        }
        this.close("para", open.start, start);
        break;
      }
      case "table":
        if (isBlank(line)) return this.close("table", open.start, start);
        if (!interruptsParagraph(line)) return;
        this.close("table", open.start, start);
        break;
      case "quote":
        if (isQuote(line)) {
          open.lastBlank = isBlank(stripQuote(line));
          return;
        }
        // A lazy continuation line (no `>`) still belongs to the quote's paragraph.
        if (!isBlank(line) && !open.lastBlank && !interruptsParagraph(line)) return;
        this.close("quote", open.start, start);
        break;
      case "list": {
        if (isBlank(line)) {
          open.blankPending = true;
          return;
        }
        const indented = indentOf(line) >= open.contentIndent;
        const item = indented ? null : listItem(line);
        const sameList = item && item.ordered === open.ordered && item.marker === open.marker;
        if (indented || sameList || (!item && !open.blankPending && !interruptsParagraph(line))) {
          if (sameList) open.contentIndent = item.contentIndent;
          open.blankPending = false;
          open.lastEnd = end;
          return;
        }
        this.close("list", open.start, open.lastEnd);
        break;
      }
    }
    this.begin(line, start, end);
  }

  private begin(line: string, start: number, end: number): void {
    if (isBlank(line)) return;
    const fence = fenceOpen(line);
    if (fence) this.open = { kind: "fence", start, fence };
    else if (atxHeading(line)) this.close("heading", start, end);
    else if (isThematicBreak(line)) this.close("hr", start, end);
    else if (isQuote(line)) this.open = { kind: "quote", start, lastBlank: isBlank(stripQuote(line)) };
    else {
      const item = listItem(line);
      this.open = item
        ? {
            kind: "list",
            start,
            ordered: item.ordered,
            marker: item.marker,
            contentIndent: item.contentIndent,
            blankPending: false,
            lastEnd: end,
          }
        : { kind: "para", start, lastLine: line, lastStart: start };
    }
  }

  private close(kind: SegmentKind, start: number, end: number): void {
    this.closed.push({ kind, start, end });
    this.open = null;
  }

  private finish(end: number): void {
    const open = this.open;
    if (open) this.close(open.kind, open.start, open.kind === "list" && open.blankPending ? open.lastEnd : end);
  }
}
