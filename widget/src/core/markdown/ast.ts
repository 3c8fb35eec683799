// The markdown tree the parser builds and the renderer draws. Plain data: nothing in it is markup,
// and every URL in it has passed the link policy (url.ts) or is null.

/** Inline content of a paragraph, heading, table cell or link. */
export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "br" }
  | { t: "em" | "strong" | "del"; c: Inline[] }
  /** `href` is null when the destination is not an allowed http(s)/mailto URL: shown as text. */
  | { t: "link"; href: string | null; title: string; c: Inline[] }
  /** Never loaded: drawn as a link to `href` (or as its alt text when the URL is not allowed). */
  | { t: "image"; href: string | null; alt: string };

export type Align = "left" | "center" | "right" | null;

/** A block of a reply. Objects are reused while their source is unchanged (the renderer keys on identity). */
export type Block =
  | { t: "p"; c: Inline[] }
  /**
   * A long paragraph still being written (open-paragraph.ts): its pieces, in order, shown as one
   * paragraph. Every piece but the last keeps its object from one update to the next.
   */
  | { t: "open-p"; parts: Inline[][] }
  | { t: "h"; level: number; c: Inline[] }
  /** `open` while the closing fence has not arrived (a streaming code block). */
  | { t: "code"; lang: string; text: string; open: boolean }
  | { t: "hr" }
  | { t: "quote"; c: Block[] }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "table"; align: Align[]; head: Inline[][]; rows: Inline[][][] };
