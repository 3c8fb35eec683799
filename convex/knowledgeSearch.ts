// The retrieval a reply runs, callable on its own by the deployment (never public): what the
// knowledge base returns for a question on a site. Used by the retrieval evaluation
// (bench/knowledge-retrieval.ts) and handy with `npx convex run` to see why a reply said what it did.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { chatError } from "./lib/errors";
import { retrieveKnowledge } from "./lib/knowledgeRetrieval";

/**
 * The passages a reply to `question` on `siteKey` would be grounded on (after the relevance
 * threshold and margin), best first; null when the site has no knowledge.
 */
export const passagesFor = internalAction({
  args: { siteKey: v.string(), question: v.string() },
  returns: v.union(v.array(v.object({ title: v.string(), url: v.optional(v.string()), text: v.string(), score: v.number() })), v.null()),
  handler: async (ctx, { siteKey, question }): Promise<{ title: string; url?: string; text: string; score: number }[] | null> => {
    const site: { siteId: string } | null = await ctx.runQuery(internal.knowledgeAccess.siteForSeeding, { siteKey });
    if (site === null) throw chatError("SITE_NOT_FOUND", `No site ${siteKey}.`);
    const knowledge = await retrieveKnowledge(ctx, site.siteId as never, [{ role: "user", content: question }]);
    return knowledge?.passages ?? null;
  },
});
