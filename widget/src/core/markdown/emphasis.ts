// CommonMark's "process emphasis" step: pairs `*`, `_` (and GFM's `~`) delimiter runs into em,
// strong and del. Linear on hostile input thanks to the per-kind lower bound ("openers bottom").
import type { Inline } from "./ast.js";
import { countWork } from "./work.js";

/** A run of `*`, `_` or `~` that may open or close emphasis. */
export interface Delimiter {
  t: "delim";
  ch: string;
  n: number;
  orig: number;
  open: boolean;
  close: boolean;
}

export type Item = Inline | Delimiter;

/** `seq` keeps the items' order: a node wrapped between an opener and a closer takes a value between theirs. */
interface Cell {
  item: Item;
  prev: Cell | null;
  next: Cell | null;
  seq: number;
}

function canPair(opener: Item, closer: Delimiter): boolean {
  if (opener.t !== "delim" || opener.ch !== closer.ch || !opener.open || opener.n === 0) return false;
  if (closer.ch === "~") return opener.n === closer.n;
  const eitherBoth = opener.close || closer.open;
  return !(eitherBoth && (opener.orig + closer.orig) % 3 === 0 && !(opener.orig % 3 === 0 && closer.orig % 3 === 0));
}

function unlink(cell: Cell): void {
  if (cell.prev) cell.prev.next = cell.next;
  if (cell.next) cell.next.prev = cell.prev;
}

/** Unpaired delimiters become text; adjacent text is merged. */
export function finish(items: Item[]): Inline[] {
  countWork(items.length);
  const out: Inline[] = [];
  for (const item of items) {
    const node: Inline = item.t === "delim" ? { t: "text", v: item.ch.repeat(item.n) } : item;
    if (node.t === "text" && !node.v) continue;
    const previous = out[out.length - 1];
    if (node.t === "text" && previous?.t === "text") out[out.length - 1] = { t: "text", v: previous.v + node.v };
    else out.push(node);
  }
  return out;
}

export function processEmphasis(items: Item[]): Inline[] {
  if (!items.some((item) => item.t === "delim")) return finish(items);
  const head: Cell = { item: { t: "text", v: "" }, prev: null, next: null, seq: -1 };
  let last = head;
  items.forEach((item, seq) => (last = last.next = { item, prev: last, next: null, seq }));

  // Per closer kind, the position at and below which no opener can match (searching there again is
  // wasted work). A position, not a cell: the cell may be wrapped or removed later, and a search
  // looking for it would then run down to the head every time (quadratic on e.g. `*_~*_~…`).
  const bottoms = new Map<string, number>();
  let closer = head.next;
  while (closer) {
    const d = closer.item;
    if (d.t !== "delim" || !d.close || d.n === 0) {
      closer = closer.next;
      continue;
    }
    const kind = `${d.ch}${d.open ? 1 : 0}${d.orig % 3}`;
    const bottom = bottoms.get(kind) ?? head.seq;
    let opener = closer.prev;
    while (opener && opener.seq > bottom && !canPair(opener.item, d)) {
      opener = opener.prev;
      countWork();
    }
    if (!opener || opener.seq <= bottom) {
      if (closer.prev) bottoms.set(kind, closer.prev.seq);
      closer = closer.next;
      continue;
    }
    const o = opener.item as Delimiter;
    const use = d.ch === "~" ? d.n : d.n >= 2 && o.n >= 2 ? 2 : 1;
    const children: Item[] = [];
    for (let cell = opener.next; cell && cell !== closer; cell = cell.next) children.push(cell.item);
    countWork(children.length);
    const tag = d.ch === "~" ? "del" : use === 2 ? "strong" : "em";
    const wrapped: Cell = { item: { t: tag, c: finish(children) }, prev: opener, next: closer, seq: (opener.seq + closer.seq) / 2 };
    opener.next = wrapped;
    closer.prev = wrapped;
    o.n -= use;
    d.n -= use;
    if (o.n === 0) unlink(opener);
    if (d.n === 0) {
      const next = closer.next;
      unlink(closer);
      closer = next;
    }
  }
  const rest: Item[] = [];
  for (let cell = head.next; cell; cell = cell.next) rest.push(cell.item);
  return finish(rest);
}
