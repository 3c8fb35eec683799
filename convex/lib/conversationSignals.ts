// Typing marks and the visitor's presence in a conversation: one small document per conversation
// (`conversationSignals`), written often, read by the other side. A Convex query does not re-run
// because time passed, so each mark is an expiry (`...Until`, `visitorSeenAt`) that clients compare
// with their clock: a mark nobody clears still goes away by itself.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

/** How long a typing mark lasts after its last write. */
export const TYPING_TTL_MS = 5_000;
/** A mark still valid this long is not rewritten: at most one write per ~2 s while someone types. */
export const TYPING_REWRITE_MARGIN_MS = 3_000;
/** A visitor whose page said it is open within this long is on the page. */
export const VISITOR_ONLINE_MS = 60_000;
/** Heartbeats closer together than this write nothing (the page sends one every ~20 s). */
export const VISITOR_HEARTBEAT_WRITE_MS = 20_000;

export type TypingSide = "visitor" | "operator";

/** The conversation's signals document, or null when nothing was signalled yet. */
export async function signalsOf(ctx: QueryCtx, conversationId: Id<"conversations">): Promise<Doc<"conversationSignals"> | null> {
  return await ctx.db
    .query("conversationSignals")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
    .unique();
}

async function patchSignals(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  existing: Doc<"conversationSignals"> | null,
  patch: Partial<Doc<"conversationSignals">>,
) {
  if (existing === null) await ctx.db.insert("conversationSignals", { conversationId, ...patch });
  else await ctx.db.patch(existing._id, patch);
}

/**
 * Marks one side typing until now + {@link TYPING_TTL_MS} (`typing: true`), throttled: no write
 * while the stored mark is still good for more than {@link TYPING_REWRITE_MARGIN_MS}. `typing:
 * false` clears a live mark. `name`: the operator's display name, shown to the visitor.
 */
export async function setTyping(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  side: TypingSide,
  typing: boolean,
  name?: string,
): Promise<void> {
  const signals = await signalsOf(ctx, conversationId);
  const now = Date.now();
  const until = side === "visitor" ? signals?.visitorTypingUntil : signals?.operatorTypingUntil;
  if (!typing) {
    if (until !== undefined && until > now) await clearTyping(ctx, conversationId, side);
    return;
  }
  const sameName = side === "visitor" || signals?.operatorTypingName === name;
  if (until !== undefined && until > now + TYPING_REWRITE_MARGIN_MS && sameName) return;
  const mark = now + TYPING_TTL_MS;
  await patchSignals(
    ctx,
    conversationId,
    signals,
    side === "visitor" ? { visitorTypingUntil: mark } : { operatorTypingUntil: mark, operatorTypingName: name },
  );
}

/** Clears one side's typing mark (that side sent its message, or stopped typing). */
export async function clearTyping(ctx: MutationCtx, conversationId: Id<"conversations">, side: TypingSide): Promise<void> {
  const signals = await signalsOf(ctx, conversationId);
  if (signals === null) return;
  if (side === "visitor" && signals.visitorTypingUntil !== undefined) await ctx.db.patch(signals._id, { visitorTypingUntil: undefined });
  if (side === "operator" && signals.operatorTypingUntil !== undefined) {
    await ctx.db.patch(signals._id, { operatorTypingUntil: undefined, operatorTypingName: undefined });
  }
}

/** The visitor's page is open: recorded at most every {@link VISITOR_HEARTBEAT_WRITE_MS}. */
export async function visitorSeen(ctx: MutationCtx, conversationId: Id<"conversations">): Promise<void> {
  const signals = await signalsOf(ctx, conversationId);
  const now = Date.now();
  if (signals?.visitorSeenAt !== undefined && now - signals.visitorSeenAt < VISITOR_HEARTBEAT_WRITE_MS) return;
  await patchSignals(ctx, conversationId, signals, { visitorSeenAt: now });
}

/** A typing mark as readers get it: its expiry while it is live, else nothing. */
export function liveUntil(until: number | undefined, now = Date.now()): number | undefined {
  return until !== undefined && until > now ? until : undefined;
}
