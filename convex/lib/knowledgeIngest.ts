// Adding to a site's knowledge base: validated text, chunked and embedded, stored under its key
// (a changed page replaces its old chunks), and pages or sitemaps fetched from the site's own
// origins. Shared by `knowledge:addText`, `knowledge:addUrl` and the deployment's seeding.
import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { chatError, invalidArgument } from "./errors";
import {
  KNOWLEDGE_LIMITS,
  chunkText,
  entryKey,
  knowledgeBase,
  knowledgeBaseIfConfigured,
  namespaceOf,
  type EntryMetadata,
} from "./knowledgeBase";
import { fetchSitePage, parsePageUrl, requireAllowedOrigin } from "./pageFetch";
import { htmlToText, isSitemap, sitemapUrls } from "./pageText";

/** An entry as `knowledge:list` and the add functions return it. */
export const knowledgeEntryValidator = v.object({
  entryId: v.string(),
  title: v.string(),
  url: v.optional(v.string()),
  /** Characters of text kept. */
  chars: v.number(),
  /** Passages it was split into. */
  chunks: v.number(),
  addedAt: v.number(),
});
export type KnowledgeEntry = { entryId: string; title: string; url?: string; chars: number; chunks: number; addedAt: number };

/** A text to add, as given. */
export type TextInput = { title: string; url?: string; text: string };

/** The site an ingest is for. */
export type SiteTarget = { siteId: Id<"sites">; allowedOrigins: string[] };

/** Trims and checks a text's fields; `INVALID_ARGUMENT` with the field at fault. */
export function validateTextInput(input: TextInput): { title: string; url: string | undefined; text: string } {
  const title = input.title.replace(/\s+/g, " ").trim();
  if (title.length === 0) throw invalidArgument("title", "Give the text a title (shown to visitors as its source).");
  if (title.length > KNOWLEDGE_LIMITS.titleChars)
    throw invalidArgument("title", `A title has at most ${KNOWLEDGE_LIMITS.titleChars} characters.`);
  const text = input.text.replace(/\r\n?/g, "\n").trim();
  if (text.length === 0) throw invalidArgument("text", "The text is empty.");
  if (text.length > KNOWLEDGE_LIMITS.textChars) {
    throw invalidArgument(
      "text",
      `A text has at most ${KNOWLEDGE_LIMITS.textChars.toLocaleString("en")} characters (this one has ${text.length.toLocaleString("en")}); split it into several.`,
    );
  }
  const url = input.url === undefined || input.url.trim() === "" ? undefined : parsePageUrl(input.url, KNOWLEDGE_LIMITS.urlChars).href;
  return { title, url, text };
}

/**
 * Adds (or replaces: same URL, else same title) one text in the site's namespace and returns the
 * entry. `KNOWLEDGE_FULL` when the site already has {@link KNOWLEDGE_LIMITS.entries} other entries;
 * `KNOWLEDGE_UNAVAILABLE` when the embedding model cannot be reached.
 */
export async function addTextEntry(ctx: ActionCtx, site: SiteTarget, input: TextInput): Promise<KnowledgeEntry> {
  const { title, url, text } = validateTextInput(input);
  const rag = knowledgeBase();
  const key = entryKey(title, url);
  const existing = await listEntries(ctx, site.siteId, KNOWLEDGE_LIMITS.entries + 1);
  if (existing.length >= KNOWLEDGE_LIMITS.entries && !existing.some((e) => e.key === key)) {
    throw chatError("KNOWLEDGE_FULL", `A site's knowledge holds at most ${KNOWLEDGE_LIMITS.entries} pages and texts: remove some first.`);
  }
  const chunks = chunkText(text);
  const metadata: EntryMetadata = { ...(url ? { url } : {}), chars: text.length, chunks: chunks.length, addedAt: Date.now() };
  try {
    const added = await rag.add(ctx, { namespace: namespaceOf(site.siteId), key, title, chunks, metadata });
    return {
      entryId: added.entryId,
      title,
      ...(url ? { url } : {}),
      chars: metadata.chars,
      chunks: metadata.chunks,
      addedAt: metadata.addedAt,
    };
  } catch (error) {
    if (error instanceof ConvexError) throw error;
    console.error("Adding knowledge failed:", error);
    throw chatError("KNOWLEDGE_UNAVAILABLE", "The embedding model did not answer; nothing was added. Try again later.");
  }
}

/** The outcome of adding a URL: the pages added, and those of a sitemap that could not be. */
export const addUrlResultValidator = v.object({
  added: v.array(knowledgeEntryValidator),
  skipped: v.array(v.object({ url: v.string(), reason: v.string() })),
});
export type AddUrlResult = { added: KnowledgeEntry[]; skipped: { url: string; reason: string }[] };

/**
 * Fetches `url` from the site's allowed origins and adds it: a page as one entry keyed by its
 * URL, a sitemap as its first {@link KNOWLEDGE_LIMITS.sitemapPages} pages (those outside the
 * site's origins or failing are skipped with a reason). Errors for the URL itself:
 * `INVALID_ARGUMENT` (`url`), `ORIGIN_NOT_ALLOWED`, `FETCH_FAILED`, and those of {@link addTextEntry}.
 */
export async function addUrlEntries(ctx: ActionCtx, site: SiteTarget, url: string): Promise<AddUrlResult> {
  const target = parsePageUrl(url, KNOWLEDGE_LIMITS.urlChars);
  requireAllowedOrigin(target, site.allowedOrigins); // before any request leaves
  const fetched = await fetchSitePage(target, site.allowedOrigins);
  if (!isSitemap(fetched.body)) return { added: [await addPage(ctx, site, fetched.url, fetched.body, fetched.contentType)], skipped: [] };
  const result: AddUrlResult = { added: [], skipped: [] };
  for (const pageUrl of sitemapUrls(fetched.body).slice(0, KNOWLEDGE_LIMITS.sitemapPages)) {
    try {
      const page = await fetchSitePage(parsePageUrl(pageUrl, KNOWLEDGE_LIMITS.urlChars), site.allowedOrigins);
      result.added.push(await addPage(ctx, site, page.url, page.body, page.contentType));
    } catch (error) {
      if (!(error instanceof ConvexError)) throw error;
      result.skipped.push({ url: pageUrl.slice(0, KNOWLEDGE_LIMITS.urlChars), reason: (error.data as { message: string }).message });
    }
  }
  if (result.added.length === 0 && result.skipped.length === 0) throw invalidArgument("url", "The sitemap lists no pages.");
  return result;
}

async function addPage(ctx: ActionCtx, site: SiteTarget, url: string, body: string, contentType: string): Promise<KnowledgeEntry> {
  const page = /html|xml/i.test(contentType) || /^\s*</.test(body) ? htmlToText(body) : { title: undefined, text: body };
  if (page.text.trim() === "") throw invalidArgument("url", `${url} has no text to learn from.`);
  const title = (page.title ?? new URL(url).pathname).slice(0, KNOWLEDGE_LIMITS.titleChars);
  return await addTextEntry(ctx, site, { title, url, text: page.text });
}

type ListedEntry = KnowledgeEntry & { key: string | undefined };

/** The site's ready entries, newest first, at most `limit`. */
export async function listEntries(
  ctx: Pick<ActionCtx, "runQuery">,
  siteId: Id<"sites">,
  limit: number = KNOWLEDGE_LIMITS.entries,
): Promise<ListedEntry[]> {
  const rag = knowledgeBaseIfConfigured();
  if (rag === null) return []; // no embedding model: nothing could have been added
  const namespace = await rag.getNamespace(ctx, { namespace: namespaceOf(siteId) });
  if (namespace === null) return [];
  const { page } = await rag.list(ctx, { namespaceId: namespace.namespaceId, status: "ready", limit, order: "desc" });
  return page.map((entry) => {
    const metadata = (entry.metadata ?? {}) as Partial<EntryMetadata>;
    return {
      entryId: entry.entryId,
      key: entry.key,
      title: entry.title ?? "Untitled",
      ...(typeof metadata.url === "string" ? { url: metadata.url } : {}),
      chars: metadata.chars ?? 0,
      chunks: metadata.chunks ?? 0,
      addedAt: metadata.addedAt ?? 0,
    };
  });
}
