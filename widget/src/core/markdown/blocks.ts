// Parses one block's source (a segment found by the splitter) into a Block. Containers (lists,
// quotes) parse their content as a whole document of their own.
import type { Align, Block, Inline } from "./ast.js";
import { parseInline } from "./inline.js";
import {
  atxHeading,
  dedent,
  fenceCloses,
  fenceOpen,
  indentOf,
  isBlank,
  listItem,
  setextLevel,
  stripQuote,
  tableCells,
  tableDelimiter,
} from "./lines.js";
import { BlockSplitter, type SegmentKind } from "./splitter.js";
import { countWork } from "./work.js";

/**
 * Parsed list items by position (list offset and item index) and source, carried from one update
 * to the next so that the finished items of a list still being written keep their objects (and the
 * renderer their DOM). Keyed by position too: two items with the same text are distinct items.
 */
export class ItemMemo {
  private previous = new Map<string, { source: string; blocks: Block[] }>();
  private current = new Map<string, { source: string; blocks: Block[] }>();

  parse(key: string, source: string): Block[] {
    const known = this.current.get(key) ?? this.previous.get(key);
    const blocks = known?.source === source ? known.blocks : parseBlocks(source, 1);
    this.current.set(key, { source, blocks });
    return blocks;
  }

  /** Forgets the items not used since the last call. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/**
 * Lists and quotes nested deeper than this are shown as text: each level indents, and a hostile
 * reply nesting a hundred levels would otherwise push the text out of the message.
 */
export const MAX_NESTING = 8;

/** Parses a whole document at once; `depth` counts the containers it is inside. */
export function parseBlocks(text: string, depth = 0): Block[] {
  countWork(text.length);
  const splitter = new BlockSplitter();
  splitter.feed(text);
  return [...splitter.closed, ...splitter.tail(text)].map((s) => parseSegment(text.slice(s.start, s.end), s.kind, undefined, 0, depth));
}

/** `offset` is where the block starts in the document (it tells list items apart in `memo`). */
export function parseSegment(source: string, kind: SegmentKind, memo?: ItemMemo, offset = 0, depth = 0): Block {
  const lines = (source.endsWith("\n") ? source.slice(0, -1) : source).split("\n").map((l) => l.replace(/\r$/, ""));
  if (depth >= MAX_NESTING && (kind === "quote" || kind === "list")) return { t: "p", c: parseInline(paragraphText(lines)) };
  switch (kind) {
    case "heading": {
      const heading = atxHeading(lines[0]);
      return { t: "h", level: heading?.level ?? 1, c: parseInline(heading?.text ?? "") };
    }
    case "hr":
      return { t: "hr" };
    case "setext":
      return { t: "h", level: setextLevel(lines[lines.length - 1]), c: parseInline(paragraphText(lines.slice(0, -1))) };
    case "para":
      return { t: "p", c: parseInline(paragraphText(lines)) };
    case "fence":
      return parseFence(lines, !source.endsWith("\n"));
    case "table":
      return parseTable(lines);
    case "quote":
      return { t: "quote", c: parseBlocks(lines.map(stripQuote).join("\n"), depth + 1) };
    case "list":
      return parseList(lines, memo, offset, depth);
  }
}

function paragraphText(lines: string[]): string {
  return lines
    .map((line) => line.replace(/^[ \t]+/, ""))
    .join("\n")
    .replace(/[ \t]+$/, "");
}

function parseFence(lines: string[], lastLineUnfinished: boolean): Block {
  const fence = fenceOpen(lines[0]) ?? { indent: 0, char: "`", length: 3, info: "" };
  let body = lines.slice(1);
  const last = body[body.length - 1];
  const closed = last !== undefined && fenceCloses(last, fence);
  // A closing fence still being typed ("``") is not code: leaving it out avoids a flicker.
  const closing = !closed && lastLineUnfinished && last !== undefined && indentOf(last) < 4 && isRunOf(last.trim(), fence.char);
  if (closed || closing) body = body.slice(0, -1);
  return {
    t: "code",
    lang: (fence.info.split(/\s+/)[0] ?? "").slice(0, 32),
    text: body.map((line) => dedent(line, fence.indent)).join("\n"),
    open: !closed,
  };
}

function isRunOf(text: string, ch: string): boolean {
  return text.length > 0 && text.split(ch).join("") === "";
}

function parseTable(lines: string[]): Block {
  const align: Align[] = tableDelimiter(lines[1] ?? "") ?? [];
  const row = (line: string): Inline[][] => {
    const cells = tableCells(line);
    return align.map((_, i) => parseInline(cells[i] ?? ""));
  };
  return { t: "table", align, head: row(lines[0]), rows: lines.slice(2).map(row) };
}

function parseList(lines: string[], memo: ItemMemo | undefined, offset: number, depth: number): Block {
  const first = listItem(lines[0]);
  if (!first) return { t: "p", c: parseInline(paragraphText(lines)) };
  const items: string[][] = [];
  let current = [first.content];
  let indent = first.contentIndent;
  for (const line of lines.slice(1)) {
    const item = indentOf(line) >= indent ? null : listItem(line);
    if (item && item.ordered === first.ordered && item.marker === first.marker) {
      items.push(current);
      current = [item.content];
      indent = item.contentIndent;
    } else {
      // Indented lines belong to the item; others are lazy continuations of its paragraph.
      current.push(isBlank(line) ? "" : indentOf(line) >= indent ? dedent(line, indent) : line);
    }
  }
  items.push(current);
  const parse = (source: string, i: number) => (memo ? memo.parse(`${offset}:${i}`, source) : parseBlocks(source, depth + 1));
  return {
    t: "list",
    ordered: first.ordered,
    start: first.start,
    items: items.map((item, i) => parse(item.join("\n").replace(/\n+$/, ""), i)),
  };
}
