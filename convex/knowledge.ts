// A site's knowledge base, managed by its owners (console and API): texts and pages that replies
// are grounded on and cite (README, "Knowledge"). Stored with @convex-dev/rag, one namespace per
// site (lib/knowledgeBase.ts). Adding and removing embed or delete through the component, so they
// are actions; the caller is derived from auth in `knowledgeAccess:ownedSite`.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalAction, query } from "./_generated/server";
import { chatError } from "./lib/errors";
import { knowledgeBase } from "./lib/knowledgeBase";
import {
  addTextEntry,
  addUrlEntries,
  addUrlResultValidator,
  knowledgeEntryValidator,
  listEntries,
  type AddUrlResult,
  type KnowledgeEntry,
  type SiteTarget,
} from "./lib/knowledgeIngest";
import { requireOperator } from "./lib/operators";

/**
 * Adds a text (an FAQ answer, a policy) to the site's knowledge, or replaces the one with the same
 * `url` (else the same title). `title` is what visitors see as the source; `url`, if given, makes
 * it a link (http(s)). Owners only. Errors: `UNAUTHENTICATED`, `NOT_FOUND`, `FORBIDDEN`,
 * `INVALID_ARGUMENT` (`title` 1–200, `text` 1–50,000 characters, `url`), `KNOWLEDGE_FULL` (200
 * entries), `KNOWLEDGE_UNAVAILABLE` (no embedding model, or it failed).
 */
export const addText = action({
  args: { siteKey: v.string(), title: v.string(), url: v.optional(v.string()), text: v.string() },
  returns: knowledgeEntryValidator,
  handler: async (ctx, { siteKey, ...input }): Promise<KnowledgeEntry> => {
    const site: SiteTarget = await ctx.runQuery(internal.knowledgeAccess.ownedSite, { siteKey });
    return await addTextEntry(ctx, site, input);
  },
});

/**
 * Fetches a page, or a sitemap's pages (at most 25), of the site and adds them, each replacing the
 * entry with the same URL. Only URLs on the site's allowed origins are fetched (redirects
 * included). Owners only. Errors as `addText`, and `ORIGIN_NOT_ALLOWED`, `FETCH_FAILED` (no answer
 * in 10 s, not 2xx, over 1 MB); a sitemap's failing pages are returned in `skipped`.
 */
export const addUrl = action({
  args: { siteKey: v.string(), url: v.string() },
  returns: addUrlResultValidator,
  handler: async (ctx, { siteKey, url }): Promise<AddUrlResult> => {
    const site: SiteTarget = await ctx.runQuery(internal.knowledgeAccess.ownedSite, { siteKey });
    return await addUrlEntries(ctx, site, url);
  },
});

/** The site's knowledge, newest first (at most 200). Owners only; errors as `requireOperator`. */
export const list = query({
  args: { siteKey: v.string() },
  returns: v.array(knowledgeEntryValidator),
  handler: async (ctx, { siteKey }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    return (await listEntries(ctx, site._id)).map(({ key: _key, ...entry }) => entry);
  },
});

/**
 * Removes an entry and its passages. Owners only; an entry of another site, or none, is
 * `NOT_FOUND` (the same answer).
 */
export const remove = action({
  args: { siteKey: v.string(), entryId: v.string() },
  returns: v.null(),
  handler: async (ctx, { siteKey, entryId }): Promise<null> => {
    const site: SiteTarget = await ctx.runQuery(internal.knowledgeAccess.ownedSite, { siteKey });
    // Looked up among this site's own entries: an id from another namespace is never reached.
    const entries = await listEntries(ctx, site.siteId);
    const entry = entries.find((e) => e.entryId === entryId);
    if (!entry) throw chatError("NOT_FOUND", "No such entry in this site's knowledge.");
    await knowledgeBase().delete(ctx, { entryId: entry.entryId as never });
    return null;
  },
});

/**
 * The deployment's seeding of a site's knowledge from its own pages (`npm start` seeds the demo's
 * help pages): like `addUrl` for each URL, without an owner. Never public.
 */
export const seedPages = internalAction({
  args: { siteKey: v.string(), urls: v.array(v.string()) },
  returns: v.array(addUrlResultValidator),
  handler: async (ctx, { siteKey, urls }): Promise<AddUrlResult[]> => {
    const site: SiteTarget | null = await ctx.runQuery(internal.knowledgeAccess.siteForSeeding, { siteKey });
    if (site === null) throw chatError("SITE_NOT_FOUND", `No site ${siteKey}.`);
    const results: AddUrlResult[] = [];
    for (const url of urls) results.push(await addUrlEntries(ctx, site, url));
    return results;
  },
});
