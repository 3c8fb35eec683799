// The build's CSS minifier (scripts/css-literals-plugin.ts) must not change what the browser parses:
// for every `css` literal in the widget, and for tricky samples, a real Chromium's parse of the
// minified text (its CSSOM, serialized) equals its parse of the original.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { parseAst } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { cssQuasis, minifyCssText } from "../scripts/css-literals-plugin.ts";

const widgetSources = resolve(import.meta.dirname, "../widget/src");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * Chromium's serialization of `css` as a style sheet (declarations alone go inside `:host`).
 * Custom properties and var() fallbacks keep their tokens as written, so whitespace after `,` `(`
 * `:` and before `,` `)` is dropped from both sides of a comparison: no token can change there.
 */
async function parsed(css: string): Promise<string[]> {
  const rules = await page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text.includes("{") ? text : `:host{${text}}`);
    return [...sheet.cssRules].map((rule) => rule.cssText);
  }, css);
  return rules.map((rule) => rule.replace(/([,(:])\s+/g, "$1").replace(/\s+([,)])/g, "$1"));
}

/** Each `css` literal in the widget's sources: its raw text parts and the minified ones. */
function widgetLiterals(): { where: string; original: string[]; minified: string[] }[] {
  const files = readdirSync(widgetSources, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  return files.flatMap((file) => {
    const code = readFileSync(join(widgetSources, file), "utf8");
    if (!code.includes("css`")) return [];
    return cssQuasis(parseAst(code, { lang: "ts" })).map((quasis, index) => ({
      where: `${file} #${index + 1}`,
      original: quasis.map((quasi) => quasi.value.raw),
      minified: quasis.map((quasi, i) => minifyCssText(quasi.value.raw, { start: i === 0, end: i === quasis.length - 1 })),
    }));
  });
}

/** Joins a literal's parts the way every `${…}` in the widget is used: declarations in a block. */
const join$ = (parts: string[]) => parts.reduce((text, part, i) => `${text}--interpolated-${i}: 1px;${part}`);

describe("CSS literal minifier", () => {
  it("keeps the browser's parse of every css literal in the widget, and makes them smaller", async () => {
    const literals = widgetLiterals();
    expect(literals.length).toBeGreaterThanOrEqual(8);
    for (const { where, original, minified } of literals) {
      const before = await parsed(join$(original));
      expect(before.length, where).toBeGreaterThan(0);
      expect(await parsed(join$(minified)), where).toEqual(before);
    }
    const size = (parts: string[][]) => parts.flat().join("").length;
    expect(size(literals.map((l) => l.minified))).toBeLessThan(size(literals.map((l) => l.original)) * 0.85);
  });

  it("keeps whitespace and text that CSS needs", async () => {
    const samples: [string, string][] = [
      // A descendant combinator before a pseudo-class, and `and (` in a media query.
      [".a :hover { color: red; }", ".a :hover{color:red}"],
      [
        "@media screen and (max-width: 640px) {\n  .a > .b { margin: 0 auto; }\n}",
        "@media screen and (max-width:640px){.a > .b{margin:0 auto}}",
      ],
      // Spaces inside calc(), strings untouched (comment-like text and `;}` in them), escapes.
      [".a { width: calc(100% - 2 * var(--x, 1px)); }", ".a{width:calc(100% - 2 * var(--x,1px))}"],
      ['.a::before { content: "/* not a comment */  ;}"; }', '.a::before{content:"/* not a comment */  ;}"}'],
      [".a\\:b  .c { /* gone */ color : blue ; }", ".a\\:b .c{color :blue}"],
      ['.a { font-family: "Segoe UI", sans-serif !important; }', '.a{font-family:"Segoe UI",sans-serif !important}'],
    ];
    for (const [original, expected] of samples) {
      expect(minifyCssText(original)).toBe(expected);
      expect(await parsed(expected), original).toEqual(await parsed(original));
    }
    // Next to a `${…}` one space stays, since the interpolated text is unknown.
    expect(minifyCssText("  .a  ", { start: false, end: false })).toBe(" .a ");
    expect(minifyCssText(" }\n", { start: false, end: true })).toBe("}");
  });
});
