// Inline markdown: code spans, emphasis, links, autolinks, escapes, entities and line breaks.
// Raw HTML is not recognised: `<script>` stays the text "<script>".
import type { Inline } from "./ast.js";
import { angleAutolink, bareUrl } from "./autolinks.js";
import { processEmphasis, finish, type Item } from "./emphasis.js";
import { decodeEntity, ENTITY, isAsciiPunctuation } from "./entities.js";
import { parseLinkTail } from "./link-destination.js";
import { safeUrl } from "./url.js";
import { countWork } from "./work.js";

/** The next character that may start inline syntax; a bare URL only at the start of a word. */
const SPECIAL = /[\\`*_~[\]!<&\n]|(?<![^\s(*_~[])(?:https?:\/\/|www\.)/gi;
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Parses a paragraph's (or heading's, or cell's) text. */
export function parseInline(src: string): Inline[] {
  countWork(src.length);
  return new InlineParser(src).parse();
}

/** The text of inline content, for an image's alt text. */
export function plainText(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.t === "text" || n.t === "code" ? n.v : n.t === "br" ? "\n" : n.t === "image" ? n.alt : plainText(n.c)))
    .join("");
}

/** Links cannot hold links: a nested one keeps only its text. */
function withoutLinks(nodes: Inline[]): Inline[] {
  return finish(nodes.flatMap((n): Inline[] => (n.t === "link" ? withoutLinks(n.c) : "c" in n ? [{ ...n, c: withoutLinks(n.c) }] : [n])));
}

class InlineParser {
  private pos = 0;
  private text = "";
  private readonly out: Item[] = [];
  private readonly brackets: Array<{ index: number; image: boolean; active: boolean }> = [];
  /** Backtick run lengths known to have no closing run further on (keeps many stray ` linear). */
  private readonly unclosedRuns = new Set<number>();

  constructor(private readonly src: string) {}

  parse(): Inline[] {
    const src = this.src;
    while (this.pos < src.length) {
      SPECIAL.lastIndex = this.pos;
      const match = SPECIAL.exec(src);
      if (!match) {
        this.text += src.slice(this.pos);
        break;
      }
      this.text += src.slice(this.pos, match.index);
      this.pos = match.index;
      this.special(match[0]);
    }
    this.flush();
    return processEmphasis(this.out);
  }

  private special(token: string): void {
    const { src, pos } = this;
    switch (token) {
      case "\\":
        if (src[pos + 1] === "\n") return this.lineBreak(true, 2);
        this.text += isAsciiPunctuation(src[pos + 1]) ? src[pos + 1] : "\\";
        this.pos += isAsciiPunctuation(src[pos + 1]) ? 2 : 1;
        return;
      case "`":
        return this.codeSpan();
      case "*":
      case "_":
      case "~":
        return this.delimiterRun(token);
      case "[":
        return this.openBracket(false, 1);
      case "!":
        if (src[pos + 1] === "[") return this.openBracket(true, 2);
        this.text += "!";
        this.pos += 1;
        return;
      case "]":
        return this.closeBracket();
      case "<":
        return this.autolink();
      case "&": {
        ENTITY.lastIndex = pos;
        const m = ENTITY.exec(src);
        const decoded = m && decodeEntity(m[1], m[2], m[3]);
        this.text += decoded ?? "&";
        this.pos = decoded !== null && m ? ENTITY.lastIndex : pos + 1;
        return;
      }
      case "\n":
        return this.lineBreak(this.text.endsWith("  "), 1);
      default:
        return this.bareUrl();
    }
  }

  private push(node: Item): void {
    this.flush();
    this.out.push(node);
  }

  private flush(): void {
    if (this.text) this.out.push({ t: "text", v: this.text });
    this.text = "";
  }

  private lineBreak(hard: boolean, length: number): void {
    // From the end, not with a regex: `/[ \t]+$/` reads the whole text gathered so far at each line.
    let end = this.text.length;
    while (end > 0 && (this.text[end - 1] === " " || this.text[end - 1] === "\t")) end -= 1;
    countWork(this.text.length - end + 1);
    this.text = this.text.slice(0, end);
    if (hard) this.push({ t: "br" });
    else this.text += "\n";
    this.pos += length;
    while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos += 1;
  }

  private runLength(at: number, ch: string): number {
    let end = at;
    while (this.src[end] === ch) end += 1;
    countWork(end - at);
    return end - at;
  }

  private codeSpan(): void {
    const { src, pos } = this;
    const n = this.runLength(pos, "`");
    let close = -1;
    if (!this.unclosedRuns.has(n)) {
      for (let i = src.indexOf("`", pos + n); i >= 0; i = src.indexOf("`", i)) {
        const run = this.runLength(i, "`");
        if (run === n) {
          close = i;
          break;
        }
        i += run;
      }
      countWork((close < 0 ? src.length : close) - pos);
      if (close < 0) this.unclosedRuns.add(n);
    }
    if (close < 0) {
      this.text += "`".repeat(n);
      this.pos += n;
      return;
    }
    let code = src.slice(pos + n, close).replace(/\n/g, " ");
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim()) code = code.slice(1, -1);
    this.push({ t: "code", v: code });
    this.pos = close + n;
  }

  private delimiterRun(ch: string): void {
    const { src, pos } = this;
    const n = this.runLength(pos, ch);
    const before = src[pos - 1] ?? "\n";
    const after = src[pos + n] ?? "\n";
    const left = !WHITESPACE.test(after) && (!PUNCTUATION.test(after) || WHITESPACE.test(before) || PUNCTUATION.test(before));
    const right = !WHITESPACE.test(before) && (!PUNCTUATION.test(before) || WHITESPACE.test(after) || PUNCTUATION.test(after));
    this.pos += n;
    if (ch === "~" && n > 2) {
      this.text += ch.repeat(n);
      return;
    }
    const open = ch === "_" ? left && (!right || PUNCTUATION.test(before)) : left;
    const close = ch === "_" ? right && (!left || PUNCTUATION.test(after)) : right;
    this.push({ t: "delim", ch, n, orig: n, open, close });
  }

  private openBracket(image: boolean, length: number): void {
    this.push({ t: "text", v: image ? "![" : "[" });
    this.brackets.push({ index: this.out.length - 1, image, active: true });
    this.pos += length;
  }

  private closeBracket(): void {
    const opener = this.brackets.pop();
    const tail = opener?.active && this.src[this.pos + 1] === "(" ? parseLinkTail(this.src, this.pos + 2) : null;
    if (!opener || !tail) {
      this.text += "]";
      this.pos += 1;
      return;
    }
    this.flush();
    countWork(this.out.length - opener.index);
    const content = processEmphasis(this.out.splice(opener.index + 1));
    this.out.pop(); // the opening "[" or "!["
    const href = safeUrl(tail.destination);
    if (opener.image) {
      this.out.push({ t: "image", href, alt: plainText(content) });
    } else {
      this.out.push({ t: "link", href, title: tail.title, c: withoutLinks(content) });
      for (const outer of this.brackets) if (!outer.image) outer.active = false;
    }
    this.pos = tail.end;
  }

  private autolink(): void {
    const found = angleAutolink(this.src, this.pos);
    if (found) {
      this.push(found.node);
      this.pos = found.end;
    } else {
      this.text += "<";
      this.pos += 1;
    }
  }

  private bareUrl(): void {
    const { node, end } = bareUrl(this.src, this.pos);
    if (node.t === "text") this.text += node.v;
    else this.push(node);
    this.pos = end;
  }
}
