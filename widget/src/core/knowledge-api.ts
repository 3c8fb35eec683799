// The site knowledge base's functions as the console calls them (convex/knowledge.ts). Framework-free.
import { makeFunctionReference } from "convex/server";

/** An entry of a site's knowledge (`knowledge:list`). */
export interface KnowledgeEntry {
  entryId: string;
  title: string;
  url?: string;
  chars: number;
  chunks: number;
  addedAt: number;
}

export const knowledgeApi = {
  list: makeFunctionReference<"query", { siteKey: string }, KnowledgeEntry[]>("knowledge:list"),
  addText: makeFunctionReference<"action", { siteKey: string; title: string; url?: string; text: string }, KnowledgeEntry>(
    "knowledge:addText",
  ),
  addUrl: makeFunctionReference<
    "action",
    { siteKey: string; url: string },
    { added: KnowledgeEntry[]; skipped: { url: string; reason: string }[] }
  >("knowledge:addUrl"),
  remove: makeFunctionReference<"action", { siteKey: string; entryId: string }, null>("knowledge:remove"),
};
