// Draws the markdown tree with DOM calls only: text goes into text nodes, URLs (already checked by
// url.ts) into href attributes, and nothing is ever parsed as HTML. Images become links.
import type { Block, Inline } from "./ast.js";
import { appendsTo, createCodeBlock, growCodeBlock } from "./code-block.js";
import { IncrementalMarkdown } from "./incremental.js";

/** Words the renderer shows; replaceable for other languages. */
export interface MarkdownLabels {
  copy: string;
  copied: string;
  copyFailed: string;
  /** Title prefix of a link that stands for an image (images are never loaded). */
  image: string;
}

export const DEFAULT_MARKDOWN_LABELS: MarkdownLabels = {
  copy: "Copy",
  copied: "Copied",
  copyFailed: "Copy failed",
  image: "Image (not loaded)",
};

type Tag = keyof HTMLElementTagNameMap;

/**
 * A live markdown view of a growing text. Keeps the DOM of finished blocks; each update replaces
 * only the DOM of blocks that changed (for a streaming code block, it appends the new text).
 *
 * @example
 * const view = new MarkdownRenderer();
 * container.append(view.element);
 * view.update("**Hel", { streaming: true });
 * view.update("**Hello**", { streaming: false });
 */
export class MarkdownRenderer {
  /** The element holding the rendered blocks. */
  readonly element: HTMLDivElement;
  /** Words shown on copy buttons (read when they change) and image links (read when drawn). */
  labels: MarkdownLabels;
  private readonly model = new IncrementalMarkdown();
  private shown: Block[] = [];
  /** List items' elements by item, so finished items of a growing list keep their DOM. */
  private readonly items = new WeakMap<Block[], HTMLLIElement>();
  /** The element drawn for each piece of a long open paragraph, so kept pieces keep their DOM. */
  private readonly pieces = new WeakMap<Inline[], HTMLElement>();
  private readonly caret: HTMLSpanElement;

  constructor(labels: MarkdownLabels = DEFAULT_MARKDOWN_LABELS) {
    this.labels = labels;
    this.element = make("div", "markdown");
    this.caret = make("span", "caret");
    this.caret.setAttribute("part", "caret");
    this.caret.setAttribute("aria-hidden", "true");
  }

  /** Shows `text`; with `streaming`, a caret after the last character. */
  update(text: string, { streaming = false }: { streaming?: boolean } = {}): void {
    const blocks = this.model.update(text, { streaming });
    const root = this.element;
    this.caret.remove();
    let same = 0;
    while (same < blocks.length && same < this.shown.length && blocks[same] === this.shown[same]) same += 1;
    const [previous, next] = [this.shown[same], blocks[same]];
    const growingCode = appendsTo(previous, next) ? root.children[same] : undefined;
    const growingParagraph =
      previous?.t === "open-p" && next?.t === "open-p" && previous.parts[0] === next.parts[0] ? root.children[same] : undefined;
    const keep = growingCode || growingParagraph ? same + 1 : same;
    while (root.children.length > keep) root.lastElementChild?.remove();
    if (growingCode && next?.t === "code") growCodeBlock(growingCode, next);
    if (growingParagraph && previous?.t === "open-p" && next?.t === "open-p")
      this.growParagraph(growingParagraph, previous.parts, next.parts);
    for (let i = keep; i < blocks.length; i++) root.append(this.block(blocks[i]));
    this.shown = blocks;
    if (streaming) caretTarget(root).append(this.caret);
  }

  private block(block: Block): HTMLElement {
    switch (block.t) {
      case "p":
        return this.inlines(make("p", "", true), block.c);
      case "open-p": {
        const paragraph = make("p", "", true);
        this.growParagraph(paragraph, [], block.parts);
        return paragraph;
      }
      case "h":
        return this.inlines(make(`h${Math.min(6, Math.max(1, block.level))}` as Tag, "", true), block.c);
      case "hr":
        return make("hr");
      case "code":
        return createCodeBlock(block, () => this.labels);
      case "quote": {
        const quote = make("blockquote", "", true);
        quote.setAttribute("part", "blockquote");
        quote.append(...block.c.map((b) => this.block(b)));
        return quote;
      }
      case "list": {
        const list = make(block.ordered ? "ol" : "ul");
        if (block.ordered && block.start !== 1) list.setAttribute("start", String(block.start));
        list.append(...block.items.map((item) => this.listItem(item)));
        return list;
      }
      case "table":
        return this.table(block);
    }
  }

  /**
   * Replaces the DOM of the pieces after those `shown` and `parts` share (the kept ones). Each kept
   * piece is a block of its own, so that the browser lays out only the last piece again at each
   * update rather than the whole paragraph; once closed, the paragraph is drawn whole.
   */
  private growParagraph(paragraph: Element, shown: Inline[][], parts: Inline[][]): void {
    let kept = 0;
    while (kept < shown.length && kept < parts.length && shown[kept] === parts[kept]) kept += 1;
    for (const piece of shown.slice(kept)) this.pieces.get(piece)?.remove();
    for (let i = kept; i < parts.length; i++) {
      // A kept piece is a block (a div, not a styled span: rendered content carries no style attribute).
      const piece = this.inlines(make(i < parts.length - 1 ? "div" : "span"), parts[i]);
      this.pieces.set(parts[i], piece);
      paragraph.append(piece);
    }
  }

  private listItem(item: Block[]): HTMLLIElement {
    let li = this.items.get(item);
    if (!li) {
      li = make("li", "", true);
      // An item's first paragraph is its text, not a <p> of its own (as in a tight list).
      const [first, ...rest] = item;
      if (first?.t === "p") this.inlines(li, first.c);
      li.append(...(first?.t === "p" ? rest : item).map((b) => this.block(b)));
      this.items.set(item, li);
    }
    return li;
  }

  private table(block: Extract<Block, { t: "table" }>): HTMLElement {
    const wrapper = make("div", "table-wrapper");
    const table = make("table");
    table.setAttribute("part", "table");
    const row = (cells: Inline[][], tag: "th" | "td") => {
      const tr = make("tr");
      cells.forEach((cell, i) => {
        const td = this.inlines(make(tag, "", true), cell);
        const align = block.align[i];
        if (align) td.dataset.align = align;
        tr.append(td);
      });
      return tr;
    };
    const head = make("thead");
    head.append(row(block.head, "th"));
    const body = make("tbody");
    body.append(...block.rows.map((cells) => row(cells, "td")));
    table.append(head, body);
    wrapper.append(table);
    return wrapper;
  }

  private inlines<T extends Element | DocumentFragment>(parent: T, nodes: Inline[]): T {
    for (const node of nodes) parent.append(this.inline(node));
    return parent;
  }

  private inline(node: Inline): Node {
    switch (node.t) {
      case "text":
        return document.createTextNode(node.v);
      case "br":
        return make("br");
      case "code": {
        const code = make("code");
        code.setAttribute("part", "inline-code");
        code.textContent = node.v;
        return code;
      }
      case "em":
      case "strong":
      case "del":
        return this.inlines(make(node.t), node.c);
      case "link": {
        if (!node.href) return this.inlines(document.createDocumentFragment(), node.c);
        const link = this.inlines(anchor(node.href, "link"), node.c);
        if (node.title) link.title = node.title;
        return link;
      }
      case "image": {
        if (!node.href) return document.createTextNode(node.alt);
        const link = anchor(node.href, "image-link");
        link.textContent = node.alt || node.href;
        link.title = `${this.labels.image}: ${node.href}`;
        return link;
      }
    }
  }
}

function make<K extends Tag>(tag: K, className = "", autoDirection = false): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (autoDirection) element.dir = "auto";
  return element;
}

/** A link that opens in a new tab and tells the target nothing about the page. */
function anchor(href: string, part: string): HTMLAnchorElement {
  const link = make("a", part);
  link.setAttribute("part", part);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.referrerPolicy = "no-referrer";
  return link;
}

const BLOCK_TAGS = new Set([
  "P",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "LI",
  "BLOCKQUOTE",
  "DIV",
  "TABLE",
  "THEAD",
  "TBODY",
  "TR",
  "TD",
  "TH",
]);

/** Where the caret goes: at the end of the last block that holds text (after the code, for a code block). */
function caretTarget(root: HTMLElement): Element {
  let target: Element = root;
  for (let last = target.lastElementChild; last && BLOCK_TAGS.has(last.tagName); last = target.lastElementChild) {
    if (last.classList.contains("code-block")) return last.querySelector("pre") ?? last;
    target = last;
  }
  return target;
}
