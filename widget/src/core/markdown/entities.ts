// HTML character references and backslash escapes, decoded into plain text (never into markup).

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  times: "×",
  divide: "÷",
  deg: "°",
  plusmn: "±",
  sect: "§",
  para: "¶",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  check: "✓",
  colon: ":",
  semi: ";",
  comma: ",",
  period: ".",
  sol: "/",
  bsol: "\\",
  lpar: "(",
  rpar: ")",
  lsqb: "[",
  rsqb: "]",
  lbrace: "{",
  rbrace: "}",
  excl: "!",
  quest: "?",
  num: "#",
  percnt: "%",
  commat: "@",
  equals: "=",
  plus: "+",
  ast: "*",
  lowbar: "_",
  grave: "`",
  verbar: "|",
  Tab: "\t",
  NewLine: "\n",
  zwj: "\u200d",
  zwnj: "\u200c",
  lrm: "\u200e",
  rlm: "\u200f",
  shy: "\u00ad",
};

/** One character reference at the start of the match: `&amp;`, `&#58;`, `&#x3A;`. */
export const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

/** The text a character reference stands for, or null when it names nothing known. */
export function decodeEntity(hex: string | undefined, decimal: string | undefined, name: string | undefined): string | null {
  if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name] : null;
  const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return String.fromCodePoint(invalid ? 0xfffd : code);
}

const ESCAPE_OR_ENTITY = /\\([!-/:-@[-`{-~])|&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** Decodes backslash escapes and character references in one pass (link destinations and titles). */
export function decodeText(text: string): string {
  return text.replace(
    ESCAPE_OR_ENTITY,
    (whole, escaped?: string, hex?: string, decimal?: string, name?: string) => escaped ?? decodeEntity(hex, decimal, name) ?? whole,
  );
}

export const isAsciiPunctuation = (ch: string | undefined) => !!ch && /^[!-/:-@[-`{-~]$/.test(ch);
