// Every visitor belongs to the one site they signed in on (`users.siteId`, written by the sign-in
// providers). Without this, a script could mint anonymous visitors on a site with generous limits
// and spend them on a strict one, where each is a fresh per-visitor bucket that no sign-in cap saw.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { chatError } from "./errors";

/**
 * Refuses a visitor on a site other than the one they signed in on: `SITE_MISMATCH` (the client
 * should sign in again on this site). A user without a recorded site is refused too.
 */
export async function requireVisitorOfSite(ctx: QueryCtx, userId: Id<"users">, site: Pick<Doc<"sites">, "_id">): Promise<void> {
  const user = await ctx.db.get(userId);
  if (user?.siteId !== site._id) {
    throw chatError("SITE_MISMATCH", "This visitor signed in on another site; sign in again on this one.");
  }
}
