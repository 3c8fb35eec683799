// Classifies one source line (no line break) for the block splitter and the block parser.

export const isBlank = (line: string) => /^[ \t]*$/.test(line);

/** Columns of leading whitespace (a tab advances to the next multiple of 4). */
export function indentOf(line: string): number {
  let column = 0;
  for (const ch of line) {
    if (ch === " ") column += 1;
    else if (ch === "\t") column += 4 - (column % 4);
    else break;
  }
  return column;
}

/** The line without its first `columns` columns of indentation (fewer if it has fewer). */
export function dedent(line: string, columns: number): string {
  let column = 0;
  let i = 0;
  while (i < line.length && column < columns && (line[i] === " " || line[i] === "\t")) {
    column += line[i] === "\t" ? 4 - (column % 4) : 1;
    i += 1;
  }
  return " ".repeat(Math.max(0, column - columns)) + line.slice(i);
}

export interface Fence {
  indent: number;
  char: string;
  length: number;
  info: string;
}

export function fenceOpen(line: string): Fence | null {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m || (m[2][0] === "`" && m[3].includes("`"))) return null;
  return { indent: m[1].length, char: m[2][0], length: m[2].length, info: m[3].trim() };
}

export function fenceCloses(line: string, fence: { char: string; length: number }): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}

/** An ATX heading's level and text, or null. */
export function atxHeading(line: string): { level: number; text: string } | null {
  const m = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return null;
  const text = (m[2] ?? "").replace(/(?:^|[ \t]+)#+[ \t]*$/, "").trim();
  return { level: m[1].length, text };
}

export const isThematicBreak = (line: string) => /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(line);

/** 1 for `===`, 2 for `---`, else 0. */
export function setextLevel(line: string): number {
  const m = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
  return m ? (m[1][0] === "=" ? 1 : 2) : 0;
}

export const isQuote = (line: string) => /^ {0,3}>/.test(line);
export const stripQuote = (line: string) => line.replace(/^ {0,3}> ?/, "");

export interface ListItem {
  ordered: boolean;
  /** The bullet (`-`, `+`, `*`) or the ordered delimiter (`.`, `)`): items of one list share it. */
  marker: string;
  start: number;
  /** Column where the item's content starts; continuation lines are indented at least this far. */
  contentIndent: number;
  content: string;
}

export function listItem(line: string): ListItem | null {
  const m = /^( {0,3})([-+*]|(\d{1,9})([.)]))([ \t]+|$)(.*)$/.exec(line);
  if (!m || isThematicBreak(line)) return null;
  const ordered = m[3] !== undefined;
  const markerEnd = m[1].length + m[2].length;
  const gap = m[6] === "" ? 1 : m[5].length > 4 ? 1 : m[5].length;
  return {
    ordered,
    marker: ordered ? m[4] : m[2],
    start: ordered ? Number(m[3]) : 1,
    contentIndent: markerEnd + gap,
    content: m[5].length > 4 ? m[5].slice(1) + m[6] : m[6],
  };
}

/** Whether a line starts a block that ends a paragraph (CommonMark's interruption rules). */
export function interruptsParagraph(line: string): boolean {
  if (fenceOpen(line) || atxHeading(line) || isThematicBreak(line) || isQuote(line)) return true;
  const item = listItem(line);
  return !!item && !isBlank(item.content) && (!item.ordered || item.start === 1);
}

/** Cells of a table row: split on unescaped pipes, outer pipes dropped. */
export function tableCells(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\" && row[i + 1] === "|") {
      cell += "|";
      i += 1;
    } else if (row[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += row[i];
  }
  cells.push(cell.trim());
  return cells;
}

/** A table's delimiter row (`| --- | :-: |`): the alignments, or null. Needs a pipe. */
export function tableDelimiter(line: string): Array<"left" | "center" | "right" | null> | null {
  if (!line.includes("|") || !/^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(line)) return null;
  return tableCells(line).map((cell) => {
    const left = cell.startsWith(":");
    const right = cell.endsWith(":");
    return left && right ? "center" : right ? "right" : left ? "left" : null;
  });
}
