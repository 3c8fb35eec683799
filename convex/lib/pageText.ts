// What the knowledge base keeps of a fetched page: its title and readable text (no markup,
// scripts, styles or navigation), or, for a sitemap, its page URLs. Pure string work, no DOM:
// Convex actions have none, and the text only feeds embeddings and quotes, never a page.

const DROPPED_ELEMENTS = /<(script|style|noscript|template|svg|nav|header|footer|form|iframe|head)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAGS = /<\/?(p|div|section|article|main|aside|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|pre|br|hr)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  deg: "°",
  eacute: "é",
};

/** Decodes the HTML entities a help page uses (named ones above, and every numeric one). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A page's title (`<title>`, else its first `<h1>`) and its text, one paragraph per block. */
export function htmlToText(html: string): { title: string | undefined; text: string } {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = titleMatch ? clean(titleMatch[1].replace(/<[^>]*>/g, "")) : undefined;
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(body)?.[1] ?? body;
  const text = main
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(DROPPED_ELEMENTS, "\n")
    .replace(BLOCK_TAGS, "\n")
    .replace(/<[^>]*>/g, "")
    .split(/\n/)
    .map(clean)
    .filter((line) => line.length > 0)
    .join("\n\n");
  return { title: title || undefined, text };
}

/** Whether a body is a sitemap (`<urlset>` or `<sitemapindex>`), whatever its content type says. */
export function isSitemap(body: string): boolean {
  return /<(urlset|sitemapindex)\b/i.test(body.slice(0, 2_000));
}

/** The `<loc>` URLs of a sitemap, in order, duplicates dropped. */
export function sitemapUrls(xml: string): string[] {
  const urls = [...xml.matchAll(/<loc>\s*([\s\S]*?)\s*<\/loc>/gi)].map((m) =>
    decodeEntities(m[1].replace(/^<!\[CDATA\[|\]\]>$/g, "")).trim(),
  );
  return [...new Set(urls.filter((url) => url.length > 0))];
}

function clean(text: string): string {
  return decodeEntities(text).replace(/\s+/g, " ").trim();
}
