// A site's knowledge base on @convex-dev/rag: one namespace per site (named by the site's id, so a
// search can only ever reach that site's text), entries keyed by their page URL or title so that
// adding a changed page replaces its chunks, and the limits every way in shares.
import { RAG, defaultChunker, type SearchResult } from "@convex-dev/rag";
import { components } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { embeddingConfigFromEnv } from "./embeddingModel";
import { chatError } from "./errors";
import type { Source } from "../validators";

/** Limits of one site's knowledge base (README, "Knowledge"). */
export const KNOWLEDGE_LIMITS = {
  /** Entries (pages and texts) per site. */
  entries: 200,
  /** Characters of one entry's text (about 30 pages of prose). */
  textChars: 50_000,
  titleChars: 200,
  urlChars: 2_048,
  /** Pages taken from one sitemap. */
  sitemapPages: 25,
} as const;

/** Passages a reply is grounded on, at most. */
export const PASSAGES_PER_REPLY = 3;
/**
 * Cosine similarity a passage needs to count as relevant to the question. Chosen on the demo
 * knowledge base's evaluation (bench/knowledge-retrieval.ts): answering questions score 0.45–0.8
 * with the local model, unrelated ones below 0.3.
 */
export const RELEVANCE_THRESHOLD = 0.35;


/** What an entry carries besides its text (rag's `metadata`). */
export type EntryMetadata = { url?: string; chars: number; chunks: number; addedAt: number };

/** A retrieved passage: its text, where it came from and how close it is to the question. */
export type Passage = Source & { text: string; score: number };

/** The namespace of a site's knowledge: its id, never its key (keys are public and could be reused). */
export function namespaceOf(siteId: Id<"sites">): string {
  return `site:${siteId}`;
}

/** The knowledge base over the configured embedding model; `KNOWLEDGE_UNAVAILABLE` when none is. */
export function knowledgeBase(): RAG<Record<string, never>, EntryMetadata> {
  const config = embeddingConfigFromEnv();
  if (config === null) {
    throw chatError("KNOWLEDGE_UNAVAILABLE", "This deployment has no embedding model (set EMBEDDINGS_BASE_URL).");
  }
  return new RAG<Record<string, never>, EntryMetadata>(components.rag, {
    textEmbeddingModel: config.model,
    embeddingDimension: config.dimensions,
  });
}

/** The knowledge base, or null when no embedding model is configured (replies then skip retrieval). */
export function knowledgeBaseIfConfigured(): RAG<Record<string, never>, EntryMetadata> | null {
  return embeddingConfigFromEnv() === null ? null : knowledgeBase();
}

/**
 * Splits a text into passages: paragraphs grouped to 100–700 characters. Short passages keep a
 * sentence encoder's vector about one topic (a whole page averages its topics away).
 */
export function chunkText(text: string): string[] {
  return defaultChunker(text, { minCharsSoftLimit: 100, maxCharsSoftLimit: 700, maxCharsHardLimit: 2_000 })
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0);
}

/** The key an entry is replaced by: its URL when it has one, else its title. */
export function entryKey(title: string, url: string | undefined): string {
  return url ?? `title:${title.toLowerCase()}`;
}

/** Passages of the search results, best first, each with its entry's title and URL. */
export function passagesOf(results: SearchResult[], entries: { entryId: string; title?: string; metadata?: Record<string, unknown> }[]): Passage[] {
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  return results
    .map((result) => {
      const entry = byId.get(result.entryId);
      const url = typeof entry?.metadata?.url === "string" ? entry.metadata.url : undefined;
      return {
        title: entry?.title ?? "Untitled",
        ...(url ? { url } : {}),
        text: result.content.map((c) => c.text).join("\n"),
        score: result.score,
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** The distinct sources of `passages`, in order (one per page even when several passages came from it). */
export function sourcesOf(passages: readonly Passage[]): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const { title, url } of passages) {
    const key = url ?? `title:${title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push(url ? { title, url } : { title });
  }
  return sources;
}
