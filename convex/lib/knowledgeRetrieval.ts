// Retrieval for a reply: the site's passages closest to the visitor's question (with the previous
// question when this one is a short follow-up), above the relevance threshold.
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { ChatTurn } from "../providers";
import type { ReplyKnowledge } from "../providers/knowledge";
import { PASSAGES_PER_REPLY, RELEVANCE_THRESHOLD, knowledgeBaseIfConfigured, namespaceOf, passagesOf } from "./knowledgeBase";

/** A question of at most this many words is read with the one before it ("and to Canada?"). */
const FOLLOW_UP_WORDS = 5;

/** The text searched for: the visitor's last message, with the previous one when it is a short follow-up. */
export function searchQueryOf(history: readonly ChatTurn[]): string {
  const questions = history.filter((turn) => turn.role === "user").map((turn) => turn.content.trim());
  const last = questions.at(-1) ?? "";
  const previous = questions.at(-2);
  const short = last.split(/\s+/).filter(Boolean).length <= FOLLOW_UP_WORDS;
  return short && previous ? `${previous}\n${last}` : last;
}

/**
 * The knowledge for a reply on `siteId`: undefined when the deployment has no embedding model or
 * the site no knowledge (the reply is generated as before), else the relevant passages (maybe
 * none). A failing embedding endpoint is logged and the reply goes on without knowledge rather
 * than failing.
 */
export async function retrieveKnowledge(
  ctx: ActionCtx,
  siteId: Id<"sites">,
  history: readonly ChatTurn[],
): Promise<ReplyKnowledge | undefined> {
  const rag = knowledgeBaseIfConfigured();
  if (rag === null) return undefined;
  const query = searchQueryOf(history);
  if (query === "") return undefined;
  try {
    const namespace = await rag.getNamespace(ctx, { namespace: namespaceOf(siteId) });
    if (namespace === null) return undefined;
    const any = await rag.list(ctx, { namespaceId: namespace.namespaceId, status: "ready", limit: 1 });
    if (any.page.length === 0) return undefined;
    const { results, entries } = await rag.search(ctx, {
      namespace: namespaceOf(siteId),
      query,
      limit: PASSAGES_PER_REPLY,
      vectorScoreThreshold: RELEVANCE_THRESHOLD,
    });
    return { passages: passagesOf(results, entries) };
  } catch (error) {
    console.error(`Knowledge retrieval for site ${siteId} failed; answering without it:`, error);
    return undefined;
  }
}
