// Build plugin: minifies the CSS inside the widget's Lit `css` template literals.
//
// Vite's minifier leaves template literal text alone, so the styles shipped with their comments
// and indentation. Lightning CSS (what minify-literals uses) was tried and rejected: it rounds
// numbers to 32-bit floats (the default z-index 2147483000 became 2147480000). This minifier only
// deletes: comments, and whitespace where CSS cannot need it. It never rewrites a value, so the
// browser parses the same rules (e2e/css-literals.test.ts compares Chromium's parse of every literal).
import MagicString from "magic-string";
import type { Plugin } from "vite";

/**
 * Where whitespace carries no meaning in CSS. Not before `:` (`.a :hover`) nor before `(`
 * (`and (max-width…)`); `+`, `-`, `*`, `/`, `>` are left alone (calc() needs their spaces).
 */
const TIGHT_BOTH = "{};,";
const TIGHT_AFTER = TIGHT_BOTH + ":(";
const TIGHT_BEFORE = TIGHT_BOTH + ")";

/**
 * Minifies one piece of CSS text as written in a template literal's raw source. `edges` says
 * whether the text starts and ends the literal; where it meets a `${…}` instead, one space is kept,
 * since the interpolated value is not known here. Strings and `\` escapes are copied untouched.
 */
export function minifyCssText(raw: string, edges: { start: boolean; end: boolean } = { start: true, end: true }): string {
  let out = "";
  let space = false; // whitespace (or a comment) seen since the last character written
  let tight = edges.start; // the last character written needs no space after it (unescaped)
  const write = (text: string, isTight: boolean) => {
    if (space && !tight && !TIGHT_BEFORE.includes(text)) out += " ";
    out += text;
    space = false;
    tight = isTight;
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (/\s/.test(char)) {
      space = true;
    } else if (char === "/" && raw[i + 1] === "*") {
      const close = raw.indexOf("*/", i + 2);
      if (close === -1) throw new Error(`unterminated CSS comment in: ${raw.slice(i, i + 40)}`);
      i = close + 1;
      space = true; // a comment separates tokens like whitespace does
    } else if (char === '"' || char === "'") {
      let end = i + 1;
      while (end < raw.length && raw[end] !== char) end += raw[end] === "\\" ? 2 : 1;
      write(raw.slice(i, end + 1), false);
      i = end;
    } else if (char === "\\") {
      // `\` escapes the next character (in CSS and in the template literal): copy both, as text.
      write(raw.slice(i, i + 2), false);
      i++;
    } else {
      // `;}` needs no `;` (only where both sit in this text: a `${…}` may end a declaration).
      if (char === "}" && out.endsWith(";") && tight) out = out.slice(0, -1);
      write(char, TIGHT_AFTER.includes(char));
    }
  }
  if (space && !edges.end && !tight) out += " ";
  return out;
}

export interface TemplateElement {
  start: number;
  end: number;
  value: { raw: string };
}

/** The quasis of every `css\`…\`` (tag: the identifier `css`) in an ESTree program. */
export function cssQuasis(node: unknown, found: TemplateElement[][] = []): TemplateElement[][] {
  if (Array.isArray(node)) for (const child of node) cssQuasis(child, found);
  else if (node && typeof node === "object") {
    const { type, tag, quasi } = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: TemplateElement[] } };
    if (type === "TaggedTemplateExpression" && tag?.type === "Identifier" && tag.name === "css" && quasi) found.push(quasi.quasis);
    for (const value of Object.values(node)) if (value && typeof value === "object") cssQuasis(value, found);
  }
  return found;
}

/** Minifies `css` literals in the widget's own sources (after Vite's TypeScript transform). */
export function minifyCssLiterals(): Plugin {
  return {
    name: "convex-chat-minify-css-literals",
    apply: "build",
    transform(code, id) {
      if (!id.includes("/widget/src/") || id.includes("/node_modules/") || !code.includes("css`")) return null;
      const edit = new MagicString(code);
      for (const quasis of cssQuasis(this.parse(code))) {
        quasis.forEach((quasi, index) => {
          // Offsets must be string indices; a mismatch would edit the wrong text.
          if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) this.error(`css literal offsets do not match in ${id}`);
          const edges = { start: index === 0, end: index === quasis.length - 1 };
          const minified = minifyCssText(quasi.value.raw, edges);
          if (minified === "") edit.remove(quasi.start, quasi.end);
          else if (minified !== quasi.value.raw) edit.overwrite(quasi.start, quasi.end, minified);
        });
      }
      return edit.hasChanged() ? { code: edit.toString(), map: edit.generateMap({ hires: true, source: id }) } : null;
    },
  };
}
