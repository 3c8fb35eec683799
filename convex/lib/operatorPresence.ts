// Whether a site's operators are around: each console sends a heartbeat (`inbox:heartbeat`); an
// operator seen within {@link OPERATOR_ONLINE_MS} who is not away is online. A small table rather
// than @convex-dev/presence, whose batch worker and scheduled cleanups this app does not need.
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

/** An operator seen within this long (and not away) is online. */
export const OPERATOR_ONLINE_MS = 60_000;
/** Heartbeats closer together than this write nothing unless away changed (consoles send one every ~20 s). */
export const OPERATOR_HEARTBEAT_WRITE_MS = 20_000;
/** Most heartbeats looked at to decide whether anyone is online. */
const PRESENCE_LOOKUP_LIMIT = 100;

/** Records an operator's heartbeat (throttled: see {@link OPERATOR_HEARTBEAT_WRITE_MS}). */
export async function operatorHeartbeat(ctx: MutationCtx, siteId: Id<"sites">, userId: Id<"users">, away: boolean): Promise<void> {
  const now = Date.now();
  const row = await ctx.db
    .query("operatorPresence")
    .withIndex("by_siteId_and_userId", (q) => q.eq("siteId", siteId).eq("userId", userId))
    .unique();
  if (row === null) {
    await ctx.db.insert("operatorPresence", { siteId, userId, lastSeenAt: now, away });
  } else if (row.away !== away || now - row.lastSeenAt >= OPERATOR_HEARTBEAT_WRITE_MS) {
    await ctx.db.patch(row._id, { lastSeenAt: now, away });
  }
}

/**
 * Whether an operator of the site is online now, and until when that holds without a new heartbeat
 * (`onlineUntil`, ms): a query does not re-run as time passes, so clients compare it with their clock.
 */
export async function operatorsOnline(ctx: QueryCtx, siteId: Id<"sites">): Promise<{ online: boolean; onlineUntil?: number }> {
  const now = Date.now();
  const recent = await ctx.db
    .query("operatorPresence")
    .withIndex("by_siteId_and_lastSeenAt", (q) => q.eq("siteId", siteId).gt("lastSeenAt", now - OPERATOR_ONLINE_MS))
    .order("desc")
    .take(PRESENCE_LOOKUP_LIMIT);
  const newest = recent.find((row) => !row.away);
  return newest === undefined ? { online: false } : { online: true, onlineUntil: newest.lastSeenAt + OPERATOR_ONLINE_MS };
}
