// A site's knowledge base on @convex-dev/rag: one namespace per site (named by the site's id, so a
// search can only ever reach that site's text), entries keyed by their page URL or title so that
// adding a changed page replaces its chunks, and the limits every way in shares.
import { RAG, type SearchResult } from "@convex-dev/rag";
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
/**
 * How far below the best passage another may score and still be used (and cited): a page that
 * is only loosely related to the question is left out rather than shown as a source.
 */
export const RELEVANCE_MARGIN = 0.15;

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

/** Passage sizes in characters: short ones (a heading) join the next; long ones split at sentences. */
export const CHUNK_CHARS = { min: 120, max: 800 } as const;

/**
 * Splits a text into passages: one per paragraph, a short paragraph (a heading, a one-liner)
 * joined to the next, a long one split between sentences. Passages about one topic each keep a
 * sentence encoder's vector sharp; a whole page would average its topics away.
 */
export function chunkText(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]+/g, " ").trim())
    .filter((p) => p.length > 0)
    .flatMap(splitLong);
  const chunks: string[] = [];
  let pending = "";
  for (const paragraph of paragraphs) {
    const joined = pending ? `${pending}\n${paragraph}` : paragraph;
    if (joined.length < CHUNK_CHARS.min) pending = joined;
    else if (pending && joined.length > CHUNK_CHARS.max) {
      chunks.push(pending);
      pending = paragraph.length < CHUNK_CHARS.min ? paragraph : (chunks.push(paragraph), "");
    } else {
      chunks.push(joined);
      pending = "";
    }
  }
  if (pending) chunks.push(pending);
  return chunks;
}

/** A paragraph over {@link CHUNK_CHARS.max} as pieces cut between sentences (or hard, for a run-on). */
function splitLong(paragraph: string): string[] {
  if (paragraph.length <= CHUNK_CHARS.max) return [paragraph];
  const pieces: string[] = [];
  let piece = "";
  for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
    if (piece && piece.length + sentence.length + 1 > CHUNK_CHARS.max) {
      pieces.push(piece);
      piece = "";
    }
    piece = piece ? `${piece} ${sentence}` : sentence;
    while (piece.length > CHUNK_CHARS.max) {
      pieces.push(piece.slice(0, CHUNK_CHARS.max));
      piece = piece.slice(CHUNK_CHARS.max);
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The key an entry is replaced by: its URL when it has one, else its title. */
export function entryKey(title: string, url: string | undefined): string {
  return url ?? `title:${title.toLowerCase()}`;
}

/** Passages of the search results, best first, each with its entry's title and URL. */
export function passagesOf(
  results: SearchResult[],
  entries: { entryId: string; title?: string; metadata?: Record<string, unknown> }[],
): Passage[] {
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
    .sort((a, b) => b.score - a.score)
    .filter((passage, _, [best]) => passage.score >= best.score - RELEVANCE_MARGIN);
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
